import re

import pytest
from django.urls import reverse

from runlocalai import navigation

PATHS = ["/", *navigation.all_paths()]


def test_every_navigation_link_answers_with_a_complete_page(client, shipped_content):
    problems = []
    for path in PATHS:
        response = client.get(path)
        text = response.text
        checks = {
            "status 200": response.status_code == 200,
            "title": re.search(r"<title>[^<]{10,}</title>", text),
            "description": re.search(r'<meta name="description" content="[^"]{30,}">', text),
            "canonical": f'<link rel="canonical" href="https://runlocalai.test{path}">' in text,
            "og:title": '<meta property="og:title"' in text,
            "og:url": f'<meta property="og:url" content="https://runlocalai.test{path}">' in text,
        }
        problems += [f"{path}: {name}" for name, ok in checks.items() if not ok]

    assert problems == []


def test_header_shows_navigation_and_run_check_button(client, db):
    response = client.get("/")

    labels = re.findall(r'<nav class="site-nav".*?</nav>', response.text, re.S)[0]
    for link in navigation.HEADER:
        assert f'href="{link.path}"' in labels
        assert f">{link.label}</a>" in labels
    assert 'class="button button--primary run-check" href="/will-it-run/">Run check' in (
        response.text
    )


def test_footer_shows_every_group_newsletter_disclosure_and_version(client, db, settings):
    response = client.get("/models/")

    for group, links in navigation.FOOTER:
        assert f">{group}</h2>" in response.text
        for link in links:
            assert f'<a href="{link.path}">{link.label}</a>' in response.text
    assert "The monthly digest" in response.text
    assert "Affiliate disclosure" in response.text
    assert f"v{settings.SITE_VERSION}" in response.text


def test_section_pages_have_breadcrumbs(client, db):
    response = client.get("/hardware/")

    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in response.text
    assert '<span aria-current="page">Hardware</span>' in response.text


def test_skip_link_targets_main(client, db):
    response = client.get("/")

    assert '<a class="skip-link" href="#main">' in response.text
    assert '<main id="main"' in response.text


def test_public_pages_set_no_cookie_and_are_cacheable(client, db):
    response = client.get("/")

    assert response.cookies == {}
    assert "public" in response["Cache-Control"]


def test_public_pages_have_no_inline_scripts_or_styles(client, db):
    response = client.get("/")

    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text) is None
    assert "<style" not in response.text
    assert " style=" not in response.text


def test_security_headers_on_home_page(client, db):
    response = client.get("/", secure=True)

    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-" not in csp
    assert "frame-ancestors 'none'" in csp
    hsts = int(re.search(r"max-age=(\d+)", response["Strict-Transport-Security"])[1])
    assert hsts >= 31536000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_unknown_page_gets_the_custom_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "No page at this address" in response.text
    assert "site-nav" in response.text


def test_server_error_page_renders_on_its_own(rf):
    from runlocalai.views import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert b"Something broke on our side" in response.content


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: https://runlocalai.test/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text


def test_favicon_ico_redirects_to_the_svg_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


@pytest.mark.parametrize("path", ["/", "/models/", "/robots.txt", "/healthz"])
def test_public_pages_refuse_writes(client, db, path):
    response = client.post(path)

    assert response.status_code == 405


def test_admin_login_page_loads(client, db):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert "default-src 'none'" in response["Content-Security-Policy"]
