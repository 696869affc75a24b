"""The ranking rules of Choose my GPU, on hand-built candidates (no database)."""

import dataclasses
import datetime

import pytest

from tools import catalog_fit, choose
from tools import fit as engine

LLAMA_8B = engine.ModelSpec(
    params_b=8.03,
    layers=32,
    attention_heads=32,
    kv_heads=8,
    head_dim=128,
    hidden_size=4096,
    vocab_size=128256,
    max_context=131072,
)
LLAMA_70B = dataclasses.replace(
    LLAMA_8B, params_b=70.55, layers=80, attention_heads=64, hidden_size=8192
)
MODELS = {
    "llama-3-1-8b": choose.ModelInfo("llama-3-1-8b", "Llama 3.1 8B", "/m/8b/", 8.03, LLAMA_8B),
    "llama-3-3-70b": choose.ModelInfo(
        "llama-3-3-70b", "Llama 3.3 70B", "/m/70b/", 70.55, LLAMA_70B
    ),
    "flux-1-dev": choose.ModelInfo("flux-1-dev", "FLUX.1 [dev]", "/m/flux/", 12, None, "image"),
    "stable-diffusion-xl": choose.ModelInfo(
        "stable-diffusion-xl", "SDXL", "/m/sdxl/", 3.5, None, "image"
    ),
}
LAUNCH = datetime.date(2024, 1, 1)


def device(slug, memory, bandwidth=900, *, price=None, tdp=None, kind="gpu", count=1, **fields):
    engine_kind = "apple" if kind == "apple" else "gpu"
    spec = engine.HardwareSpec(
        kind=engine_kind, memory_gb=memory, bandwidth_gbs=bandwidth, fp16_tflops=100, count=count
    )
    defaults = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "url": f"/hardware/{slug}/",
        "kind": kind,
        "is_build": count > 1,
        "form_factor": "desktop",
        "backends": frozenset({"metal"} if kind == "apple" else {"cuda", "vulkan"}),
        "tdp_w": tdp,
        "price": choose.Price(price, "msrp", LAUNCH, count=count) if price else None,
        "memory_gb": memory,
        "count": count,
        "parts": (slug,),
        "device": catalog_fit.Device(key=slug, name=slug, spec=spec),
    }
    return choose.Candidate(**{**defaults, **fields})


def catalog(*candidates, software=None):
    return choose.Catalog(candidates=candidates, models=MODELS, software=software or {})


def slugs(shortlist):
    return [pick.candidate.slug for pick in shortlist.picks]


def rank(*candidates, **answers):
    return choose.shortlist(choose.Answers(**{"use": "chat", **answers}), catalog(*candidates))


def test_more_models_running_comfortably_beats_speed():
    big_slow = device("big-slow", 80, bandwidth=1000)
    small_fast = device("small-fast", 24, bandwidth=1800)

    result = rank(small_fast, big_slow)

    assert slugs(result) == ["big-slow", "small-fast"]
    assert (
        "2 of the 2 representative models run comfortably on this one, 1 on #2."
        in (result.picks[0].why[1])
    )


def test_speed_on_the_largest_comfortable_model_breaks_a_tie_in_what_runs():
    result = rank(device("slow", 24, bandwidth=400), device("fast", 24, bandwidth=1000))

    assert slugs(result) == ["fast", "slow"]
    assert "faster on Llama 3.1 8B" in result.picks[0].why[1]
    assert "estimated" in result.picks[0].why[1]


def test_equal_capability_ranks_the_lower_price_first_and_says_so():
    result = rank(device("dear", 24, price=1500), device("cheap", 24, price=900))

    assert slugs(result) == ["cheap", "dear"]
    assert "costs less ($900 against $1,500)" in result.picks[0].why[1]


def test_a_complete_tie_is_broken_by_slug_and_explained():
    result = rank(device("b-card", 24, price=999), device("a-card", 24, price=999))

    assert slugs(result) == ["a-card", "b-card"]
    assert "slug breaks the tie" in result.picks[1].why[1]


def test_the_same_answers_always_give_the_same_shortlist():
    candidates = [
        device(f"card-{i}", 8 + 4 * (i % 5), 300 + 50 * i, price=300 + i) for i in range(9)
    ]

    first = rank(*candidates, budget_usd=2000)
    second = rank(*reversed(candidates), budget_usd=2000)

    assert slugs(first) == slugs(second)
    assert [p.why for p in first.picks] == [p.why for p in second.picks]


def test_the_shortlist_has_at_most_five_picks_and_explains_the_next_two():
    candidates = [device(f"card-{i}", 24, 300 + 100 * i) for i in range(8)]

    result = rank(*candidates)

    assert len(result.picks) == choose.SHORTLIST_SIZE
    below = [miss for miss in result.near_misses if miss.reason.startswith("Ranked #")]
    assert [miss.reason[:9] for miss in below] == ["Ranked #6", "Ranked #7"]
    assert "faster" in below[0].reason


def test_over_budget_is_a_near_miss_with_the_dated_price_and_where_it_would_rank():
    result = rank(device("big", 48, price=3000), device("small", 12, price=400), budget_usd=1000)

    assert slugs(result) == ["small"]
    miss = result.near_misses[0]
    assert miss.candidate.slug == "big"
    assert miss.reason == ("$3,000 at launch MSRP (launched 2024-01-01): over your $1,000 budget.")
    assert miss.would_rank == 1


def test_items_without_a_price_are_near_misses_under_a_budget_but_ranked_without_one():
    unpriced = device("unpriced", 48)

    with_budget = rank(unpriced, device("priced", 12, price=400), budget_usd=1000)
    without = rank(unpriced, device("priced", 12, price=400))

    assert "unpriced" not in slugs(with_budget)
    assert "No price in the catalog" in with_budget.near_misses[0].reason
    assert slugs(without) == ["unpriced", "priced"]
    assert without.picks[0].price_text == "No price in the catalog"


def test_quiet_keeps_cards_within_225_w_and_explains_the_others():
    result = rank(
        device("hot", 24, tdp=450),
        device("unknown", 24),
        device("quiet", 16, tdp=225),
        power="quiet",
    )

    assert slugs(result) == ["quiet"]
    reasons = {miss.candidate.slug: miss.reason for miss in result.near_misses}
    assert reasons["hot"] == "450 W board power, above the 225 W quiet limit."
    assert "No TDP in the catalog" in reasons["unknown"]


def test_macos_means_apple_silicon_and_linux_means_everything_else():
    mac = device("mac", 64, 400, kind="apple")
    card = device("card", 24)

    assert slugs(rank(mac, card, os="macos")) == ["mac"]
    assert slugs(rank(mac, card, os="linux")) == ["card"]
    assert rank(mac, card, os="linux").excluded == {"Apple silicon ships with macOS, not Linux": 1}


def test_backends_the_use_software_does_not_list_exclude_a_device():
    llama_cpp = choose.SoftwareInfo(
        "llama-cpp", "llama.cpp", "/tools/llama-cpp/", frozenset({"linux"}), frozenset({"cuda"})
    )
    sycl = device("sycl-card", 16, backends=frozenset({"sycl"}))
    result = choose.shortlist(
        choose.Answers(use="chat", os="linux"),
        catalog(sycl, device("card", 16), software={"llama-cpp": llama_cpp}),
    )

    assert slugs(result) == ["card"]
    assert result.excluded == {"none of its backends is listed by llama.cpp": 1}


def test_a_laptop_answer_keeps_only_laptop_parts():
    result = rank(device("tower", 24), device("notebook", 8, form_factor="laptop"), form="laptop")

    assert slugs(result) == ["notebook"]
    assert result.excluded == {"form factor desktop, not a laptop": 1}


def test_a_named_model_must_run_and_comfortable_beats_trade_offs():
    result = rank(device("small", 12), device("big", 48), target="llama-3-3-70b")

    assert slugs(result) == ["big"]
    assert result.near_misses[0].reason.startswith("Won't run Llama 3.3 70B at 8,192 tokens")
    assert result.picks[0].largest is None


def test_tell_me_reports_the_largest_model_the_pick_runs_well():
    result = rank(device("mid", 16))

    assert result.picks[0].largest.model.slug == "llama-3-1-8b"


def test_an_owned_card_prices_builds_at_the_added_cards_and_filters_weaker_singles():
    owned = device("rtx-3090", 24, price=1500)
    pair = device("dual-rtx-3090", 24, price=3000, count=2, parts=("rtx-3090", "rtx-3090"))
    weaker = device("rtx-4060", 8, price=300)

    result = rank(owned, pair, weaker, owned="rtx-3090", budget_usd=2000)

    assert slugs(result) == ["dual-rtx-3090"]
    assert result.picks[0].price == 1500
    assert result.picks[0].adds == 1
    assert "for 1 more card (you own one)" in result.picks[0].price_text
    assert [run.model.slug for run in result.baseline] == ["llama-3-1-8b", "llama-3-3-70b"]
    reasons = {miss.candidate.slug: miss.reason for miss in result.near_misses}
    assert reasons["rtx-4060"] == "No better than your Rtx 3090 for Chat."


def test_used_budget_lists_over_budget_matches_separately_and_says_there_are_no_used_prices():
    result = rank(
        device("old-flagship", 24, price=1500),
        device("entry", 8, price=300),
        budget_usd=1000,
        condition="used",
    )

    assert slugs(result) == ["entry"]
    assert [pick.candidate.slug for pick in result.used_market] == ["old-flagship"]
    assert any("no used prices" in note for note in result.notes)


def test_image_generation_ranks_on_weight_floors_without_speeds():
    result = choose.shortlist(
        choose.Answers(use="image"),
        catalog(device("big", 32), device("mid", 16), device("tiny", 4)),
    )

    assert slugs(result) == ["big", "mid", "tiny"]
    flux = {pick.candidate.slug: pick.runs[-1] for pick in result.picks}
    assert flux["big"].verdict == choose.FITS_16
    assert flux["mid"].verdict == choose.FITS_8
    assert flux["tiny"].verdict == choose.TOO_BIG
    assert flux["mid"].floor_text == "12.0 GB of weights at 8-bit"
    assert all(run.fit is None for pick in result.picks for run in pick.runs)
    assert any("Speeds are not estimated" in note for note in result.notes)


def test_apple_floors_use_the_engine_gpu_share_of_unified_memory():
    mac = device("mac-24", 24, kind="apple")

    assert choose.floor_memory_gb(mac) == pytest.approx(16)


def test_the_top_two_are_linked_for_comparison():
    result = rank(device("a", 48), device("b", 24))

    assert result.compare_slugs == "a-vs-b"
    assert rank(device("a", 48)).compare_slugs is None


@pytest.mark.parametrize("memory", [4, 8, 12, 16, 24, 32, 48])
@pytest.mark.parametrize("count", [1, 2])
def test_skipping_the_engine_for_models_that_cannot_fit_agrees_with_the_engine(memory, count):
    candidate = device("card", memory, count=count)
    for model in (MODELS["llama-3-1-8b"], MODELS["llama-3-3-70b"]):
        if choose.cannot_hold(model, candidate):
            fit = catalog_fit.fit(model, candidate.device, spec=model.spec)
            assert fit.result.verdict == engine.WONT_RUN
