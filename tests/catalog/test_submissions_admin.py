"""Reviewers handle submissions in the admin: flags, parsed values, mapping, drafts."""

import pytest
from django.core.cache import cache

from catalog.models import BenchmarkSubmission, SubmissionState
from editorial.models import FourEyesError, Status

from .test_submissions_parsers import LLAMA_BENCH_TABLE

CHANGELIST = "/admin/catalog/benchmarksubmission/"


@pytest.fixture
def unlisted(client, make_model, make_hardware, make_software, q4):
    """A submission whose model and hardware the reader could not find."""
    cache.clear()
    make_software(name="llama.cpp", slug="llama-cpp")
    response = client.post(
        "/benchmarks/submit/",
        {
            "model": "",
            "model_described": "Llama 3 8B Instruct",
            "quantization": q4.slug,
            "device": "",
            "hardware_described": "RTX 3090 24 GB",
            "software": "llama-cpp",
            "backend": "cuda",
            "os": "Ubuntu 24.04",
            "run_date": "2025-06-01",
            "command": "llama-bench -m llama3.gguf -ngl 99",
            "raw_output": LLAMA_BENCH_TABLE,
            "email": "reader@example.com",
        },
    )
    assert response.status_code == 302
    return BenchmarkSubmission.objects.get()


def test_reviewers_see_flags_and_typed_against_parsed_values(client, reviewer, unlisted):
    client.force_login(reviewer)

    listing = client.get(CHANGELIST)
    page = client.get(f"{CHANGELIST}{unlisted.pk}/change/")

    assert listing.status_code == 200
    assert "Llama 3 8B Instruct (not listed)" in listing.text
    assert page.status_code == 200
    assert "not-checked" in page.text
    assert "Log format: llama-bench (table)" in page.text
    assert "121.62 (tg128)" in page.text
    assert "reader@example.com" in page.text


def test_editors_without_publish_rights_cannot_see_submissions(client, editor, unlisted):
    client.force_login(editor)

    assert client.get(CHANGELIST).status_code == 403


def test_mapping_then_create_draft_needs_another_reviewer(
    client, reviewer, second_reviewer, unlisted, make_model, make_hardware
):
    model, hardware = make_model(), make_hardware()
    client.force_login(reviewer)
    change = client.get(f"{CHANGELIST}{unlisted.pk}/change/")
    assert change.status_code == 200

    client.post(
        f"{CHANGELIST}{unlisted.pk}/change/",
        {
            "model": model.pk,
            "quantization": unlisted.quantization_id,
            "hardware": hardware.pk,
            "software": unlisted.software_id,
            "reviewer_note": "Mapped from the log's file name.",
        },
    )
    client.post(CHANGELIST, {"action": "create_drafts", "_selected_action": [unlisted.pk]})

    unlisted.refresh_from_db()
    assert unlisted.state == SubmissionState.IN_REVIEW
    assert "not-checked" not in {flag["code"] for flag in unlisted.flags}
    benchmark = unlisted.benchmark
    assert benchmark.status == Status.IN_REVIEW
    with pytest.raises(FourEyesError):
        benchmark.approve(by=reviewer)
    benchmark.approve(by=second_reviewer)
    assert benchmark.status == Status.PUBLISHED


def test_erase_email_keeps_the_submitter_key(client, reviewer, unlisted):
    client.force_login(reviewer)
    key = unlisted.submitter_key

    client.post(CHANGELIST, {"action": "erase_emails", "_selected_action": [unlisted.pk]})

    unlisted.refresh_from_db()
    assert unlisted.email == ""
    assert unlisted.submitter_key == key


def test_benchmark_admin_shows_the_computed_tier_and_filters_on_it(
    client, reviewer, make_benchmark
):
    make_benchmark()
    client.force_login(reviewer)

    response = client.get("/admin/catalog/benchmark/?trust=submitted")

    assert response.status_code == 200
    assert "Submitted" in response.text
