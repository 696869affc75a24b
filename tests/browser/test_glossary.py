import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/glossary/", "/glossary/kv-cache/", "/search/?q=kv+cache"])
def test_glossary_and_search_have_no_accessibility_violations(
    content, open_page, axe_violations, path, color_scheme
):
    page, errors = open_page(path, color_scheme=color_scheme)

    assert axe_violations(page) == []
    assert errors == []


def test_header_search_box_fits_a_narrow_screen(content, open_page):
    page, _ = open_page("/glossary/", viewport={"width": 360, "height": 740})

    box = page.locator("#site-search-q").bounding_box()
    assert box["width"] >= 150
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_glossary_filter_updates_results_live(content, open_page):
    page, _ = open_page("/glossary/")
    page.wait_for_function("() => window.htmx !== undefined")

    page.fill("#id_q", "kv cache")
    page.wait_for_function("() => location.search.includes('q=kv')")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('GGUF')")

    assert page.locator("#results a", has_text="Quantized KV cache").count() == 1
    assert page.locator("#results a", has_text="GGUF").count() == 0


def test_glossary_filter_works_without_javascript(content, open_page):
    page, _ = open_page("/glossary/", java_script_enabled=False)

    page.fill("#id_q", "gguf")
    page.click(".glossary-filter button[type=submit]")

    assert "q=gguf" in page.url
    assert page.locator("#results a", has_text="GGUF").count() >= 1
