"""Public pages of guides, errors, troubleshooting, quick answers and prompting kits."""

import datetime
import itertools
import json
import re

import pytest
from django.test import Client

from editorial.models import (
    ErrorEntry,
    ErrorFeedback,
    Guide,
    Person,
    PromptingKit,
    QuickAnswer,
    Revision,
    TroubleshootingGuide,
)
from tests.catalog import conftest as catalog_factories

# The catalog's factories (published hardware, builds and offers) for guide picks.
vendor = catalog_factories.vendor
make_hardware = catalog_factories.make_hardware
make_build = catalog_factories.make_build
make_offer = catalog_factories.make_offer

_numbers = itertools.count(1)

FIX = "1. Stop the other process:\n\n   ```bash\n   nvidia-smi\n   ```\n"


def _publish(obj, *, draft=False):
    if not draft:
        obj.publish_shipped(team=Person.team())
    obj.sources.create(
        url="https://example.com/source", title="Example source", accessed="2026-11-25"
    )
    return obj


@pytest.fixture
def make_error(db):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Test error {number}")
        fields.setdefault("slug", f"test-error-{number}")
        fields.setdefault("summary", "The GPU ran out of memory.")
        fields.setdefault("error_string", f"fatal: test failure {number}")
        fields.setdefault("category", "memory")
        fields.setdefault("runtimes", ["llama.cpp", "ollama"])
        fields.setdefault("platforms", ["linux"])
        fields.setdefault("what_it_means", "The allocation failed.")
        fields.setdefault("causes", "1. The model is too large.")
        fields.setdefault("fix", FIX)
        return _publish(ErrorEntry.objects.create(**fields), draft=draft)

    return make


@pytest.fixture
def make_guide(db):
    def make(*, draft=False, picks=(), **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Test guide {number}")
        fields.setdefault("slug", f"test-guide-{number}")
        fields.setdefault("summary", "What to buy.")
        fields.setdefault("format", "ranked-picks" if picks else "short-answer")
        fields.setdefault("short_answer", "" if picks else "Buy the **bigger** card.")
        fields.setdefault("body", "## How we chose\n\nMemory first.")
        guide = Guide.objects.create(**fields)
        for rank, device in enumerate(picks, start=1):
            key = "build" if hasattr(device, "items") else "hardware"
            guide.picks.create(
                rank=rank,
                label=f"Pick {rank}",
                why=f"Why {rank} wins.",
                buy_if="You want it.",
                skip_if="You do not.",
                **{key: device},
            )
        return _publish(guide, draft=draft)

    return make


@pytest.fixture
def make_troubleshooting(db):
    def make(*, draft=False, causes=2, **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Test symptom {number}")
        fields.setdefault("slug", f"test-symptom-{number}")
        fields.setdefault("summary", "It is slow.")
        fields.setdefault("symptom", "Tokens crawl.")
        fields.setdefault("platforms", ["linux", "macos"])
        guide = TroubleshootingGuide.objects.create(**fields)
        for position in range(1, causes + 1):
            guide.causes.create(
                position=position,
                name=f"Cause name {position}",
                diagnose="```bash\nnvidia-smi\n```",
                fix="```bash\nollama ps\n```",
            )
        return _publish(guide, draft=draft)

    return make


@pytest.fixture
def make_answer(db):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Can I run test {number}?")
        fields.setdefault("slug", f"test-answer-{number}")
        fields.setdefault("summary", "A quick answer.")
        fields.setdefault("answer", "Yes, with </script> care.")
        fields.setdefault("deeper", "/glossary/")
        return _publish(QuickAnswer.objects.create(**fields), draft=draft)

    return make


@pytest.fixture
def make_kit(db):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Test kit {number}")
        fields.setdefault("slug", f"test-kit-{number}")
        fields.setdefault("summary", "Prompts for a task.")
        fields.setdefault("task", "coding")
        fields.setdefault("model_sizes", "7B and up.")
        fields.setdefault("templates", "### Ask\n\n```text\nYou are {role}.\n```")
        fields.setdefault("caveats", "Use `--jinja`.")
        return _publish(PromptingKit.objects.create(**fields), draft=draft)

    return make


def _assert_public_page(response):
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response.cookies
    assert '<link rel="canonical"' in response.text
    assert 'aria-label="Breadcrumb"' in response.text


# -- errors -----------------------------------------------------------------------------


def test_error_detail_shows_message_causes_fix_and_sources(client, make_error):
    make_error(slug="oom", error_string="CUDA error: out of memory <here>", related=["other"])
    make_error(slug="other", title="The other one")

    response = client.get("/errors/oom/")

    _assert_public_page(response)
    assert (
        '<pre class="error-message" tabindex="0"><code>CUDA error: out of memory &lt;here&gt;'
        in (response.text)
    )
    assert "The model is too large." in response.text
    assert '<pre tabindex="0"><code>nvidia-smi' in response.text
    assert 'href="/errors/other/"' in response.text
    assert "Example source" in response.text
    assert "Written by" in response.text
    assert "Last verified" in response.text or "Not yet re-verified" in response.text


def test_error_detail_loads_feedback_form_from_its_own_url(client, make_error):
    make_error(slug="oom")

    response = client.get("/errors/oom/")

    assert 'hx-get="/errors/oom/feedback/"' in response.text
    assert "csrfmiddlewaretoken" not in response.text


@pytest.mark.parametrize("slug", ["missing", "draft"])
def test_error_detail_404s_unless_published(client, make_error, slug):
    make_error(slug="draft", draft=True)

    assert client.get(f"/errors/{slug}/").status_code == 404


def test_error_list_groups_by_category_and_hides_drafts(client, make_error):
    make_error(title="Out of VRAM", category="memory")
    make_error(title="Port busy", category="networking")
    make_error(title="Secret draft", draft=True)

    response = client.get("/errors/")

    _assert_public_page(response)
    assert "Out of memory" in response.text
    assert "Downloads and networking" in response.text
    assert "Port busy" in response.text
    assert "Secret draft" not in response.text


def test_error_list_filters_by_pasted_text_and_runtime(client, make_error):
    make_error(title="Mmap entry", error_string="llama_model_load: mmap failed")
    make_error(title="Vllm entry", runtimes=["vllm"])

    by_text = client.get("/errors/", {"q": "mmap failed"})
    by_runtime = client.get("/errors/", {"runtime": "vllm"})

    assert "Mmap entry" in by_text.text
    assert "Vllm entry" not in by_text.text
    assert "Vllm entry" in by_runtime.text
    assert "Mmap entry" not in by_runtime.text


def test_error_list_with_junk_filter_shows_no_results_not_an_error(client, make_error):
    make_error(title="Anything")

    response = client.get("/errors/", {"category": "nonsense", "q": "x" * 500})

    assert response.status_code == 200
    assert "Anything" not in response.text


def test_error_list_htmx_request_gets_results_partial(client, make_error):
    make_error(title="Out of VRAM")

    response = client.get("/errors/", {"q": "VRAM"}, headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<div id="results"')
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]


def test_error_pages_query_counts_do_not_grow(client, make_error, django_assert_max_num_queries):
    slugs = [make_error().slug for _ in range(6)]
    make_error(slug="many", related=slugs, glossary=["vram", "kv-cache"])

    with django_assert_max_num_queries(2):
        client.get("/errors/")
    with django_assert_max_num_queries(8):
        client.get("/errors/many/")


# -- guides -----------------------------------------------------------------------------


def test_ranked_guide_shows_live_specs_dated_price_and_reviewed_offers(
    client, make_guide, make_hardware, make_offer
):
    gpu = make_hardware(
        name="RTX Test 24",
        memory_gb=24,
        bandwidth_gbs=936,
        street_price_low_usd=700,
        street_price_high_usd=900,
        street_price_seen=datetime.date(2026, 11, 1),
    )
    make_offer(gpu, retailer="Good Shop", price="749.00")
    make_offer(gpu, retailer="Unreviewed Shop", draft=True)
    make_guide(slug="best", picks=[gpu])

    response = client.get("/guides/best/")

    _assert_public_page(response)
    assert "#1" in response.text
    assert f'href="{gpu.get_absolute_url()}"' in response.text
    assert "24 GB" in response.text
    assert "936 GB/s" in response.text
    assert '$700–$900 street, seen <time datetime="2026-11-01">' in response.text
    assert "Why 1 wins." in response.text
    assert "Buy if" in response.text
    assert "Skip if" in response.text
    assert "Good Shop" in response.text
    assert "Unreviewed Shop" not in response.text
    assert "Affiliate disclosure" in response.text


def test_ranked_guide_labels_msrp_when_no_dated_price(client, make_guide, make_hardware):
    make_guide(slug="best", picks=[make_hardware(msrp_usd=1499)])

    response = client.get("/guides/best/")

    assert "Launch MSRP $1,499" in response.text


def test_ranked_guide_hides_unpublished_catalog_hardware(client, make_guide, make_hardware):
    hidden = make_hardware(name="Unreleased GPU", draft=True)
    make_guide(slug="best", picks=[hidden])

    response = client.get("/guides/best/")

    assert "Unreleased GPU" not in response.text
    assert "not published at the moment" in response.text


def test_short_answer_guide_shows_the_boxed_answer_first(client, make_guide):
    make_guide(slug="sizes")

    response = client.get("/guides/sizes/")

    assert response.text.index("The short answer") < response.text.index("How we chose")
    assert "<strong>bigger</strong>" in response.text


def test_guide_list_lists_both_formats_without_drafts(client, make_guide, make_hardware):
    make_guide(title="Ranked one", picks=[make_hardware()])
    make_guide(title="Short one")
    make_guide(title="Draft one", draft=True)

    response = client.get("/guides/")

    _assert_public_page(response)
    assert "Ranked one" in response.text
    assert "Short one" in response.text
    assert "Draft one" not in response.text


def test_guide_detail_query_count_is_constant_with_many_picks(
    client, make_guide, make_hardware, make_build, make_offer, django_assert_max_num_queries
):
    devices = [make_hardware() for _ in range(6)] + [make_build() for _ in range(2)]
    for device in devices:
        make_offer(device)
    make_guide(slug="many", picks=devices)

    with django_assert_max_num_queries(10):
        response = client.get("/guides/many/")

    assert response.text.count('class="pick"') == 8


def test_guide_picks_are_part_of_its_revision(make_guide, make_hardware):
    guide = make_guide(picks=[make_hardware()])

    live = Revision.objects.for_object(guide).first()

    assert [row["label"] for row in live.data["children"]["picks"]] == ["Pick 1"]


# -- troubleshooting --------------------------------------------------------------------


def test_troubleshooting_detail_lists_causes_in_order_with_diagnose_and_fix(
    client, make_troubleshooting
):
    make_troubleshooting(slug="slow", causes=3)

    response = client.get("/troubleshooting/slow/")

    _assert_public_page(response)
    text = response.text
    assert text.index("Cause 1: Cause name 1") < text.index("Cause 2: Cause name 2")
    assert text.count("<h3>Diagnose</h3>") == 3
    assert text.count("<h3>Fix</h3>") == 3
    assert "Tokens crawl." in text


def test_troubleshooting_pages_hide_drafts_and_keep_queries_constant(
    client, make_troubleshooting, django_assert_max_num_queries
):
    make_troubleshooting(title="Visible symptom", causes=8)
    make_troubleshooting(slug="hidden", title="Hidden symptom", draft=True)

    with django_assert_max_num_queries(2):
        listing = client.get("/troubleshooting/")
    with django_assert_max_num_queries(8):
        client.get(TroubleshootingGuide.objects.get(title="Visible symptom").get_absolute_url())

    assert "Visible symptom" in listing.text
    assert "Hidden symptom" not in listing.text
    assert client.get("/troubleshooting/hidden/").status_code == 404


# -- quick answers ----------------------------------------------------------------------


def test_quick_answer_detail_has_answer_deeper_link_and_faq_json_ld(client, make_answer):
    make_answer(slug="can-i", title="Can I <run> it?")

    response = client.get("/quick-answers/can-i/")

    _assert_public_page(response)
    assert 'href="/glossary/"' in response.text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert "</script> care" not in "".join(blocks)
    faq = next(json.loads(b) for b in blocks if json.loads(b)["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["name"] == "Can I <run> it?"
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"].startswith("Yes, with")


def test_quick_answer_list_shows_every_published_answer_in_constant_queries(
    client, make_answer, django_assert_max_num_queries
):
    for _ in range(5):
        make_answer()
    make_answer(title="Draft question?", draft=True)

    with django_assert_max_num_queries(4):
        response = client.get("/quick-answers/")

    _assert_public_page(response)
    assert response.text.count('class="quick-answer"') == 5
    assert "Draft question?" not in response.text
    assert '"@type":"FAQPage"' in response.text


# -- prompting kits ---------------------------------------------------------------------


def test_prompting_kit_detail_has_copyable_templates(client, make_kit):
    make_kit(slug="code")

    response = client.get("/prompting-kits/code/")

    _assert_public_page(response)
    assert '<pre tabindex="0"><code>You are {role}.' in response.text
    assert "Chat-template caveats" in response.text


def test_prompting_kit_list_hides_drafts(client, make_kit, django_assert_max_num_queries):
    make_kit(title="Public kit")
    make_kit(title="Draft kit", draft=True)

    with django_assert_max_num_queries(2):
        response = client.get("/prompting-kits/")

    assert "Public kit" in response.text
    assert "Draft kit" not in response.text


# -- every page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/guides/",
        "/guides/x/",
        "/errors/",
        "/errors/x/",
        "/troubleshooting/",
        "/troubleshooting/x/",
        "/quick-answers/",
        "/quick-answers/x/",
        "/prompting-kits/",
        "/prompting-kits/x/",
    ],
)
def test_reference_pages_refuse_post(client, db, path):
    assert client.post(path).status_code == 405


# -- "Did this fix it?" ----------------------------------------------------------------


@pytest.fixture
def oom(make_error):
    return make_error(slug="oom")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_feedback_form_page_renders_with_its_own_csrf_token(client, oom):
    response = client.get("/errors/oom/feedback/")

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.text
    assert "private" in response["Cache-Control"]


def test_feedback_htmx_get_returns_the_form_fragment(client, oom):
    response = client.get("/errors/oom/feedback/", headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<section id="feedback"')
    assert "<html" not in response.text


def test_feedback_is_stored_and_the_browser_redirected(client, oom):
    response = client.post(
        "/errors/oom/feedback/", {"helped": "no", "comment": "Still fails on 8 GB."}
    )

    assert response.status_code == 302
    assert response["Location"] == "/errors/oom/feedback/?sent"
    feedback = ErrorFeedback.objects.get()
    assert feedback.error == oom
    assert feedback.helped is False
    assert feedback.comment == "Still fails on 8 GB."


def test_feedback_over_htmx_returns_thanks_fragment(client, oom):
    response = client.post(
        "/errors/oom/feedback/", {"helped": "yes"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "Thanks" in response.text
    assert ErrorFeedback.objects.get().helped is True


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"helped": "maybe"},
        {"helped": "yes", "comment": "x" * 1001},
        {"helped": ["yes", "\x00"]},
    ],
)
def test_invalid_feedback_is_a_400_with_a_message(client, oom, data):
    response = client.post("/errors/oom/feedback/", data)

    assert response.status_code == 400
    assert "Please choose yes or no" in response.text
    assert not ErrorFeedback.objects.exists()


def test_feedback_honeypot_pretends_success_and_stores_nothing(client, oom):
    response = client.post(
        "/errors/oom/feedback/", {"helped": "yes", "website": "http://spam.example"}
    )

    assert response.status_code == 302
    assert not ErrorFeedback.objects.exists()


def test_feedback_is_rate_limited_per_ip(client, oom, settings):
    from editorial import views_reference

    for _ in range(views_reference.FEEDBACK_PER_IP_PER_HOUR):
        client.post("/errors/oom/feedback/", {"helped": "yes"})

    response = client.post("/errors/oom/feedback/", {"helped": "yes"})

    assert response.status_code == 429
    assert ErrorFeedback.objects.count() == views_reference.FEEDBACK_PER_IP_PER_HOUR


def test_feedback_requires_csrf_token(oom):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/errors/oom/feedback/", {"helped": "yes"})

    assert response.status_code == 403
    assert not ErrorFeedback.objects.exists()


def test_feedback_for_a_draft_error_404s(client, make_error):
    make_error(slug="draft", draft=True)

    assert client.post("/errors/draft/feedback/", {"helped": "yes"}).status_code == 404


def test_feedback_is_visible_to_editors_in_the_admin(admin_client, oom):
    ErrorFeedback.objects.create(error=oom, helped=False, comment="Did not help on Windows.")

    response = admin_client.get("/admin/editorial/errorfeedback/")

    assert response.status_code == 200
    assert "Did not help on Windows." in response.text
