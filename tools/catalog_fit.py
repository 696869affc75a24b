"""
The bridge between catalog rows and the fit engine.

Every page that shows a memory figure, a verdict or a speed calls `fit()` here,
so the catalog, the checker, guides and the API all get the same answer from the
same inputs. Where the catalog lacks a number the engine needs, the gap is
passed through as unknown (never filled with a guess) or, where a documented
default is unavoidable, stated in the result's assumptions.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, prefetch_related_objects

from tools import fit as engine
from tools.fit.calibration import _device_class as calibration_device_class
from tools.fit.evidence import BenchmarkObservation, evidence_label
from tools.fit.inputs import MAX_CONTEXT_TOKENS

DEFAULT_QUANT = "Q4_K_M"
DEFAULT_CONTEXT = 8192
DEFAULT_RUNTIME = "llama.cpp"
# CPU pages and APUs need a RAM figure the catalog cannot know; say what is assumed.
ASSUMED_CPU_RAM_GB = 64
# AMD's Variable Graphics Memory lets Strix Halo machines give up to 96 of 128 GB
# (three quarters) to the GPU; the same share is assumed for other APUs.
APU_GPU_SHARE = 0.75

VENDOR_CLASSES = {"nvidia": None, "amd": "amd", "intel": "intel", "apple": "apple"}


class NotALanguageModel(ValueError):
    """Image and speech models have no KV cache or decode speed to estimate."""


def model_spec(model):
    if not model.attention_kind or not model.layers:
        raise NotALanguageModel(f"{model} is not a language model the engine can size.")
    return engine.ModelSpec(
        params_b=float(model.params_b),
        active_params_b=float(model.active_params_b) if model.active_params_b else None,
        layers=model.layers,
        attention_heads=model.attention_heads,
        kv_heads=model.kv_heads,
        head_dim=model.head_dim,
        hidden_size=model.hidden_size,
        vocab_size=model.vocab_size,
        attention="gqa" if model.attention_kind == "full" else model.attention_kind,
        kv_layers=model.kv_layers,
        sliding_window=model.sliding_window,
        sliding_window_layers=model.sliding_window_layers or 0,
        kv_lora_rank=model.kv_lora_rank,
        qk_rope_head_dim=model.qk_rope_head_dim,
        experts=model.experts_total,
        experts_per_token=model.experts_active,
        # A few models advertise more context than the engine sizes (10M tokens).
        max_context=min(model.context_length, MAX_CONTEXT_TOKENS) if model.context_length else None,
    )


@dataclass(frozen=True)
class Device:
    """A catalog device or build as the engine sees it, with what was assumed about it."""

    key: str
    name: str
    spec: engine.HardwareSpec
    assumptions: tuple[str, ...] = ()
    price_usd: float | None = None


def device_for_hardware(hardware, *, count=1, system_ram_gb=None):
    assumptions = []
    vendor = hardware.vendor.slug if hardware.vendor_id else None
    if hardware.kind == "cpu":
        ram = system_ram_gb or ASSUMED_CPU_RAM_GB
        if system_ram_gb is None:
            assumptions.append(
                f"CPU only with {ram} GB of system RAM (the catalog cannot know yours)."
            )
        spec = engine.HardwareSpec(
            kind="cpu",
            memory_gb=float(ram),
            bandwidth_gbs=_float(hardware.bandwidth_gbs),
            vendor=vendor,
        )
    elif hardware.kind == "apple":
        spec = engine.HardwareSpec(
            kind="apple",
            memory_gb=float(hardware.memory_gb),
            bandwidth_gbs=_float(hardware.bandwidth_gbs),
            fp16_tflops=_float(hardware.fp16_tflops),
            vendor="apple",
        )
    else:
        memory = float(hardware.memory_gb)
        if hardware.kind == "apu":
            memory = round(memory * APU_GPU_SHARE, 1)
            assumptions.append(
                f"{memory:g} GB of the {float(hardware.memory_gb):g} GB unified RAM assigned "
                "to the GPU (AMD Variable Graphics Memory allows up to three quarters)."
            )
        spec = engine.HardwareSpec(
            kind="gpu",
            memory_gb=memory,
            bandwidth_gbs=_float(hardware.bandwidth_gbs),
            fp16_tflops=_float(hardware.fp16_tflops),
            count=count,
            system_ram_gb=float(system_ram_gb) if system_ram_gb else None,
            vendor=vendor,
            device_class=_device_class(hardware),
        )
    return Device(
        key=hardware.slug,
        name=hardware.name,
        spec=spec,
        assumptions=tuple(assumptions),
        price_usd=_float(hardware.price_usd),
    )


def device_for_build(build, *, system_ram_gb=None):
    items = list(build.items.all())
    first = items[0]
    assumptions = []
    if len({item.hardware_id for item in items}) > 1:
        assumptions.append(
            "Mixed devices: sized as identical copies of the first one; check the smallest."
        )
    count = sum(item.count for item in items)
    device = device_for_hardware(
        first.hardware, count=count, system_ram_gb=system_ram_gb or build.system_ram_gb
    )
    price = first.hardware.price_usd
    return Device(
        key=build.slug,
        name=build.name,
        spec=device.spec,
        assumptions=device.assumptions + tuple(assumptions),
        price_usd=float(price) * count if price else None,
    )


def _device_class(hardware):
    vendor = hardware.vendor.slug if hardware.vendor_id else ""
    if vendor == "nvidia":
        # The same rule the constants were calibrated with (HBM datacenter parts
        # behave differently from GDDR cards, whatever their market).
        return calibration_device_class(hardware.name)
    return VENDOR_CLASSES.get(vendor)


def _float(value):
    return float(value) if value is not None else None


def observations(benchmarks):
    """Catalog benchmarks as the engine's evidence records."""
    return [
        BenchmarkObservation(
            model_key=benchmark.model.slug,
            quant=benchmark.quantization.name,
            hardware_key=(benchmark.hardware or benchmark.build).slug,
            runtime=_runtime_of(benchmark),
            context=benchmark.context,
            decode_tokens_per_s=_float(benchmark.decode_tokens_per_s),
            prefill_tokens_per_s=_float(benchmark.prefill_tokens_per_s),
            source=benchmark.source_url,
            # Cited rows were checked against their source by an editor; a reader's
            # submission is "community" evidence until the trust ladder computes a
            # reproduction (Benchmark.counts_as_measured; annotate with with_related()).
            reproduced=benchmark.counts_as_measured,
        )
        for benchmark in benchmarks
    ]


def _runtime_of(benchmark):
    slug = benchmark.software.slug if benchmark.software_id else ""
    return {"llama-cpp": "llama.cpp", "lm-studio": "lm-studio"}.get(slug, slug or "llama.cpp")


@dataclass
class Evidence:
    """Benchmarks indexed by (model, device) so a page with many fits asks once."""

    by_pair: dict

    @classmethod
    def from_benchmarks(cls, benchmarks):
        by_pair = defaultdict(list)
        for observation in observations(benchmarks):
            by_pair[(observation.model_key, observation.hardware_key)].append(observation)
        return cls(dict(by_pair))

    def label(self, *, model_key, device_key, quant, runtime, context):
        return evidence_label(
            observations=self.by_pair.get((model_key, device_key), ()),
            model_key=model_key,
            quant=quant,
            hardware_key=device_key,
            runtime=runtime,
            context=context,
        )


NO_EVIDENCE = Evidence({})


@dataclass(frozen=True)
class Fit:
    """One engine answer for catalog entries, ready for templates."""

    model: object
    device: Device
    request: engine.FitRequest
    result: engine.FitResult

    @cached_property
    def assumptions(self):
        return self.device.assumptions + self.result.assumptions

    @property
    def verdict_class(self):
        return {
            engine.COMFORTABLE: "comfortable",
            engine.TRADE_OFFS: "trade-offs",
            engine.WONT_RUN: "wont-run",
        }[self.result.verdict]


def fit(
    model,
    device,
    *,
    quant=DEFAULT_QUANT,
    context=DEFAULT_CONTEXT,
    runtime=DEFAULT_RUNTIME,
    kv_cache_type="f16",
    evidence=NO_EVIDENCE,
    spec=None,
    **options,
):
    """Estimate `model` (an AIModel) on `device` (a Device) with the engine."""
    spec = spec or model_spec(model)
    file_size = _prefetched_file_size(model, quant)
    if file_size:
        spec = dataclasses.replace(spec, file_size_bytes=file_size)
    if spec.max_context and context > spec.max_context:
        context = spec.max_context
    request = engine.FitRequest(
        model=spec,
        hardware=device.spec,
        quant=quant,
        context=context,
        kv_cache_type=kv_cache_type,
        runtime=runtime,
        model_tag=model.ollama_tag or None,
        **options,
    )
    label = evidence.label(
        model_key=model.slug, device_key=device.key, quant=quant, runtime=runtime, context=context
    )
    return Fit(model, device, request, engine.estimate(request, evidence=label))


def with_file_sizes(model):
    """`model` with its catalog files (exact sizes per quant) loaded in one query."""
    from catalog.models import ModelFile

    files = ModelFile.objects.select_related("quantization")
    prefetch_related_objects([model], Prefetch("files", queryset=files))
    return model


def _prefetched_file_size(model, quant):
    """The exact file size the catalog knows for this quant, if the caller prefetched files."""
    files = getattr(model, "_prefetched_objects_cache", {}).get("files")
    if files is None:
        return None
    for model_file in files:
        if model_file.quantization.name == quant and model_file.size_bytes:
            return model_file.size_bytes
    return None


def best_fit(model, device, *, context=DEFAULT_CONTEXT, evidence=NO_EVIDENCE, spec=None, **kw):
    """The fit at the best quantization the engine finds for this device (or Q4_K_M)."""
    first = fit(model, device, context=context, evidence=evidence, spec=spec, **kw)
    best = first.result.best_quant
    if best and best != first.request.quant:
        return fit(model, device, quant=best, context=context, evidence=evidence, spec=spec, **kw)
    return first


def memory_needed(model, *, quant=DEFAULT_QUANT, context=DEFAULT_CONTEXT, kv_cache_type="f16"):
    """Memory for weights, KV cache and buffers, independent of any device."""
    roomy = Device(
        key="",
        name="",
        spec=engine.HardwareSpec(kind="gpu", memory_gb=100_000, bandwidth_gbs=1000),
    )
    return fit(model, roomy, quant=quant, context=context, kv_cache_type=kv_cache_type)


__all__ = [
    "Device",
    "Evidence",
    "Fit",
    "NotALanguageModel",
    "best_fit",
    "device_for_build",
    "device_for_hardware",
    "fit",
    "memory_needed",
]
