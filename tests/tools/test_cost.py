"""The Cost vs cloud maths, checked against sums done by hand."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools import cost

DAYS = 365.25 / 12


def _machine(**overrides):
    values = {
        "price_usd": 2000.0,
        "resale_usd": 800.0,
        "power_watts": 400.0,
        "electricity_per_kwh": 0.25,
        "months": 24,
        "speed": cost.Speed(decode=50.0, prefill=1000.0),
    }
    return cost.LocalMachine(**{**values, **overrides})


def test_generation_hours_time_input_at_prefill_and_output_at_decode_speed():
    usage = cost.Usage(tokens_per_day=1_000_000, input_share=0.5)

    work = cost.workload(usage, cost.Speed(decode=50, prefill=1000))

    # 500k input ÷ 1000 tok/s = 500 s; 500k output ÷ 50 tok/s = 10,000 s.
    assert work.hours_per_day == pytest.approx(10_500 / 3600)
    assert work.reachable


def test_unknown_prefill_times_input_tokens_at_the_decode_speed():
    usage = cost.Usage(tokens_per_day=100_000, input_share=0.5)

    work = cost.workload(usage, cost.Speed(decode=50))

    assert work.hours_per_day == pytest.approx(100_000 / 50 / 3600)


def test_usage_needing_more_than_24_hours_is_unreachable_with_the_real_maximum():
    # 10 tok/s of pure output is 864,000 tokens a day at most.
    usage = cost.Usage(tokens_per_day=2_000_000, input_share=0.0)
    machine = _machine(speed=cost.Speed(decode=10))

    result = cost.compare(machine=machine, usage=usage, apis=[], rentals=[])

    assert not result.reachable
    assert result.local is None
    assert result.workload.hours_per_day == pytest.approx(2_000_000 / 10 / 3600)
    assert result.workload.max_tokens_per_day == pytest.approx(864_000)


def test_exactly_24_hours_is_still_reachable():
    usage = cost.Usage(tokens_per_day=864_000, input_share=0.0)

    work = cost.workload(usage, cost.Speed(decode=10))

    assert work.hours_per_day == pytest.approx(24)
    assert work.reachable


def test_hours_per_day_give_the_tokens_the_machine_produces_in_them():
    usage = cost.Usage(hours_per_day=2, input_share=0.0)

    work = cost.workload(usage, cost.Speed(decode=25))

    assert work.tokens_per_day == pytest.approx(2 * 3600 * 25)
    assert work.hours_per_day == pytest.approx(2)


def test_local_monthly_cost_is_electricity_plus_depreciation():
    machine = _machine()

    electricity, depreciation = cost.local_monthly(machine, hours_per_day=4)

    # 0.4 kW × 4 h × 30.4375 days × $0.25 = $12.175; (2000 − 800) / 24 = $50.
    assert electricity == pytest.approx(0.4 * 4 * DAYS * 0.25)
    assert depreciation == pytest.approx(50)


def test_local_cost_per_million_tokens():
    machine = _machine(resale_usd=2000.0)  # no depreciation: electricity only
    usage = cost.Usage(tokens_per_day=180_000, input_share=0.0)

    per_million = cost.local_per_million(machine, usage, cost.Speed(decode=50))

    # 180k tokens at 50 tok/s = 1 h/day; 0.4 kW × 1 h × $0.25 = $0.10 per 180k tokens.
    assert per_million == pytest.approx(0.10 / 0.18)


def test_a_slower_model_costs_more_per_token_on_the_same_machine():
    machine = _machine()
    usage = cost.Usage(tokens_per_day=200_000, input_share=0.5)

    small = cost.local_per_million(machine, usage, cost.Speed(decode=100, prefill=3000))
    large = cost.local_per_million(machine, usage, cost.Speed(decode=10, prefill=300))

    assert large > small


def test_api_monthly_cost_prices_input_and_output_separately():
    usage = cost.Usage(tokens_per_day=1_000_000, input_share=0.75)
    work = cost.workload(usage, cost.Speed(decode=100, prefill=1000))
    api = cost.APIOption("a", "A", input_per_million=1.0, output_per_million=5.0)

    monthly = cost.api_monthly(api, work)

    # 750k × $1 + 250k × $5 = $2 a day.
    assert monthly == pytest.approx(2.0 * DAYS)


def test_cumulative_local_cost_pays_up_front_and_gets_the_resale_back_at_the_end():
    machine = _machine(months=3)

    series = cost.local_cumulative(machine, electricity_monthly=10)

    assert series == (2000, 2010, 2020, 2030 - 800)


def test_break_even_is_the_first_month_owning_costs_no_more():
    # $1000 up front + $10/month against $110/month: month 10 (1100 vs 1100).
    local = cost.local_cumulative(_machine(price_usd=1000.0, resale_usd=0.0, months=24), 10)
    cloud = cost.linear(110, 24)

    assert cost.break_even(local, cloud) == 10


def test_break_even_never_when_the_cloud_stays_cheaper():
    local = cost.local_cumulative(_machine(price_usd=1000.0, resale_usd=0.0, months=12), 10)
    cloud = cost.linear(20, 12)

    assert cost.break_even(local, cloud) is None


def test_resale_value_can_bring_break_even_to_the_last_month():
    # Without resale: 1000 + 12×10 = 1120 > 12×90 = 1080; with $500 back: 620.
    local = cost.local_cumulative(_machine(price_usd=1000.0, resale_usd=500.0, months=12), 10)
    cloud = cost.linear(90, 12)

    assert cost.break_even(local, cloud) == 12


def test_compare_gives_each_option_a_series_and_a_break_even():
    machine = _machine(price_usd=1200.0, resale_usd=0.0, months=36)
    usage = cost.Usage(tokens_per_day=2_000_000, input_share=0.5)
    apis = [cost.APIOption("dear", "Dear API", 3.0, 15.0)]
    rentals = [cost.RentalOption("gpu", "Rented GPU", 2.0, speed=cost.Speed(100, 5000))]

    result = cost.compare(machine=machine, usage=usage, apis=apis, rentals=rentals)

    api, rental = result.options
    assert len(api.cumulative) == 37
    assert api.monthly == pytest.approx((1_000_000 * 3 + 1_000_000 * 15) / 1e6 * DAYS)
    assert api.break_even_month is not None
    # The rental is timed at its own speed: 1M/5000 + 1M/100 seconds a day.
    assert rental.hours_per_month == pytest.approx((200 + 10_000) / 3600 * DAYS)
    assert rental.speed_known
    assert result.local.total == pytest.approx(1200 + 36 * result.electricity_monthly)


def test_rental_without_a_known_speed_is_timed_at_the_local_speed():
    machine = _machine()
    usage = cost.Usage(tokens_per_day=90_000, input_share=0.0)
    rental = cost.RentalOption("gpu", "GPU", 1.0)

    result = cost.compare(machine=machine, usage=usage, apis=[], rentals=[rental])

    assert result.options[0].hours_per_month == pytest.approx(90_000 / 50 / 3600 * DAYS)
    assert not result.options[0].speed_known


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"price_usd": 100.0, "resale_usd": 200.0}, "resale"),
        ({"months": 0}, "month"),
    ],
)
def test_impossible_machines_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        _machine(**kwargs)


def test_usage_needs_exactly_one_measure():
    with pytest.raises(ValueError, match="either"):
        cost.Usage(input_share=0.5)
    with pytest.raises(ValueError, match="either"):
        cost.Usage(input_share=0.5, tokens_per_day=1, hours_per_day=1)


@given(
    tokens=st.floats(1, 1e10),
    share=st.floats(0, 1),
    decode=st.floats(0.1, 10_000),
    prefill=st.one_of(st.none(), st.floats(0.1, 100_000)),
)
def test_reachable_usage_never_exceeds_the_daily_maximum(tokens, share, decode, prefill):
    work = cost.workload(
        cost.Usage(tokens_per_day=tokens, input_share=share), cost.Speed(decode, prefill)
    )

    assert work.reachable == (work.tokens_per_day <= work.max_tokens_per_day * (1 + 1e-9))
    assert math.isfinite(work.hours_per_day)
