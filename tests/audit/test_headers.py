"""The production settings' headers grade A+ on the scale of Mozilla's HTTP Observatory."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from runlocalai.audit import observatory

# Pages whose headers do not depend on content (the database may be empty): a public
# page, the admin login (which sets the CSRF cookie), a form, a 404 and a static file.
PATHS = ["/", "/admin/login/", "/newsletter/", "/no-such-page/", "/static/css/site.css"]

SERVE = """
import json, sys, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="runlocalai.example", raise_request_exception=False)
served = {}
for path in sys.argv[1:]:
    secure = client.get(path, secure=True, headers={"Origin": "https://elsewhere.example"})
    plain = client.get(path)
    served[path] = {
        "status": secure.status_code,
        "headers": dict(secure.headers),
        "cookies": [morsel.OutputString() for morsel in secure.cookies.values()],
        "body": b"".join(secure).decode("utf-8", "replace")
        if secure.streaming else secure.content.decode("utf-8", "replace"),
        "http_status": plain.status_code,
        "http_location": plain.get("Location", ""),
    }
print(json.dumps(served))
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The PATHS as production settings (.env.production.example) serve them."""
    static_root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_ENV_FILE": str(settings.BASE_DIR / ".env.production.example"),
        "DJANGO_SETTINGS_MODULE": "runlocalai.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
    }
    for development_only in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(development_only, None)

    def run(*args):
        result = subprocess.run(
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    run("manage.py", "collectstatic", "--noinput", "-v0")
    return json.loads(run("-c", SERVE, *PATHS).strip().splitlines()[-1])


@pytest.mark.parametrize("path", PATHS)
def test_production_headers_grade_a_plus(served, path):
    page = served[path]
    headers = dict(page["headers"])
    if page["cookies"]:
        headers["Set-Cookie"] = page["cookies"]

    graded = observatory.grade(
        observatory.Response(
            url="https://runlocalai.example" + path,
            status=page["status"],
            headers=headers,
            body=page["body"],
            http_status=page["http_status"],
            http_location=page["http_location"],
            request_origin="https://elsewhere.example",
        )
    )

    assert graded.failures() == []
    assert graded.grade == "A+", graded.results


def test_plain_http_is_redirected_to_https_on_the_same_host(served):
    assert served["/"]["http_status"] == 301
    assert served["/"]["http_location"] == "https://runlocalai.example/"


def test_the_admin_login_cookie_is_hardened(served):
    (cookie,) = served["/admin/login/"]["cookies"]

    assert cookie.startswith("__Host-csrftoken=")
    assert "Secure" in cookie
    assert "SameSite=Lax" in cookie
