"""/benchmarks/submit/: a reader's measurement, checked against its log and the engine."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from catalog.models import Benchmark, BenchmarkSubmission, SubmissionState, TrustTier
from catalog.submissions import services
from editorial.models import Status

from .test_submissions_parsers import LLAMA_BENCH_JSON, LLAMA_BENCH_TABLE, OLLAMA_VERBOSE

URL = "/benchmarks/submit/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalog_rows(make_model, make_hardware, make_software, q4):
    return {
        "model": make_model(name="Bench Llama", slug="bench-llama"),
        # A fictional card fast enough for the sample logs' prefill figures.
        "hardware": make_hardware(name="Bench GPU", slug="bench-gpu", fp16_tflops=142),
        "software": make_software(name="llama.cpp", slug="llama-cpp"),
        "quant": q4,
    }


@pytest.fixture
def post(client, catalog_rows):
    """POST the form: a valid llama-bench submission unless fields say otherwise."""

    def send(**fields):
        data = {
            "model": "bench-llama",
            "quantization": catalog_rows["quant"].slug,
            "device": "hardware:bench-gpu",
            "software": "llama-cpp",
            "software_version": "b2676",
            "backend": "cuda",
            "os": "Ubuntu 24.04",
            "driver": "NVIDIA 550.54, CUDA 12.4",
            "run_date": "2025-06-01",
            "command": "llama-bench -m Meta-Llama-3-8B-Instruct-Q4_K_M.gguf -ngl 99",
            "raw_output": LLAMA_BENCH_TABLE,
            "email": "Reader.One+bench@example.com",
            "action": "submit",
        }
        data.update(fields)
        return client.post(URL, {k: v for k, v in data.items() if v is not None})

    return send


def test_submit_page_renders_a_csp_safe_form_within_the_query_budget(
    client, catalog_rows, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(URL)

    assert response.status_code == 200
    assert 'name="raw_output"' in response.text
    assert "Not listed (name it below)" in response.text
    assert "Bench GPU" in response.text
    assert "style=" not in response.text
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json))", response.text)
    assert not re.search(r"\son[a-z]+=", response.text)


def test_reproduce_link_presets_the_set_up(client, catalog_rows):
    response = client.get(URL, {"model": "bench-llama", "device": "hardware:bench-gpu"})

    assert '<option value="bench-llama" selected>' in response.text
    assert '<option value="hardware:bench-gpu" selected>' in response.text


def test_llama_bench_table_submission_takes_numbers_from_the_log_and_enters_review(client, post):
    response = post()

    assert response.status_code == 302
    assert response["Location"] == "/benchmarks/submit/thanks/"
    submission = BenchmarkSubmission.objects.get()
    assert str(submission.decode_tokens_per_s) == "121.62"
    assert str(submission.prefill_tokens_per_s) == "4735.91"
    assert submission.test == "pp512 + tg128"
    assert submission.parsed["format"] == "llama-bench (table)"
    assert submission.state == SubmissionState.IN_REVIEW
    benchmark = submission.benchmark
    assert benchmark.status == Status.IN_REVIEW
    assert benchmark.source_kind == "reader"
    assert (benchmark.prompt_tokens, benchmark.generated_tokens) == (512, 128)
    assert benchmark.setup == "Ubuntu 24.04 · NVIDIA 550.54, CUDA 12.4"
    assert benchmark.open_revision().changed_by is None
    # Pending: nowhere public.
    assert "4735.91" not in client.get("/benchmarks/").text
    assert client.get(benchmark.get_absolute_url()).status_code == 404


def test_llama_bench_json_submission_accepts_rounded_numbers(post):
    response = post(
        raw_output=LLAMA_BENCH_JSON, decode_tokens_per_s="121.6", prefill_tokens_per_s="4736"
    )

    assert response.status_code == 302
    submission = BenchmarkSubmission.objects.get()
    assert submission.parsed["format"] == "llama-bench (JSON)"
    # The log's own figures are kept: they carry every digit.
    assert str(submission.decode_tokens_per_s) == "121.62"
    assert str(submission.prefill_tokens_per_s) == "4735.91"


def test_ollama_verbose_submission(post):
    response = post(raw_output=OLLAMA_VERBOSE, software_version="0.12.3")

    assert response.status_code == 302
    submission = BenchmarkSubmission.objects.get()
    assert str(submission.decode_tokens_per_s) == "83.50"
    assert str(submission.prefill_tokens_per_s) == "159.28"
    assert submission.test == "ollama run --verbose"
    assert (submission.benchmark.prompt_tokens, submission.benchmark.generated_tokens) == (15, 392)


def test_numbers_that_disagree_with_the_log_are_rejected_and_everything_is_kept(post):
    response = post(decode_tokens_per_s="150", notes="My notes stay.")

    assert response.status_code == 400
    assert (
        "Decode: you typed 150 tok/s but the log says 121.62 tok/s (tg128). They must agree "
        "within 2%" in response.text
    )
    assert BenchmarkSubmission.objects.count() == 0
    assert Benchmark.objects.count() == 0
    assert 'value="150"' in response.text
    assert "My notes stay." in response.text
    assert "4735.91 ± 36.58" in response.text  # the pasted output is still there
    assert 'value="Reader.One+bench@example.com"' in response.text


def test_too_fast_for_the_bandwidth_is_flagged_not_rejected(post):
    fake = LLAMA_BENCH_TABLE.replace("121.62 ± 0.27", "950.00 ± 0.27")

    response = post(raw_output=fake)

    assert response.status_code == 302
    submission = BenchmarkSubmission.objects.get()
    assert submission.flagged
    codes = {flag["code"]: flag["reason"] for flag in submission.flags}
    assert "beyond-bandwidth" in codes
    assert "faster than the memory bandwidth allows" in codes["beyond-bandwidth"]
    assert "936 GB/s" in codes["beyond-bandwidth"]
    assert submission.benchmark.status == Status.IN_REVIEW


def test_a_plausible_run_has_no_speed_flags(post):
    post()

    codes = {flag["code"] for flag in BenchmarkSubmission.objects.get().flags}

    assert not codes & {"beyond-bandwidth", "decode-high", "decode-low", "prefill-high"}


def test_log_naming_another_quant_or_backend_is_flagged(post):
    log = LLAMA_BENCH_TABLE.replace("Q4_K - Medium", "Q8_0").replace("CUDA       |", "Vulkan     |")

    post(raw_output=log)

    codes = {flag["code"] for flag in BenchmarkSubmission.objects.get().flags}
    assert {"log-quant", "log-backend"} <= codes


def test_the_same_output_twice_is_flagged_as_a_duplicate(post):
    post()
    post(email="someone.else@example.com")

    latest = BenchmarkSubmission.objects.order_by("-pk").first()
    assert "duplicate-log" in {flag["code"] for flag in latest.flags}


def test_unlisted_items_wait_for_a_reviewer_to_map_them(post):
    response = post(
        model="", model_described="Qwen3-30B-A3B", device="", hardware_described="RTX 5070"
    )

    assert response.status_code == 302
    submission = BenchmarkSubmission.objects.get()
    assert submission.state == SubmissionState.NEEDS_MAPPING
    assert submission.benchmark is None
    assert submission.model_label == "Qwen3-30B-A3B (not listed)"
    assert "not-checked" in {flag["code"] for flag in submission.flags}


def test_missing_choice_and_name_is_a_clear_field_error(post):
    response = post(model="", model_described="")

    assert response.status_code == 400
    assert "Choose the model, or pick “not listed” and name it below." in response.text


def test_submission_without_any_speed_is_refused(post):
    response = post(raw_output="I ran it and it felt quick enough for chatting.")

    assert response.status_code == 400
    assert "Give the decode or prefill speed" in response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("decode_tokens_per_s", "1e309"),
        ("decode_tokens_per_s", "-5"),
        ("prefill_tokens_per_s", "99999999999"),
        ("vram_used_gb", "NaN"),
        ("context", "99999999999"),
        ("run_date", "2999-01-01"),
        ("run_date", "yesterday"),
        ("device", "hardware:nope"),
        ("model", "<script>"),
        ("raw_output", "x" * 20_001),
    ],
)
def test_bad_input_is_a_field_error_never_a_500(post, field, value):
    response = post(**{field: value})

    assert response.status_code == 400
    assert BenchmarkSubmission.objects.count() == 0


def test_read_log_fills_in_numbers_and_stores_nothing(post):
    response = post(action="read-log", software_version="")

    assert response.status_code == 200
    assert 'value="121.62"' in response.text
    assert 'value="4735.91"' in response.text
    assert 'value="b2676"' in response.text
    assert "Read from the output (llama-bench (table))" in response.text
    assert BenchmarkSubmission.objects.count() == 0


def test_honeypot_gets_the_same_answer_and_stores_nothing(post):
    response = post(website="http://spam.example")

    assert response.status_code == 302
    assert response["Location"] == "/benchmarks/submit/thanks/"
    assert BenchmarkSubmission.objects.count() == 0


def test_the_answer_does_not_depend_on_the_address(post):
    first = post()
    again = post(raw_output=OLLAMA_VERBOSE)

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]


def test_submissions_are_rate_limited_per_network(post):
    for number in range(10):
        post(raw_output=OLLAMA_VERBOSE.replace("83.50", f"8{number}.50"))

    response = post()

    assert response.status_code == 429
    assert "Too many submissions" in response.text
    assert BenchmarkSubmission.objects.count() == 10


def test_submit_requires_a_csrf_token(db):
    response = Client(enforce_csrf_checks=True).post(URL, {"email": "a@example.com"})

    assert response.status_code == 403


def test_normalised_email_makes_plus_tags_and_gmail_dots_one_submitter():
    key = services.submitter_key

    assert key("Reader.One+bench@Example.com") == key("reader.one@example.com")
    assert key("j.doe+x@googlemail.com") == key("jdoe@gmail.com")
    assert key("a@example.com") != key("b@example.com")


def test_approved_submissions_climb_the_ladder_and_never_show_the_email(
    client, post, reviewer, catalog_rows
):
    post()
    rerun = LLAMA_BENCH_TABLE.replace("121.62", "118.00").replace("4735.91", "4650.00")
    post(raw_output=rerun, email="second@example.net")
    first, second = (s.benchmark for s in BenchmarkSubmission.objects.order_by("pk"))
    first.approve(by=reviewer)

    page = client.get(first.get_absolute_url()).text

    assert "Reader submission (reviewed)" in page
    assert "Submitted" in page
    assert "example.com" not in page.replace("https://example.com/source", "")

    second.approve(by=reviewer)
    first = Benchmark.objects.with_trust().get(pk=first.pk)

    assert first.trust_tier == TrustTier.INDEPENDENTLY_REPRODUCED
    listing = client.get("/benchmarks/").text
    assert listing.count("Independently reproduced") == 2
    assert "second@example.net" not in listing


def test_methodology_page_states_the_rules_and_counts(client, make_benchmark):
    make_benchmark()

    response = client.get("/benchmarks/methodology/")

    assert response.status_code == 200
    assert "within 10 %" in response.text
    assert "within 2 %" in response.text
    assert "never published" in response.text.lower()
    assert "style=" not in response.text


def test_benchmark_index_and_detail_link_to_submit(client, make_benchmark):
    benchmark = make_benchmark()

    index = client.get("/benchmarks/").text
    detail = client.get(benchmark.get_absolute_url()).text

    assert 'href="/benchmarks/submit/"' in index
    assert 'href="/benchmarks/methodology/"' in index
    assert f"/benchmarks/submit/?model={benchmark.model.slug}&amp;" in detail


def test_benchmark_pages_stay_within_the_query_budget(
    client, make_benchmark, setup_rows, django_assert_max_num_queries
):
    rows = [make_benchmark(decode_tokens_per_s=str(100 + n), **setup_rows) for n in range(8)]

    for url in ("/benchmarks/", "/benchmarks/methodology/", rows[0].get_absolute_url()):
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
        assert "Reproduced" in response.text or url.endswith("methodology/")


@pytest.fixture
def setup_rows(make_model, make_hardware, make_software):
    return {"model": make_model(), "hardware": make_hardware(), "software": make_software()}


def flag_codes(submission):
    return {flag["code"] for flag in submission.flags}


def test_a_run_that_cannot_fit_is_flagged_unless_marked_offloaded(post, make_hardware):
    make_hardware(name="Small GPU", slug="small-gpu", memory_gb=4)

    post(device="hardware:small-gpu")
    post(device="hardware:small-gpu", offloaded="on", raw_output=OLLAMA_VERBOSE)

    unmarked, marked = BenchmarkSubmission.objects.order_by("pk")
    assert "offload" in flag_codes(unmarked)
    assert "offload" not in flag_codes(marked)


def test_a_build_the_engine_cannot_size_is_accepted_and_flagged(post, team):
    from catalog.models import Build

    Build.objects.create(name="Empty build", slug="empty-build", summary="No devices yet.")
    Build.objects.get(slug="empty-build").publish_shipped(team=team)

    response = post(device="build:empty-build")

    assert response.status_code == 302
    assert "not-checked" in flag_codes(BenchmarkSubmission.objects.get())
