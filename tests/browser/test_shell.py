import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/models/"])
def test_pages_have_no_accessibility_violations(open_page, axe_violations, path, color_scheme):
    page, _ = open_page(path, color_scheme=color_scheme)

    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/hardware/", "/no-such-page/", "/admin/login/"])
def test_pages_load_without_console_or_csp_errors(open_page, path):
    page, errors = open_page(path)
    page.wait_for_load_state("networkidle")

    expected = ["404 (Not Found)"] if path == "/no-such-page/" else []
    assert [e for e in errors if not any(x in e for x in expected)] == []


def test_htmx_loads_under_the_content_security_policy(open_page):
    page, errors = open_page("/")

    page.wait_for_function("() => window.htmx !== undefined")
    assert errors == []


def test_skip_link_is_first_and_moves_focus_to_main(open_page):
    page, _ = open_page("/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links(open_page):
    page, _ = open_page("/")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("width", [360, 768, 1600])
def test_layout_never_scrolls_sideways(open_page, width):
    page, _ = open_page("/", viewport={"width": width, "height": 800})

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_site_works_without_javascript(open_page):
    page, _ = open_page("/", java_script_enabled=False)

    page.get_by_role("link", name="Run check").click()
    assert page.url.endswith("/will-it-run/")
    assert page.get_by_role("heading", level=1).inner_text() == "Will it run?"


def test_dark_scheme_changes_the_palette(open_page):
    light, _ = open_page("/", color_scheme="light")
    dark, _ = open_page("/", color_scheme="dark")

    script = "getComputedStyle(document.body).backgroundColor"
    assert light.evaluate(script) != dark.evaluate(script)
