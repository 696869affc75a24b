import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from editorial.models import Page

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locs(response):
    root = ET.fromstring(response.content)
    return {url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root}


def test_sitemap_xml_parses_and_lists_a_published_page_with_lastmod(client, live_page):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locs = _locs(response)
    assert locs["https://runlocalai.test/about-us/"] == f"{live_page.updated_at:%Y-%m-%d}"
    assert "https://runlocalai.test/" in locs


def test_sitemap_excludes_drafts(client, make_page, editor):
    make_page(by=editor, slug="draft-page", title="Draft page")

    assert "https://runlocalai.test/draft-page/" not in _locs(client.get("/sitemap.xml"))
    assert "Draft page" not in client.get("/sitemap/").text


def test_robots_txt_points_at_the_sitemap(client, db):
    assert "Sitemap: https://runlocalai.test/sitemap.xml" in client.get("/robots.txt").text


@pytest.fixture
def shipped(shipped_module, db):
    return None


def test_sitemap_lists_every_content_type(client, shipped):
    locs = _locs(client.get("/sitemap.xml"))

    for path in (
        "/models/qwen3-8b/",
        "/hardware/nvidia-geforce-rtx-3090/",
        "/tools/ollama/",
        "/glossary/kv-cache/",
        "/learn/local-ai-from-zero/",
        "/learn/local-ai-from-zero/what-a-model-is/",
        "/pulse/gpt-oss-released/",
        "/start/",
        "/about/",
    ):
        assert f"https://runlocalai.test{path}" in locs, path
    assert any("/benchmarks/" in loc and loc.count("/") > 4 for loc in locs)
    assert any("/glossary/category/" in loc for loc in locs)


def test_every_sitemap_url_answers_200(shipped):
    client = Client(raise_request_exception=False)
    locs = _locs(client.get("/sitemap.xml"))
    paths = [loc.removeprefix("https://runlocalai.test") for loc in locs]

    failing = [(path, client.get(path).status_code) for path in paths]

    assert [(path, status) for path, status in failing if status != 200] == []


def test_html_sitemap_groups_pages_by_section(client, shipped):
    response = client.get("/sitemap/")

    assert response.status_code == 200
    for heading in ("Models", "Hardware", "Glossary", "Learn: chapters", "Pulse"):
        assert f">{heading}</h2>" in response.text
    assert 'href="/learn/local-ai-from-zero/what-a-model-is/"' in response.text


def test_sitemaps_take_one_content_query(client, shipped, django_assert_num_queries):
    # One UNION over every publishable type, plus the content version that
    # dates the response (Last-Modified).
    with django_assert_num_queries(2):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap/")


def test_unpublishing_removes_a_page_from_the_sitemap(client, shipped, reviewer):
    explained = Page.objects.get(slug="explained")
    explained.archive(by=reviewer)

    assert "https://runlocalai.test/explained/" not in _locs(client.get("/sitemap.xml"))
