import pytest
from django.core.management import call_command

from editorial.models import ErrorFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "/guides/best-gpu-for-local-ai/",
        "/errors/cuda-out-of-memory/",
        "/errors/",
        "/quick-answers/",
        "/troubleshooting/gpu-not-used/",
        "/prompting-kits/coding-assistant/",
    ],
)
def test_reference_pages_have_no_accessibility_violations(
    content, open_page, axe_violations, path, color_scheme
):
    page, errors = open_page(path, color_scheme=color_scheme)

    assert axe_violations(page) == []
    assert errors == []


def test_error_feedback_loads_into_the_page_and_posts_without_reload(
    content, open_page, axe_violations
):
    page, errors = open_page("/errors/cuda-out-of-memory/")
    page.wait_for_function("() => window.htmx !== undefined")

    page.locator("#feedback").scroll_into_view_if_needed()
    page.wait_for_selector("#feedback form")
    assert axe_violations(page) == []
    page.get_by_label("Yes").check()
    page.get_by_label("What happened? (optional)").fill("Lowering the context fixed it.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("#feedback [role=status]")

    assert ErrorFeedback.objects.get().comment == "Lowering the context fixed it."
    assert errors == []


def test_error_feedback_works_without_javascript(content, open_page):
    page, _ = open_page("/errors/cuda-out-of-memory/", java_script_enabled=False)

    page.get_by_role("link", name="Tell the editors whether these steps worked").click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Send").click()

    assert "Thanks" in page.locator("main").inner_text()
    assert ErrorFeedback.objects.get().helped is False
