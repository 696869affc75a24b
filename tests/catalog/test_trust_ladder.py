"""The trust ladder is computed from published rows, never stored or set by hand."""

import pytest

from catalog.models import Benchmark, BenchmarkSubmission, Quantization, TrustTier
from catalog.models.benchmarks import SourceKind
from tools import catalog_fit

SOURCE_A = "https://example.com/bench-a"
SOURCE_B = "https://example.org/bench-b"


@pytest.fixture
def setup(make_model, make_hardware, make_software):
    """One model, device and runtime that the ladder's matches share."""
    return {
        "model": make_model(),
        "hardware": make_hardware(),
        "software": make_software(),
        "backend": "cuda",
    }


def tier(benchmark):
    return Benchmark.objects.with_trust().get(pk=benchmark.pk).trust_tier


def reader_row(make_benchmark, key, **fields):
    """A published reader submission with submitter `key`."""
    fields.setdefault("source_url", "")
    benchmark = make_benchmark(source_kind=SourceKind.READER, **fields)
    BenchmarkSubmission.objects.create(
        benchmark=benchmark,
        submitter_key=key,
        raw_output_sha256=key,
        software_version="b1",
        backend="cuda",
        os="Linux",
        run_date="2025-06-01",
        command="llama-bench",
        raw_output="...",
        state="in-review",
    )
    return benchmark


def test_a_single_row_is_submitted(make_benchmark, setup):
    benchmark = make_benchmark(**setup)

    assert tier(benchmark) == TrustTier.SUBMITTED


def test_a_matching_row_from_the_same_source_makes_both_reproduced(make_benchmark, setup):
    first = make_benchmark(decode_tokens_per_s="100", source_url=SOURCE_A, **setup)
    second = make_benchmark(decode_tokens_per_s="108", source_url=SOURCE_A, **setup)

    assert tier(first) == TrustTier.REPRODUCED
    assert tier(second) == TrustTier.REPRODUCED


def test_a_matching_row_from_another_submitter_is_independent(make_benchmark, setup):
    first = reader_row(make_benchmark, "alice", decode_tokens_per_s="100", **setup)
    second = reader_row(make_benchmark, "bob", decode_tokens_per_s="95", **setup)
    own_rerun = reader_row(make_benchmark, "alice", decode_tokens_per_s="102", **setup)

    assert tier(first) == TrustTier.INDEPENDENTLY_REPRODUCED
    assert tier(second) == TrustTier.INDEPENDENTLY_REPRODUCED
    assert tier(own_rerun) == TrustTier.INDEPENDENTLY_REPRODUCED


def test_two_runs_by_one_reader_are_reproduced_not_independent(make_benchmark, setup):
    first = reader_row(make_benchmark, "alice", decode_tokens_per_s="100", **setup)
    reader_row(make_benchmark, "alice", decode_tokens_per_s="101", **setup)

    assert tier(first) == TrustTier.REPRODUCED


def test_a_cited_source_and_a_reader_are_different_submitters(make_benchmark, setup):
    cited = make_benchmark(decode_tokens_per_s="100", source_url=SOURCE_A, **setup)
    reader_row(make_benchmark, "alice", decode_tokens_per_s="100", **setup)

    assert tier(cited) == TrustTier.INDEPENDENTLY_REPRODUCED


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ({"decode_tokens_per_s": "110"}, TrustTier.INDEPENDENTLY_REPRODUCED),  # exactly +10 %
        ({"decode_tokens_per_s": "110.01"}, TrustTier.SUBMITTED),  # just beyond
        ({"decode_tokens_per_s": "90.91"}, TrustTier.INDEPENDENTLY_REPRODUCED),  # 100 ≤ 1.1 × 90.91
        ({"decode_tokens_per_s": "90.90"}, TrustTier.SUBMITTED),
        ({"backend": "vulkan"}, TrustTier.SUBMITTED),
        # A prefill-only row shares no figure with a decode-only row.
        ({"decode_tokens_per_s": None, "prefill_tokens_per_s": "2000"}, TrustTier.SUBMITTED),
    ],
)
def test_matches_need_agreeing_speeds_and_the_same_runtime_family(
    make_benchmark, setup, other, expected
):
    first = make_benchmark(decode_tokens_per_s="100", source_url=SOURCE_A, **setup)
    make_benchmark(**{**setup, "source_url": SOURCE_B, **other})

    assert tier(first) == expected


def test_a_shared_figure_that_disagrees_breaks_the_match(make_benchmark, setup):
    both = {"prompt_tokens": 512, **setup}
    first = make_benchmark(
        decode_tokens_per_s="100", prefill_tokens_per_s="3000", source_url=SOURCE_A, **both
    )
    make_benchmark(
        decode_tokens_per_s="101", prefill_tokens_per_s="1500", source_url=SOURCE_B, **both
    )
    decode_only = make_benchmark(decode_tokens_per_s="99", source_url=SOURCE_B, **setup)

    assert tier(first) == TrustTier.INDEPENDENTLY_REPRODUCED  # through decode_only
    decode_only.archive(by=_publisher())
    assert tier(first) == TrustTier.SUBMITTED


def test_prefill_is_compared_only_over_equal_prompt_lengths(make_benchmark, setup):
    prefill_only = {**setup, "decode_tokens_per_s": None}
    pp512 = make_benchmark(
        test="pp512", prefill_tokens_per_s="3000", source_url=SOURCE_A, **prefill_only
    )
    make_benchmark(test="pp2048", prefill_tokens_per_s="3050", source_url=SOURCE_B, **prefill_only)

    assert tier(pp512) == TrustTier.SUBMITTED

    make_benchmark(
        test="pp512 + tg128",
        prompt_tokens=512,
        prefill_tokens_per_s="2900",
        source_url=SOURCE_B,
        **prefill_only,
    )

    assert tier(pp512) == TrustTier.INDEPENDENTLY_REPRODUCED


def test_chat_runs_match_on_decode_whatever_their_prompt_speed(make_benchmark, setup):
    first = make_benchmark(
        test="ollama run --verbose",
        prompt_tokens=15,
        prefill_tokens_per_s="160",
        decode_tokens_per_s="83.5",
        source_url=SOURCE_A,
        **setup,
    )
    make_benchmark(
        test="ollama run --verbose",
        prompt_tokens=40,
        prefill_tokens_per_s="420",
        decode_tokens_per_s="82",
        source_url=SOURCE_B,
        **setup,
    )

    assert tier(first) == TrustTier.INDEPENDENTLY_REPRODUCED


def test_quant_family_matches_but_other_model_hardware_or_software_do_not(
    make_benchmark, setup, make_model, make_hardware, make_software
):
    q4_k_s = Quantization.objects.create(name="Q4_K_S", slug="q4-k-s", format="gguf")
    q8 = Quantization.objects.create(name="Q8_0", slug="q8-0", format="gguf")
    first = make_benchmark(source_url=SOURCE_A, **setup)
    make_benchmark(source_url=SOURCE_B, **{**setup, "model": make_model()})
    make_benchmark(source_url=SOURCE_B, **{**setup, "hardware": make_hardware()})
    make_benchmark(source_url=SOURCE_B, **{**setup, "software": make_software()})
    make_benchmark(source_url=SOURCE_B, quantization=q8, **setup)

    assert tier(first) == TrustTier.SUBMITTED

    make_benchmark(source_url=SOURCE_B, quantization=q4_k_s, **setup)

    assert tier(first) == TrustTier.INDEPENDENTLY_REPRODUCED


def test_rows_without_named_software_are_never_reproduced(make_benchmark, setup):
    first = make_benchmark(**{**setup, "software": None, "source_url": SOURCE_A})
    make_benchmark(**{**setup, "software": None, "source_url": SOURCE_B})

    assert tier(first) == TrustTier.SUBMITTED


def test_drafts_and_pending_rows_never_count(make_benchmark, setup):
    first = make_benchmark(source_url=SOURCE_A, **setup)
    make_benchmark(source_url=SOURCE_B, draft=True, **setup)

    assert tier(first) == TrustTier.SUBMITTED


def test_builds_match_builds(make_benchmark, make_build, setup):
    build = make_build()
    fields = {**setup, "hardware": None, "build": build}
    first = make_benchmark(source_url=SOURCE_A, **fields)
    make_benchmark(source_url=SOURCE_B, **fields)

    assert tier(first) == TrustTier.INDEPENDENTLY_REPRODUCED


def test_tier_without_the_annotation_costs_one_query(
    make_benchmark, setup, django_assert_num_queries
):
    first = make_benchmark(source_url=SOURCE_A, **setup)
    make_benchmark(source_url=SOURCE_B, **setup)
    plain = Benchmark.objects.get(pk=first.pk)

    with django_assert_num_queries(1):
        assert plain.trust_tier == TrustTier.INDEPENDENTLY_REPRODUCED
        assert plain.get_trust_tier_display() == "Independently reproduced"


def test_a_list_computes_every_tier_in_one_query(make_benchmark, setup, django_assert_num_queries):
    for number in range(6):
        make_benchmark(decode_tokens_per_s=str(100 + number), **setup)

    with django_assert_num_queries(1):
        tiers = {row.trust_tier for row in Benchmark.objects.published().with_related()}

    assert tiers == {TrustTier.REPRODUCED}


def test_at_tier_filters_on_the_computed_rung(make_benchmark, setup, make_hardware):
    first = make_benchmark(source_url=SOURCE_A, **setup)
    second = make_benchmark(source_url=SOURCE_B, **setup)
    alone = make_benchmark(source_url=SOURCE_A, **{**setup, "hardware": make_hardware()})

    independent = Benchmark.objects.published().at_tier(TrustTier.INDEPENDENTLY_REPRODUCED)

    assert set(independent) == {first, second}
    assert list(Benchmark.objects.at_tier(TrustTier.SUBMITTED)) == [alone]


def test_engine_evidence_counts_reader_rows_only_once_reproduced(make_benchmark, setup):
    cited = make_benchmark(source_url=SOURCE_A, **setup)
    reader = reader_row(make_benchmark, "alice", decode_tokens_per_s="50", **setup)

    rows = Benchmark.objects.filter(pk__in=[cited.pk, reader.pk]).with_related()
    evidence = {obs.decode_tokens_per_s: obs.reproduced for obs in catalog_fit.observations(rows)}

    assert evidence == {100.5: True, 50.0: False}

    reader_row(make_benchmark, "bob", decode_tokens_per_s="52", **setup)
    rows = Benchmark.objects.filter(pk=reader.pk).with_related()
    assert catalog_fit.observations(rows)[0].reproduced is True


def _publisher():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("publisher", "p@example.com", "x" * 20)
