"""The cloud prices shipped with the project, and the calculator on the shipped catalog."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tools import content_loader
from tools.models import APIPrice, GPURental

URL = "/cost-vs-cloud/"
PERMALINK = {
    "model": "llama-3-1-8b",
    "hardware": "hw:nvidia-geforce-rtx-5090",
    "electricity_per_kwh": "0.30",
    "tokens_per_day": "1000000",
    "input_share": "75",
    "months": "36",
}


def test_every_shipped_price_has_a_source_and_a_date_it_was_seen():
    content = content_loader.read()

    entries = content["api_prices"] + content["gpu_rentals"]
    assert len(content["api_prices"]) >= 2
    assert len(content["gpu_rentals"]) >= 3
    for entry in entries:
        assert entry["source_url"].startswith("https://"), entry["slug"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry["seen"])), entry["slug"]
        assert entry["sources"], entry["slug"]
        assert any(source["url"] == entry["source_url"] for source in entry["sources"])


def test_shipped_prices_load_published_with_their_sources(shipped_module, db):
    assert APIPrice.objects.published().count() == len(content_loader.read()["api_prices"])
    assert GPURental.objects.published().count() == len(content_loader.read()["gpu_rentals"])
    for price in [*APIPrice.objects.all(), *GPURental.objects.all()]:
        assert price.sources.exists(), price
        assert price.last_verified == price.seen


def test_loading_twice_changes_nothing(shipped_module, db):
    assert content_loader.load() == "7 unchanged"


def test_the_page_shows_each_shipped_price_with_its_date_and_source(client, shipped_module, db):
    response = client.get(URL)

    assert response.status_code == 200
    for price in [*APIPrice.objects.all(), *GPURental.objects.all()]:
        assert str(price) in response.text
        assert f'<time datetime="{price.seen:%Y-%m-%d}">' in response.text
        assert f'href="{price.source_url}"' in response.text


def test_a_shipped_permalink_compares_every_published_option(client, shipped_module, db):
    response = client.get(URL, PERMALINK)

    assert response.status_code == 200
    result = response.text.split('id="result"')[1].split('id="cloud-prices-title"')[0]
    assert "Local cost per month" in result
    assert "Lambda: H100 SXM" in result
    assert "OpenAI: GPT-4o mini" in result
    lambda_row = re.search(r"Lambda: H100 SXM.*?</th>", result, re.S).group(0)
    modal_row = re.search(r"Modal: H100 <.*?</th>", result, re.S).group(0)
    assert "timed at your hardware" not in lambda_row
    assert "timed at your hardware" in modal_row


def test_an_archived_price_leaves_the_calculator(client, shipped_module, db):
    reviewer = get_user_model().objects.create_superuser("cost-r", "r@example.com", "x" * 20)
    price = APIPrice.objects.get(slug="openai-gpt-4o-mini")

    price.archive(by=reviewer)
    response = client.get(URL, PERMALINK)

    assert response.status_code == 200
    assert "OpenAI: GPT-4o mini" not in response.text


@pytest.mark.parametrize("model", ["llama-3-3-70b", "qwen-2-5-7b"])
def test_shipped_models_render_without_errors(client, shipped_module, db, model):
    response = client.get(URL, {**PERMALINK, "model": model})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "model", "query"),
    [
        ("apiprice", APIPrice, "OpenAI"),
        ("gpurental", GPURental, "Lambda"),
    ],
)
def test_admin_lists_searches_and_opens_the_shipped_prices(
    admin_client, shipped_module, name, model, query
):
    changelist = reverse(f"admin:tools_{name}_changelist")
    change = reverse(f"admin:tools_{name}_change", args=[model.objects.first().pk])

    listed = admin_client.get(changelist)
    searched = admin_client.get(changelist, {"q": query})
    opened = admin_client.get(change)

    assert listed.status_code == searched.status_code == opened.status_code == 200
    assert query in searched.text
