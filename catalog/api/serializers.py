"""
Plain-dict views of published catalog rows, shared by the JSON API, the CSV files
and the full export, so the three never disagree about a field.

Field lists are explicit: a new model field stays private until it is added here
(and to openapi.py). Reviewer-only fields (`notes` on models, hardware and software)
are never listed. Decimals become JSON numbers, dates ISO 8601 strings, unknowns None.
"""

from django.db.models import Prefetch

from ..models import AIModel, Benchmark, Build, BuildItem, Hardware, ModelFile, Software
from ..structured_data import absolute


def _number(value):
    return None if value is None else float(value)


def _date(value):
    return value.isoformat() if value else None


def _datetime(value):
    return value.isoformat() if value else None


def _ref(obj):
    return None if obj is None else {"slug": obj.slug, "name": obj.name}


def trust_tier(benchmark):
    """
    The benchmark's trust tier, read in this one place.

    The model computes it (from the `trust_rank` annotation that with_related() adds,
    so lists stay at one query); if where it comes from changes, only this line does.
    """
    return benchmark.trust_tier


def sources(item):
    # Uses the prefetched rows (see with_sources): no query per item.
    return [
        {
            "title": source.title,
            "url": source.url,
            "publisher": source.publisher or None,
            "accessed": _date(source.accessed),
        }
        for source in item.sources.all()
    ]


def _editorial(item):
    """What every published item states about its own evidence: page, dates, sources."""
    return {
        "url": absolute(item.get_absolute_url()),
        "published_at": _datetime(item.published_at),
        "reviewed_at": _datetime(item.reviewed_at),
        "last_verified": _date(item.last_verified),
        "revision": item.revision_number,
        "sources": sources(item),
    }


def with_sources(queryset):
    # One query for every row's sources, in their citation order.
    return queryset.prefetch_related("sources")


# -- querysets: everything a serializer reads, in a fixed number of queries ------------


def models_queryset():
    files = ModelFile.objects.select_related("quantization").order_by("quantization__name", "pk")
    return with_sources(
        AIModel.objects.published()
        .select_related("family", "organization")
        .prefetch_related(Prefetch("files", queryset=files))
    )


def hardware_queryset():
    return with_sources(Hardware.objects.published().select_related("vendor"))


def builds_queryset():
    items = BuildItem.objects.select_related("hardware").order_by("pk")
    return with_sources(
        Build.objects.published().prefetch_related(Prefetch("items", queryset=items))
    )


def software_queryset():
    return with_sources(Software.objects.published().select_related("organization"))


def benchmarks_queryset():
    return with_sources(Benchmark.objects.published().with_related())


# -- one function per type ----------------------------------------------------------


def model_data(model):
    return {
        "slug": model.slug,
        "name": model.name,
        "variant": model.variant or None,
        "family": _ref(model.family),
        "organization": _ref(model.organization),
        "params_b": _number(model.params_b),
        "active_params_b": _number(model.active_params_b),
        "layers": model.layers,
        "attention_heads": model.attention_heads,
        "kv_heads": model.kv_heads,
        "head_dim": model.head_dim,
        "hidden_size": model.hidden_size,
        "vocab_size": model.vocab_size,
        "intermediate_size": model.intermediate_size,
        "sliding_window": model.sliding_window,
        "sliding_window_layers": model.sliding_window_layers,
        "attention_kind": model.attention_kind or None,
        "kv_lora_rank": model.kv_lora_rank,
        "qk_rope_head_dim": model.qk_rope_head_dim,
        "kv_layers": model.kv_layers,
        "experts_total": model.experts_total,
        "experts_active": model.experts_active,
        "context_length": model.context_length,
        "modalities": list(model.modalities),
        "outputs": model.outputs,
        "languages": list(model.languages),
        "license": model.license,
        "license_url": model.license_url or None,
        "commercial_use": model.commercial_use,
        "release_date": _date(model.release_date),
        "hf_repo": model.hf_repo or None,
        "ollama_tag": model.ollama_tag or None,
        "summary": model.summary,
        "positioning": model.positioning or None,
        "strengths": model.strengths_list,
        "limitations": model.limitations_list,
        "run_locally": model.run_locally or None,
        "verdict_score": model.verdict_score,
        "files": [
            {
                "quantization": file.quantization.name,
                "filename": file.filename or None,
                "size_bytes": file.size_bytes,
                "source_url": file.source_url or None,
            }
            for file in model.files.all()
        ],
        **_editorial(model),
    }


def hardware_data(hardware):
    return {
        "slug": hardware.slug,
        "name": hardware.name,
        "kind": hardware.kind,
        "vendor": _ref(hardware.vendor),
        "memory_gb": _number(hardware.memory_gb),
        "memory_configs": hardware.memory_configs or None,
        "memory_type": hardware.memory_type or None,
        "unified_memory": hardware.unified,
        "bandwidth_gbs": _number(hardware.bandwidth_gbs),
        "fp16_tflops": _number(hardware.fp16_tflops),
        "fp32_tflops": _number(hardware.fp32_tflops),
        "tdp_w": hardware.tdp_w,
        "release_date": _date(hardware.release_date),
        "msrp_usd": _number(hardware.msrp_usd),
        "street_price_low_usd": _number(hardware.street_price_low_usd),
        "street_price_high_usd": _number(hardware.street_price_high_usd),
        "street_price_seen": _date(hardware.street_price_seen),
        "market_tier": hardware.market_tier or None,
        "form_factor": hardware.form_factor or None,
        "backends": list(hardware.backends),
        "best_for": hardware.best_for or None,
        "summary": hardware.summary,
        "strengths": hardware.strengths_list,
        "weaknesses": hardware.weaknesses_list,
        "verdict_score": hardware.verdict_score,
        **_editorial(hardware),
    }


def build_data(build):
    return {
        "slug": build.slug,
        "name": build.name,
        "aliases": list(build.aliases),
        "items": [
            {"hardware": _ref(item.hardware), "count": item.count} for item in build.items.all()
        ],
        "system_ram_gb": build.system_ram_gb,
        "price_usd": _number(build.price_usd),
        "summary": build.summary,
        **_editorial(build),
    }


def software_data(software):
    return {
        "slug": software.slug,
        "name": software.name,
        "kind": software.kind,
        "organization": _ref(software.organization),
        "license": software.license or None,
        "open_source": software.open_source,
        "pricing": software.pricing or None,
        "platforms": list(software.platforms),
        "backends": list(software.backends),
        "model_formats": list(software.model_formats),
        "install": {str(key): str(value) for key, value in (software.install or {}).items()},
        "run_example": software.run_example or None,
        "repository": software.repository or None,
        "website": software.website or None,
        "stars": software.stars,
        "stars_date": _date(software.stars_date),
        "summary": software.summary,
        "strengths": software.strengths_list,
        "weaknesses": software.weaknesses_list,
        "verdict_score": software.verdict_score,
        **_editorial(software),
    }


def benchmark_data(benchmark):
    return {
        "slug": benchmark.slug,
        "model": _ref(benchmark.model),
        "quantization": _ref(benchmark.quantization),
        "model_file_gib": _number(benchmark.model_file_gib),
        "hardware": _ref(benchmark.hardware),
        "build": _ref(benchmark.build),
        "software": _ref(benchmark.software),
        "software_version": benchmark.software_version or None,
        "backend": benchmark.backend,
        "setup": benchmark.setup or None,
        "test": benchmark.test,
        "context": benchmark.context,
        "prompt_tokens": benchmark.prompt_tokens,
        "generated_tokens": benchmark.generated_tokens,
        "decode_tokens_per_s": _number(benchmark.decode_tokens_per_s),
        "prefill_tokens_per_s": _number(benchmark.prefill_tokens_per_s),
        "time_to_first_token_ms": benchmark.time_to_first_token_ms,
        "vram_used_gb": _number(benchmark.vram_used_gb),
        "ram_used_gb": _number(benchmark.ram_used_gb),
        "power_w": benchmark.power_w,
        "offloaded": benchmark.offloaded,
        "run_date": _date(benchmark.run_date),
        "run_date_note": benchmark.run_date_note or None,
        "command": benchmark.command or None,
        "source_url": benchmark.source_url,
        "source_kind": benchmark.source_kind,
        "trust_tier": trust_tier(benchmark),
        "notes": benchmark.notes or None,
        **_editorial(benchmark),
    }
