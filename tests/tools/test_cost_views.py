"""The Cost vs cloud page: permalinks, results, flags, field errors and the query budget."""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editorial.models import Person
from tools.models import APIPrice, GPURental

URL = "/cost-vs-cloud/"


def _publish(obj):
    obj.publish_shipped(team=Person.team())
    return obj


@pytest.fixture
def priced_4090(make_gpu):
    return make_gpu(
        name="NVIDIA GeForce RTX 4090",
        slug="nvidia-geforce-rtx-4090",
        memory_gb=Decimal("24"),
        bandwidth_gbs=Decimal("1008"),
        fp16_tflops=Decimal("330"),
        msrp_usd=Decimal("1599"),
        tdp_w=450,
    )


@pytest.fixture
def h100(make_gpu):
    return make_gpu(
        name="NVIDIA H100 SXM",
        slug="nvidia-h100-sxm",
        memory_gb=Decimal("80"),
        bandwidth_gbs=Decimal("3350"),
        fp16_tflops=Decimal("989"),
    )


@pytest.fixture
def cheap_api(db):
    return _publish(
        APIPrice.objects.create(
            slug="acme-small",
            provider="Acme",
            model_name="Small",
            input_per_million=Decimal("0.15"),
            output_per_million=Decimal("0.60"),
            seen=date(2026, 5, 7),
            source_url="https://example.com/acme-pricing",
        )
    )


@pytest.fixture
def dear_api(db):
    return _publish(
        APIPrice.objects.create(
            slug="acme-large",
            provider="Acme",
            model_name="Large",
            input_per_million=Decimal("3"),
            output_per_million=Decimal("15"),
            seen=date(2026, 5, 8),
            source_url="https://example.com/acme-large",
        )
    )


@pytest.fixture
def rentals(db, h100):
    linked = _publish(
        GPURental.objects.create(
            slug="cloud-h100",
            provider="Cloud",
            gpu_name="H100 SXM",
            hardware=h100,
            price_per_hour=Decimal("3.78"),
            seen=date(2026, 5, 7),
            source_url="https://example.com/cloud-gpus",
        )
    )
    unlinked = _publish(
        GPURental.objects.create(
            slug="other-a100",
            provider="Other",
            gpu_name="A100 40GB",
            price_per_hour=Decimal("1.48"),
            seen=date(2026, 5, 7),
            source_url="https://example.com/other-gpus",
        )
    )
    return linked, unlinked


def _params(**overrides):
    params = {
        "model": "llama-3-1-8b",
        "hardware": "hw:nvidia-geforce-rtx-4090",
        "electricity_per_kwh": "0.30",
        "tokens_per_day": "2000000",
        "input_share": "50",
        "months": "36",
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


def _local_per_million(text):
    match = re.search(r"Local cost per million tokens</dt><dd>\$([\d,.]+)", text)
    assert match, "no local cost per million tokens on the page"
    return float(match.group(1).replace(",", ""))


def test_empty_page_shows_the_form_and_the_dated_prices(client, llama, priced_4090, cheap_api):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Cost vs cloud" in response.text
    assert 'name="electricity_per_kwh"' in response.text
    assert "Acme: Small" in response.text
    assert '<time datetime="2026-05-07">' in response.text
    assert 'href="https://example.com/acme-pricing"' in response.text
    assert "Cloud prices change often" in response.text
    assert 'rel="canonical" href="http://testserver/cost-vs-cloud/"' in response.text or (
        'rel="canonical"' in response.text and "/cost-vs-cloud/" in response.text
    )


def test_a_permalink_renders_costs_break_even_chart_and_assumptions(
    client, llama, priced_4090, cheap_api, dear_api
):
    response = client.get(URL, _params())

    assert response.status_code == 200
    text = response.text
    assert "Local cost per month" in text
    assert "Owning pays off in" in text
    # The dear API loses to a $1,599 card within three years at 2M tokens a day.
    assert re.search(r"Acme: Large.*?month \d+</td>", text, re.S)
    assert '<svg viewBox="-2 -2 604 264" role="img"' in text
    assert '<title id="cost-chart-title">' in text
    assert '<desc id="cost-chart-desc">' in text
    assert "Cumulative cost by month (USD)" in text
    assert "the catalog&#x27;s TDP" in text or "the catalog's TDP" in text
    assert "$1,599.00" in text
    assert "<h3>Assumptions</h3>" in text


def test_the_same_query_string_gives_the_same_result(client, llama, priced_4090, cheap_api):
    first = client.get(URL, _params())
    second = client.get(URL, _params())

    assert _local_per_million(first.text) == _local_per_million(second.text)


def test_a_slower_model_costs_more_per_token_on_the_same_machine(
    client, llama, llama_70b, make_gpu
):
    make_gpu(
        name="Big card",
        slug="big-card",
        memory_gb=Decimal("96"),
        bandwidth_gbs=Decimal("1792"),
        fp16_tflops=Decimal("500"),
        msrp_usd=Decimal("8000"),
        tdp_w=600,
    )
    params = _params(hardware="hw:big-card", tokens_per_day="200000")

    small = client.get(URL, params)
    large = client.get(URL, {**params, "model": "llama-3-3-70b"})

    assert small.status_code == large.status_code == 200
    assert _local_per_million(large.text) > _local_per_million(small.text)


def test_a_70b_offloaded_from_a_24_gb_card_costs_far_more_per_token_than_an_8b(
    client, llama, llama_70b, priced_4090
):
    # The same four hours a day of generation: the offloaded 70B produces far fewer tokens.
    params = _params(
        system_ram_gb="64",
        system_ram_bandwidth_gbs="89.6",
        tokens_per_day=None,
        usage_mode="hours",
        hours_per_day="4",
    )

    small = client.get(URL, params)
    large = client.get(URL, {**params, "model": "llama-3-3-70b"})

    assert small.status_code == large.status_code == 200
    assert "Partly offloaded" in large.text or "offload" in large.text
    assert _local_per_million(large.text) > 5 * _local_per_million(small.text)


def test_a_model_that_does_not_fit_is_said_plainly(client, llama_70b, priced_4090):
    response = client.get(URL, _params(model="llama-3-3-70b", quant="Q8_0"))

    assert response.status_code == 200
    assert "does not run on NVIDIA GeForce RTX 4090" in response.text
    assert "Local cost per month" not in response.text


def test_usage_the_hardware_cannot_deliver_is_flagged_not_computed(
    client, llama, priced_4090, cheap_api
):
    response = client.get(URL, _params(tokens_per_day="5000000000"))

    assert response.status_code == 200
    assert "Your hardware cannot deliver this much." in response.text
    assert "hours of generation a day" in response.text
    assert "Local cost per month" not in response.text
    # The cloud options are still priced.
    assert "Acme: Small" in response.text


def test_hours_per_day_mode(client, llama, priced_4090, cheap_api):
    response = client.get(URL, _params(tokens_per_day=None, usage_mode="hours", hours_per_day="3"))

    assert response.status_code == 200
    assert "3.00 h" in response.text


def test_rented_gpus_are_timed_at_their_own_speed_when_the_catalog_knows_them(
    client, llama, priced_4090, rentals
):
    response = client.get(URL, _params())

    assert response.status_code == 200
    result = response.text.split('id="result"')[1].split('id="cloud-prices-title"')[0]
    cloud_row = re.search(r"Cloud: H100 SXM.*?</th>", result, re.S).group(0)
    other_row = re.search(r"Other: A100 40GB.*?</th>", result, re.S).group(0)
    assert "timed at your hardware" not in cloud_row
    assert "timed at your hardware" in other_row


def test_ticking_one_option_compares_only_that_one(client, llama, priced_4090, cheap_api, dear_api):
    response = client.get(URL, _params(apis="acme-large"))

    result = response.text.split('id="result"')[1].split('id="cloud-prices-title"')[0]
    assert "Acme: Large" in result
    assert "Acme: Small" not in result


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"electricity_per_kwh": None}, "electricity_per_kwh", "This field is required."),
        ({"electricity_per_kwh": "-1"}, "electricity_per_kwh", "greater than or equal to 0"),
        ({"electricity_per_kwh": "99"}, "electricity_per_kwh", "less than or equal to 5"),
        ({"tokens_per_day": "0"}, "tokens_per_day", "greater than or equal to 1"),
        ({"tokens_per_day": None}, "tokens_per_day", "How many tokens a day?"),
        ({"tokens_per_day": "1" + "0" * 30}, "tokens_per_day", "less than or equal to"),
        ({"usage_mode": "hours", "hours_per_day": "25"}, "hours_per_day", "less than or equal"),
        ({"usage_mode": "hours"}, "hours_per_day", "How many hours a day?"),
        ({"input_share": "150"}, "input_share", "less than or equal to 100"),
        ({"months": "0"}, "months", "greater than or equal to 1"),
        ({"months": "abc"}, "months", "Enter a whole number."),
        ({"price_usd": "100", "resale_usd": "200"}, "resale_usd", "cannot exceed"),
        ({"hardware": "hw:nope"}, "hardware", "Select a valid choice."),
        ({"model": "nope"}, "model", "Select a valid choice."),
        ({"apis": "nope"}, "apis", "Select a valid choice."),
        ({"power_watts": "0"}, "power_watts", "greater than or equal to 1"),
    ],
)
def test_bad_input_gets_a_400_with_the_field_error(
    client, llama, priced_4090, cheap_api, overrides, field, message
):
    response = client.get(URL, _params(**overrides))

    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.text or f"id_{field}" in response.text
    assert message in response.text


def test_hardware_without_a_catalog_price_asks_for_one(client, llama, rtx_4090):
    response = client.get(URL, _params())

    assert response.status_code == 400
    assert "The catalog has no price for NVIDIA GeForce RTX 4090" in response.text


def test_hardware_without_a_catalog_power_draw_asks_for_it(client, llama, rtx_4090):
    response = client.get(URL, _params(price_usd="1500"))

    assert response.status_code == 400
    assert "The catalog has no power draw" in response.text


def test_reader_figures_override_the_catalog(client, llama, rtx_4090):
    response = client.get(URL, _params(price_usd="1234", power_watts="350"))

    assert response.status_code == 200
    assert "$1,234.00 (your figure)" in response.text
    assert "350 W while generating (your figure)" in response.text


def test_a_link_that_only_prefills_shows_no_errors(client, llama, priced_4090):
    response = client.get(URL, {"model": "llama-3-1-8b"})

    assert response.status_code == 200
    assert "Please correct" not in response.text


def test_htmx_request_gets_only_the_result_fragment(client, llama, priced_4090, cheap_api):
    response = client.get(URL, _params(), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="result"')
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]


def test_unpublished_prices_are_neither_shown_nor_compared(client, llama, priced_4090, cheap_api):
    draft = APIPrice.objects.create(
        slug="draft-price",
        provider="Secret",
        model_name="Draft",
        input_per_million=Decimal("1"),
        output_per_million=Decimal("1"),
        seen=date(2026, 5, 7),
        source_url="https://example.com/draft",
    )

    page = client.get(URL, _params())
    forced = client.get(URL, _params(apis=draft.slug))

    assert "Secret: Draft" not in page.text
    assert forced.status_code == 400


def test_query_count_is_small_and_constant(
    client, llama, cheap_api, dear_api, rentals, make_gpu, dual_4090, django_assert_max_num_queries
):
    for index in range(5):
        make_gpu(name=f"GPU {index}", slug=f"gpu-{index}")
    reader = {"price_usd": "3000", "power_watts": "900"}
    with django_assert_max_num_queries(10):
        assert client.get(URL, _params(**reader)).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(URL, _params(hardware="build:dual-rtx-4090", **reader))
        assert response.status_code == 200


def test_page_refuses_post(client, db):
    assert client.post(URL).status_code == 405


FUZZ = st.fixed_dictionaries(
    {},
    optional={
        "model": st.sampled_from(["llama-3-1-8b", "", "nope", "x" * 300]),
        "hardware": st.sampled_from(["hw:nvidia-geforce-rtx-4090", "build:zz", "", "custom"]),
        "quant": st.sampled_from(["Q4_K_M", "Q8_0", "IQ2_XXS", "F16", "bogus"]),
        "count": st.one_of(st.integers(-5, 100).map(str), st.text(max_size=4)),
        "price_usd": st.one_of(st.decimals(allow_nan=True).map(str), st.just("1e400")),
        "resale_usd": st.one_of(st.integers(-10, 10**7).map(str), st.text(max_size=4)),
        "power_watts": st.one_of(st.integers(-10, 10**6).map(str), st.just("")),
        "electricity_per_kwh": st.one_of(st.floats().map(str), st.just("0"), st.just("0.3")),
        "usage_mode": st.sampled_from(["tokens", "hours", "??"]),
        "tokens_per_day": st.one_of(st.integers(-(10**12), 10**12).map(str), st.text(max_size=6)),
        "hours_per_day": st.one_of(st.floats().map(str), st.just("24"), st.just("0.1")),
        "input_share": st.one_of(st.integers(-5, 200).map(str), st.text(max_size=3)),
        "months": st.one_of(st.integers(-5, 1000).map(str), st.text(max_size=3)),
        "apis": st.sampled_from(["acme-small", "nope", ""]),
    },
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=FUZZ)
def test_fuzzed_query_strings_never_cause_a_server_error(
    client, llama, priced_4090, cheap_api, params
):
    response = client.get(URL, params)

    assert response.status_code in (200, 400)


def test_cost_uses_the_catalogs_exact_file_size_like_the_checker(
    client, llama, priced_4090, q4_k_m
):
    from catalog.models import ModelFile

    ModelFile.objects.create(model=llama, quantization=q4_k_m, size_bytes=4_920_734_272)

    cost_page = client.get(URL, _params(quant="Q4_K_M")).text
    checker = client.get(
        "/api/v1/will-it-run", {"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-4090"}
    ).json()

    assert "bits per weight" not in cost_page
    assert not any("bits per weight" in line for line in checker["assumptions"])
