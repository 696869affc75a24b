import pytest
from django.core import mail

from newsletter.models import Subscriber, SubscriberState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def inline_tasks(settings):
    """No worker runs beside the live server: tasks run when their transaction commits."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _fill_and_submit(page, email):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Send me the RunLocalAI monthly digest").check()
    page.get_by_role("button", name="Subscribe").click()


def test_subscribe_with_javascript_swaps_in_the_thanks(open_page):
    page, errors = open_page("/newsletter/")
    page.wait_for_function("() => window.htmx !== undefined")

    _fill_and_submit(page, "js@example.com")

    page.get_by_text("Check your inbox.").wait_for()
    assert page.url.endswith("/newsletter/")
    assert Subscriber.objects.get().state == SubscriberState.PENDING
    assert [m.to for m in mail.outbox] == [["js@example.com"]]
    assert errors == []


def test_subscribe_without_javascript_posts_and_redirects(open_page):
    page, _ = open_page("/newsletter/", java_script_enabled=False)

    _fill_and_submit(page, "nojs@example.com")

    page.get_by_text("we sent a confirmation link to that address").wait_for()
    assert Subscriber.objects.get().email == "nojs@example.com"
    assert [m.to for m in mail.outbox] == [["nojs@example.com"]]


def test_missing_consent_shows_the_error_in_place(open_page):
    page, _ = open_page("/newsletter/")
    page.wait_for_function("() => window.htmx !== undefined")

    page.get_by_label("Email address").fill("js@example.com")
    page.get_by_role("button", name="Subscribe").click()

    page.get_by_text("Tick the box to agree").wait_for()
    assert page.get_by_label("Email address").input_value() == "js@example.com"
    assert not Subscriber.objects.exists()


def test_footer_block_loads_the_form_on_a_content_page(open_page, live_server):
    page, errors = open_page("/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.context.cookies() == []

    page.locator(".newsletter-block").get_by_role("link", name="Get the digest").click()
    _fill_and_submit(page, "footer@example.com")

    page.get_by_text("Check your inbox.").wait_for()
    assert Subscriber.objects.get().consents.get().page == "/"
    assert errors == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_signup_page_has_no_accessibility_violations(open_page, axe_violations, color_scheme):
    page, _ = open_page("/newsletter/", color_scheme=color_scheme)

    assert axe_violations(page) == []


def test_signup_errors_have_no_accessibility_violations(open_page, axe_violations):
    # axe needs JavaScript; htmx swaps the re-rendered form in place.
    page, _ = open_page("/newsletter/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_label("Email address").fill("not-an-address")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_text("Tick the box").wait_for()

    assert axe_violations(page) == []
