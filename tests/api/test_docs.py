import re

from catalog.api import openapi


def test_docs_page_lists_every_endpoint_the_description_has(client, db):
    response = client.get("/api/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    for path in openapi.description()["paths"]:
        assert f"<code>GET {path}</code>" in response.text
    assert 'href="/api/v1/openapi.json"' in response.text


def test_docs_page_states_licence_limits_versioning_and_downloads(client, db):
    text = client.get("/api/").text

    assert 'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in text
    assert "keep the terms of their sources" in text
    assert "120 requests a minute" in text
    assert "<code>429</code>" in text
    assert "If-None-Match" in text
    assert "Access-Control-Allow-Origin: *" in text
    assert 'href="/api/v1/export.zip"' in text
    assert re.search(r"runlocalai-data-\d{4}-\d{2}-\d{2}\.zip", text)
    assert 'href="/hardware/export.csv?kind=build"' in text
    assert "/api/v2/" in text
    assert "curl '" in text


def test_docs_page_documents_filters_from_the_index_forms(client, db):
    text = client.get("/api/").text

    assert "<code>min_context</code>" in text
    assert "tiny, small, medium, large, huge" in text


def test_docs_page_is_cheap_and_csp_clean(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        text = client.get("/api/").text

    assert "<script>" not in text
    assert " style=" not in text


def test_footer_links_the_docs(client, db):
    assert '<a href="/api/">API and data</a>' in client.get("/models/").text
