"""Production settings, loaded from .env.production.example as a deployment would."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

SERVE_HOME = """
import json, django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="runlocalai.example").get("/", secure=True)
print(json.dumps({"status": response.status_code, "cookies": list(response.cookies),
                  "headers": dict(response.headers)}))
"""


def _production_env(static_root):
    env = {
        **os.environ,
        "DJANGO_ENV_FILE": str(settings.BASE_DIR / ".env.production.example"),
        "DJANGO_SETTINGS_MODULE": "runlocalai.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_STATIC_ROOT": str(static_root),
    }
    for development_only in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(development_only, None)
    if "DATABASE_URL" not in os.environ:
        # The example's database is a placeholder; without a DATABASE_URL of
        # its own the run uses the embedded server, like the tests.
        env["DATABASE_URL"] = ""
    return env


def _run(args, static_root):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=_production_env(static_root),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_production_example(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)

    assert result.returncode == 0, result.stderr


def test_production_settings_serve_the_home_page_with_hardened_headers(tmp_path):
    collected = _run(["manage.py", "collectstatic", "--noinput", "-v0"], tmp_path)
    assert collected.returncode == 0, collected.stderr

    result = _run(["-c", SERVE_HOME], tmp_path)

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["status"] == 200
    assert served["cookies"] == []
    headers = served["headers"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
