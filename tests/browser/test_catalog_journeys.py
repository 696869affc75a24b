"""Two-click journeys through the catalog, and accessibility of its main pages."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _load():
    call_command("load_content", stdout=StringIO())


def test_which_gpus_under_1000_run_qwen_2_5_14b_comfortably_in_two_clicks(open_page):
    _load()
    page, errors = open_page("/models/")

    page.get_by_role("link", name="Qwen2.5 14B Instruct", exact=True).click()
    page.get_by_label("Price band").select_option("under-1000")
    page.wait_for_url("**price=under-1000*")

    comfortable = page.locator("#runs-on table").first
    comfortable.wait_for()
    assert "price=under-1000" in page.url
    assert comfortable.get_by_text("Runs comfortably").count() > 0
    assert errors == []


def test_what_an_rtx_3060_runs_in_two_clicks(open_page):
    _load()
    page, errors = open_page("/hardware/")

    page.get_by_label("Kind").select_option("gpu")
    page.wait_for_url("**/hardware/?*kind=gpu*")
    page.get_by_role("link", name="NVIDIA GeForce RTX 3060", exact=True).click()

    assert page.url.endswith("/hardware/nvidia-geforce-rtx-3060/")
    assert page.get_by_role("heading", name="What fits").is_visible()
    assert page.get_by_text("Llama 3.1 8B Instruct").count() > 0
    assert errors == []


def test_rtx_3060_is_reachable_from_the_hardware_index_without_filtering(open_page):
    _load()
    page, _errors = open_page("/hardware/?sort=name&q=RTX+3060")

    page.get_by_role("link", name="NVIDIA GeForce RTX 3060", exact=True).click()

    assert page.get_by_role("heading", name="What fits").is_visible()


@pytest.mark.parametrize(
    "path",
    ["/models/", "/models/qwen-2-5-14b/", "/hardware/nvidia-geforce-rtx-3060/"],
)
def test_catalog_pages_have_no_axe_violations(open_page, axe_violations, path):
    _load()
    for scheme in ("light", "dark"):
        page, errors = open_page(path, color_scheme=scheme)
        assert axe_violations(page) == [], scheme
        assert errors == []
