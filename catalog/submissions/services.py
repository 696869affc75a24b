"""
Intake of reader submissions and the step from a submission to a Benchmark draft.

A submission whose model, quantization and hardware are catalog rows becomes a
Benchmark draft at once, submitted for review through the editorial transitions;
one that names something "not listed" waits in the admin until a reviewer maps
it (BenchmarkSubmissionAdmin) and creates the draft. Plausibility flags are
computed at intake and again after mapping.
"""

import hashlib

from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from .. import fitting
from ..models import Benchmark, BenchmarkSubmission, SubmissionState
from ..models.benchmarks import Backend, SourceKind
from . import parsers, plausibility

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_email(email):
    """
    One address per mailbox: lower case, "+tag" dropped, and Gmail's ignored dots.

    Otherwise one person could "independently reproduce" their own run by
    writing me+1@example.com.
    """
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def submitter_key(email):
    # Keyed with SECRET_KEY: the stored key cannot be reversed by hashing guesses.
    return salted_hmac(
        "catalog.submissions.submitter", normalise_email(email), algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def receive(form):
    """Store a valid form's submission, flag it, and draft its Benchmark when it can."""
    data = form.cleaned_data
    device = data["device"]
    raw_output = data["raw_output"]
    submission = BenchmarkSubmission(
        email=data["email"],
        submitter_key=submitter_key(data["email"]),
        model=data["model"],
        model_described="" if data["model"] else data["model_described"],
        quantization=data["quantization"],
        quantization_described="" if data["quantization"] else data["quantization_described"],
        hardware=device if device is not None and device._meta.model_name == "hardware" else None,
        build=device if device is not None and device._meta.model_name == "build" else None,
        hardware_described="" if device else data["hardware_described"],
        software=data["software"],
        software_described="" if data["software"] else data["software_described"],
        software_version=data["software_version"],
        backend=data["backend"],
        os=data["os"],
        driver=data["driver"],
        context=data["context"],
        offloaded=data["offloaded"],
        run_date=data["run_date"],
        decode_tokens_per_s=data["decode_tokens_per_s"],
        prefill_tokens_per_s=data["prefill_tokens_per_s"],
        vram_used_gb=data["vram_used_gb"],
        test=_test_label(form.parsed, form.reconciled),
        command=data["command"],
        raw_output=raw_output,
        raw_output_sha256=hashlib.sha256(raw_output.strip().encode()).hexdigest(),
        notes=data["notes"],
        parsed=_parsed_record(form.parsed, form.reconciled),
    )
    submission.set_flags(assess(submission))
    submission.save()
    if submission.is_mapped:
        create_draft(submission, by=None)
    return submission


def assess(submission):
    """Every plausibility flag for the submission as it stands (re-run after mapping)."""
    parsed = parsers.parse(submission.raw_output)
    flags = plausibility.check_log(
        parsed,
        quantization=submission.quantization.name if submission.quantization_id else None,
        backend=submission.backend,
        backend_label=Backend(submission.backend).label,
    )
    duplicate = (
        BenchmarkSubmission.objects.filter(raw_output_sha256=submission.raw_output_sha256)
        .exclude(pk=submission.pk)
        .order_by("created_at")
        .first()
    )
    if duplicate is not None:
        flags.append(
            plausibility.Flag(
                "duplicate-log",
                f"The same output was submitted before (submission #{duplicate.pk}): "
                "one run cannot reproduce itself.",
            )
        )
    if not submission.is_mapped:
        flags.append(
            plausibility.Flag(
                "not-checked",
                "Model, quantization or hardware is not in the catalog, so the engine could "
                "not check the speeds: map them, and the checks run again.",
            )
        )
        return flags
    benchmark = draft_benchmark(submission)
    try:
        engine = engine_view(benchmark)
        # Needs the same inputs as the estimate; only asked when that worked.
        problem = None if engine is None or submission.offloaded else benchmark.offload_problem()
    except ValueError:
        engine = None
    if engine is None:
        flags.append(
            plausibility.Flag(
                "not-checked",
                "The engine cannot estimate this set-up (not a language model, or the catalog "
                "lacks a number it needs): check the speeds by hand.",
            )
        )
        return flags
    flags += plausibility.check_speeds(
        decode=submission.decode_tokens_per_s,
        prefill=submission.prefill_tokens_per_s,
        engine=engine,
    )
    flags += plausibility.check_memory(vram_used_gib=submission.vram_used_gb, engine=engine)
    if problem:
        flags.append(plausibility.Flag("offload", problem))
    return flags


def engine_view(benchmark):
    """The fit engine's view of a (possibly unsaved) benchmark's set-up, or None."""
    estimate = fitting.benchmark_estimate(benchmark)
    if estimate is None:
        return None
    result, spec = estimate.result, estimate.device.spec
    model = estimate.request.model
    weights = result.memory.weights + result.memory.host_weights
    active_share = (model.active_params_b or model.params_b) / model.params_b
    device = benchmark.device
    if benchmark.build_id:
        memory = sum(float(item.hardware.memory_gb) * item.count for item in device.items.all())
    else:
        memory = float(device.memory_gb) if device.kind != "cpu" else None
    return plausibility.EngineView(
        device_name=str(device),
        decode_range=_range(result.decode_tokens_per_s),
        prefill_range=_range(result.prefill_tokens_per_s),
        bytes_per_token=weights * active_share or None,
        bandwidth_gbs=spec.bandwidth_gbs,
        devices=spec.count,
        memory_gb_total=memory,
    )


def _range(value):
    return (value.low, value.high) if value is not None else None


def draft_benchmark(submission):
    """The unsaved Benchmark a mapped submission becomes."""
    parsed = submission.parsed or {}
    tokens = {m["kind"]: m.get("tokens") for m in parsed.get("chosen", [])}
    setup = " · ".join(part for part in (submission.os, submission.driver) if part)
    device = submission.device
    slug = slugify(f"reader-{submission.model.slug}-{submission.quantization.name}-{device.slug}")[
        :100
    ]
    return Benchmark(
        slug=f"{slug}-{submission.pk}" if submission.pk else slug,
        model=submission.model,
        quantization=submission.quantization,
        hardware=submission.hardware,
        build=submission.build,
        software=submission.software,
        software_version=submission.software_version,
        backend=submission.backend,
        setup=setup[:200],
        test=submission.test or "reader run",
        context=submission.context,
        prompt_tokens=tokens.get(parsers.PREFILL),
        generated_tokens=tokens.get(parsers.DECODE),
        decode_tokens_per_s=submission.decode_tokens_per_s,
        prefill_tokens_per_s=submission.prefill_tokens_per_s,
        vram_used_gb=submission.vram_used_gb,
        offloaded=submission.offloaded,
        run_date=submission.run_date,
        command=submission.command,
        source_url="",
        source_kind=SourceKind.READER,
    )


@transaction.atomic
def create_draft(submission, *, by):
    """
    Create the submission's Benchmark and submit it for review.

    `by` is None at intake (the reader wrote everything) and the reviewer who
    mapped it otherwise: their mapping is a change, so per the four-eyes rule
    another reviewer approves it.
    """
    if submission.benchmark_id:
        raise ValueError(f"Submission #{submission.pk} already has its benchmark draft.")
    if not submission.is_mapped:
        raise ValueError(
            f"Submission #{submission.pk}: map the model, quantization and hardware first."
        )
    benchmark = draft_benchmark(submission)
    benchmark.save()
    benchmark.record_edit(by=by, summary=f"Reader submission #{submission.pk}.")
    benchmark.submit_for_review(by=by)
    submission.benchmark = benchmark
    submission.state = SubmissionState.IN_REVIEW
    submission.save(update_fields=["benchmark", "state"])
    return benchmark


def refresh_flags(submission):
    submission.set_flags(assess(submission))
    submission.save(update_fields=["flags", "flagged"])


def decline(submission):
    submission.state = SubmissionState.DECLINED
    submission.save(update_fields=["state"])


def erase_email(submission):
    """Forget the address on request; the submitter key keeps the ladder intact."""
    submission.email = ""
    submission.save(update_fields=["email"])


def _test_label(parsed, reconciled):
    if parsed.format == parsers.OLLAMA_VERBOSE:
        return "ollama run --verbose"
    if parsed.format == parsers.LLAMA_CPP_TIMINGS:
        return "llama.cpp timings"
    return (reconciled.test if reconciled else "")[:40]


def _parsed_record(parsed, reconciled):
    record = parsed.as_dict()
    chosen = reconciled.chosen.values() if reconciled else ()
    record["chosen"] = [
        {"kind": m.kind, "tokens_per_s": str(m.tokens_per_s), "test": m.test, "tokens": m.tokens}
        for m in chosen
    ]
    return record
