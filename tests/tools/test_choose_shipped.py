"""Choose my GPU on the shipped catalog: pinned behaviour readers will see."""

import pytest

from catalog.models import AIModel
from tools import catalog_fit, choose
from tools import fit as engine
from tools.forms import USE_CASES as CHECKER_USE_CASES
from tools.views_choose import load_catalog, with_evidence

pytestmark = pytest.mark.usefixtures("shipped_module")
URL = "/choose-my-gpu/"


@pytest.fixture
def shipped(db):
    return with_evidence(load_catalog())


def shortlist(shipped, **answers):
    return choose.shortlist(choose.Answers(**{"use": "chat", **answers}), shipped)


def slugs(result):
    return [pick.candidate.slug for pick in result.picks]


def test_every_representative_model_is_published_and_fits_its_use(db):
    published = {model.slug: model for model in AIModel.objects.published()}
    for use in choose.USE_CASES.values():
        for slug in use.models:
            assert slug in published, slug
            model = published[slug]
            if use.kind == choose.IMAGE:
                assert model.outputs == "image", slug
            else:
                catalog_fit.model_spec(model)  # raises for models the engine cannot size
                if use.context:
                    assert model.context_length >= use.context, slug


def test_contexts_agree_with_the_custom_build_checker():
    for key, (_label, context) in CHECKER_USE_CASES.items():
        assert choose.USE_CASES[key].context == context


def test_every_use_gets_a_shortlist_from_the_shipped_catalog(shipped):
    for key in choose.USE_CASES:
        result = shortlist(shipped, use=key, budget_usd=2500)

        assert 3 <= len(result.picks) <= choose.SHORTLIST_SIZE, key
        assert all(pick.candidate.price is not None for pick in result.picks)
        assert all(pick.price <= 2500 for pick in result.picks)


def test_chat_under_2000_pins_the_top_pick_and_its_reasons(shipped):
    result = shortlist(shipped, budget_usd=2000)

    assert slugs(result)[0] == "dual-rx-7900-xtx"
    top = result.picks[0]
    assert top.price_text == "$1,998 at launch MSRP (2 × $999) (launched 2022-12-13)"
    assert "4 of the 4 representative models run comfortably on this one" in top.why[1]
    assert result.compare_slugs == f"dual-rx-7900-xtx-vs-{slugs(result)[1]}"
    assert any("No catalog item has a dated street price" in note for note in result.notes)


def test_lowering_the_budget_moves_dearer_picks_to_the_near_misses(shipped):
    high = shortlist(shipped, budget_usd=2000)
    low = shortlist(shipped, budget_usd=1000)

    assert all(pick.price <= 1000 for pick in low.picks)
    dropped = [pick for pick in high.picks if pick.price > 1000]
    assert dropped
    reasons = " ".join(miss.reason for miss in low.near_misses)
    assert "over your $1,000 budget" in reasons


def test_quiet_keeps_only_cards_with_a_listed_tdp_within_the_limit(shipped):
    result = shortlist(shipped, budget_usd=1000, power="quiet")

    assert result.picks
    assert all(pick.candidate.tdp_w <= choose.QUIET_MAX_TDP_W for pick in result.picks)
    assert any("No TDP in the catalog" in miss.reason for miss in result.near_misses)


def test_macos_picks_are_apple_and_need_no_budget_because_macs_have_no_price(shipped):
    priced = shortlist(shipped, os="macos", form="any", budget_usd=5000)
    open_budget = shortlist(shipped, os="macos", form="any")

    assert priced.picks == ()
    assert all("No price in the catalog" in miss.reason for miss in priced.near_misses)
    assert open_budget.picks
    assert all(pick.candidate.kind == "apple" for pick in open_budget.picks)


def test_used_budget_lists_over_budget_matches_cheapest_first(shipped):
    result = shortlist(shipped, budget_usd=1000, condition="used")

    prices = [pick.price for pick in result.used_market]
    assert prices
    assert all(price > 1000 for price in prices)
    assert prices == sorted(prices)


def test_owning_a_3090_offers_the_second_card(shipped):
    result = shortlist(
        shipped, budget_usd=2000, owned="nvidia-geforce-rtx-3090", target="llama-3-3-70b"
    )

    assert slugs(result)[0] == "dual-rtx-3090"
    assert result.picks[0].price == 1499
    assert result.baseline


def test_skipping_the_engine_agrees_with_it_on_every_shipped_candidate(shipped):
    models = [shipped.models[slug] for slug in choose.USE_CASES["chat"].models]
    for candidate in shipped.candidates:
        if candidate.kind == "cpu":
            continue
        for model in models:
            if choose.cannot_hold(model, candidate):
                fit = catalog_fit.fit(model, candidate.device, spec=model.spec)
                assert fit.result.verdict == engine.WONT_RUN, (model.slug, candidate.slug)


def test_the_page_on_the_shipped_catalog_stays_within_ten_queries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"use": "documents", "budget": "3000", "condition": "used"})

    assert response.status_code == 200
    assert "Check the used market" in response.text
