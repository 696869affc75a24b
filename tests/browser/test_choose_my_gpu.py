"""Choose my GPU in a real browser: answer the four questions, follow "compare the top two"."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answer_four_questions_get_picks_and_compare_the_top_two(open_page, axe_violations):
    call_command("load_content", stdout=StringIO())
    page, errors = open_page("/choose-my-gpu/")

    page.get_by_label("Budget (USD)").fill("2000")
    page.get_by_label("Chat").check()
    page.get_by_label("Largest model you want to run well").select_option("qwen3-32b")
    page.get_by_label("Operating system").select_option("linux")
    page.get_by_role("button", name="Show my shortlist").click()
    page.wait_for_url("**use=chat*")

    assert "budget=2000" in page.url
    assert "model=qwen3-32b" in page.url
    picks = page.locator(".choose-pick")
    picks.first.wait_for()
    assert picks.count() >= 2
    assert page.get_by_role("heading", name="Why it ranks here").first.is_visible()
    assert axe_violations(page) == []

    link = page.get_by_role("link", name="Compare the top two")
    first = picks.nth(0).locator("h3 a").inner_text()
    second = picks.nth(1).locator("h3 a").inner_text()
    link.click()
    page.wait_for_url("**/compare/hardware/*-vs-*/")

    assert first in page.locator("h1").inner_text()
    assert second in page.locator("h1").inner_text()
    assert errors == []


def test_the_shortlist_works_without_javascript(open_page):
    call_command("load_content", stdout=StringIO())
    page, _errors = open_page(
        "/choose-my-gpu/?use=coding&budget=1000&power=quiet", java_script_enabled=False
    )

    assert page.locator(".choose-pick").count() >= 1
    assert page.get_by_text("above the 225 W quiet limit").count() >= 1
