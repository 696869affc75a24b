"""/explained/ and /start/: shipped Pages with engine figures and in-page navigation."""

import re

import pytest


@pytest.fixture
def shipped(shipped_module, db):
    return None


def test_explained_and_start_are_published_pages(client, shipped):
    for path in ("/explained/", "/start/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Section in preparation" not in response.text


def test_start_renders_engine_verdicts_instead_of_shortcodes(client, shipped):
    response = client.get("/start/")

    assert "[[fit" not in response.text
    assert "[figure unavailable]" not in response.text
    assert re.search(r"runs comfortably|runs with trade-offs|won.t run", response.text)


def test_start_links_to_each_operating_system_section(client, shipped):
    text = client.get("/start/").text

    for anchor in ("windows", "macos", "linux"):
        assert f'<h2 id="{anchor}">' in text
        assert f'href="#{anchor}"' in text


def test_page_with_shortcodes_keeps_a_constant_query_count(
    client, shipped, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get("/start/")
