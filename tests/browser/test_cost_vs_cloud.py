"""Cost vs cloud in a real browser: the live update, the no-JavaScript form, accessibility."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERMALINK = (
    "/cost-vs-cloud/?model=llama-3-1-8b&hardware=hw%3Anvidia-geforce-rtx-5090"
    "&electricity_per_kwh=0.30&tokens_per_day=1000000&input_share=75&months=36"
)


def _load():
    call_command("load_content", stdout=StringIO())


def test_changing_the_model_updates_the_result_and_the_permalink(open_page):
    _load()
    page, errors = open_page(PERMALINK)
    assert page.get_by_text("Local cost per month").is_visible()

    page.locator("select[name=model]").select_option("qwen-2-5-7b")
    page.wait_for_url("**model=qwen-2-5-7b*")
    page.locator("#cost-title").filter(has_text="Qwen2.5 7B").wait_for()

    assert "hardware=hw%3Anvidia-geforce-rtx-5090" in page.url
    assert page.locator("#cost-title").inner_text().startswith("Qwen2.5 7B")
    assert errors == []


def test_the_form_works_without_javascript(open_page):
    _load()
    page, _errors = open_page("/cost-vs-cloud/", java_script_enabled=False)

    page.locator("select[name=model]").select_option("llama-3-1-8b")
    page.locator("select[name=hardware]").select_option("hw:nvidia-geforce-rtx-5090")
    page.locator("input[name=electricity_per_kwh]").fill("0.30")
    page.locator("input[name=tokens_per_day]").fill("1000000")
    page.get_by_role("button", name="Compare").click()

    assert "model=llama-3-1-8b" in page.url
    assert page.get_by_text("Local cost per month").is_visible()
    assert page.get_by_role("img", name="Cumulative cost over 36 months").is_visible()


@pytest.mark.parametrize("path", ["/cost-vs-cloud/", PERMALINK])
def test_cost_pages_have_no_axe_violations(open_page, axe_violations, path):
    _load()
    for scheme in ("light", "dark"):
        page, errors = open_page(path, color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        assert errors == []
