"""
The "Will it run?" checker: from validated form data to engine answers.

Views stay thin: they validate a form and call `check()` or `check_build()`.
Everything numeric comes from the engine through tools.catalog_fit.
"""

from dataclasses import dataclass, field, replace

from catalog.models import AIModel, Benchmark, Build, Hardware
from tools import catalog_fit
from tools import fit as engine
from tools.fit.quants import GGUF_LADDER, MLX_LADDER

from .forms import CUSTOM, USE_CASES

LOW_BIT_QUANTS = {"IQ3_XXS", "Q2_K", "IQ2_XXS", "MLX-3bit", "EXL2-2.5bpw"}


@dataclass(frozen=True)
class Suggestion:
    change: str
    fit: catalog_fit.Fit


@dataclass(frozen=True)
class Check:
    fit: catalog_fit.Fit
    suggestions: list[Suggestion]
    benchmarks: list
    memory_bars: list = field(default_factory=list)


def resolve_device(data):
    """The Device the form describes: a catalog item, a build, or custom numbers."""
    choice = data["hardware"]
    ram = data.get("system_ram_gb")
    if choice == CUSTOM:
        kind = data["custom_kind"]
        tflops = data.get("custom_fp16_tflops")
        spec = engine.HardwareSpec(
            kind=kind,
            memory_gb=float(data["custom_memory_gb"]),
            bandwidth_gbs=float(data["custom_bandwidth_gbs"]),
            fp16_tflops=float(tflops) if tflops else None,
            count=data["count"] if kind == "gpu" else 1,
            system_ram_gb=float(ram) if ram and kind == "gpu" else None,
        )
        return catalog_fit.Device(key="custom", name="Custom hardware", spec=_with_ram(spec, data))
    prefix, _, slug = choice.partition(":")
    if prefix == "build":
        build = Build.objects.published().prefetch_related("items__hardware__vendor").get(slug=slug)
        device = catalog_fit.device_for_build(build, system_ram_gb=ram)
        return replace(device, spec=_with_ram(device.spec, data))
    hardware = Hardware.objects.published().select_related("vendor").get(slug=slug)
    count = data["count"] if hardware.kind == "gpu" else 1
    device = catalog_fit.device_for_hardware(hardware, count=count, system_ram_gb=ram)
    return replace(device, spec=_with_ram(device.spec, data))


def _with_ram(spec, data):
    bandwidth = data.get("system_ram_bandwidth_gbs")
    if not bandwidth or spec.kind != "gpu":
        return spec
    return replace(spec, system_ram_bandwidth_gbs=float(bandwidth))


def check(data):
    """Everything the result panel shows for one model on one set-up."""
    model = catalog_fit.with_file_sizes(data["model"])
    device = resolve_device(data)
    benchmarks = list(
        Benchmark.objects.published()
        .with_related()
        .filter(model=model)
        .filter_device(device.key)
        .order_by("-decode_tokens_per_s")[:12]
    )
    evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
    options = {
        "runtime": data["runtime"],
        "kv_cache_type": data["kv_cache_type"],
        "evidence": evidence,
    }
    spec = catalog_fit.model_spec(model)
    result = catalog_fit.fit(
        model, device, quant=data["quant"], context=data["context"], spec=spec, **options
    )
    return Check(
        fit=result,
        suggestions=_suggestions(model, device, result, spec, options),
        benchmarks=benchmarks,
        memory_bars=memory_bars(result.result),
    )


def _suggestions(model, device, current, spec, options):
    """What to change to make it fit (or fit comfortably): each one re-asked to the engine."""
    if current.result.verdict == engine.COMFORTABLE:
        return []
    request = current.request
    ladder = MLX_LADDER if request.runtime == "mlx" else GGUF_LADDER
    tries = []
    best = current.result.best_quant
    if best and best != request.quant and best in ladder:
        caveat = " (expect a clear quality loss below 3 bits)" if best in LOW_BIT_QUANTS else ""
        tries.append((f"Use {best} instead of {request.quant}{caveat}", {"quant": best}))
    max_context = current.result.max_context
    if max_context and max_context < request.context:
        tries.append((f"Shorten the context to {max_context:,} tokens", {"context": max_context}))
    if request.kv_cache_type == "f16" and request.runtime in ("llama.cpp", "lm-studio", "ollama"):
        tries.append(("Quantize the KV cache to q8_0", {"kv_cache_type": "q8_0"}))
    suggestions = []
    for label, change in tries:
        arguments = {
            "quant": request.quant,
            "context": request.context,
            **options,
            **change,
        }
        try:
            candidate = catalog_fit.fit(model, device, spec=spec, **arguments)
        except engine.FitInputError:
            continue
        if _rank(candidate.result.verdict) > _rank(current.result.verdict):
            suggestions.append(Suggestion(label, candidate))
    return suggestions


def _rank(verdict):
    return {engine.WONT_RUN: 0, engine.TRADE_OFFS: 1, engine.COMFORTABLE: 2}[verdict]


def memory_bars(result):
    """Parts of the memory bar chart as (label, GB, share of the larger of need and usable)."""
    memory = result.memory
    parts = [
        ("Weights", memory.weights),
        ("KV cache", memory.kv_cache),
        ("Compute buffers", memory.compute),
        ("Runtime overhead", memory.overhead),
    ]
    scale = max(memory.total, memory.usable) or 1
    offset = 0.0
    bars = []
    for label, size in parts:
        bars.append(
            {
                "label": label,
                "gb": size / 1e9,
                "x": round(offset / scale * 100, 2),
                "width": round(size / scale * 100, 2),
                "key": label.split()[0].lower(),
            }
        )
        offset += size
    return {
        "parts": bars,
        "total_gb": memory.total / 1e9,
        "usable_gb": memory.usable / 1e9,
        "usable_x": round(memory.usable / scale * 100, 2),
    }


@dataclass(frozen=True)
class BuildCheck:
    device: catalog_fit.Device
    context: int
    use_case: str
    groups: dict
    skipped: list


def check_build(data):
    """Every catalog language model on the described machine, grouped by verdict."""
    device = resolve_device(
        {
            "hardware": data["gpu"],
            "count": data["gpu_count"],
            "system_ram_gb": data["system_ram_gb"],
        }
    )
    label, context = USE_CASES[data["use_case"]]
    models = AIModel.objects.published().exclude(attention_kind="").select_related("family")
    if data["use_case"] == "vision":
        models = models.filter(modalities__contains=["image"])
    benchmarks = Benchmark.objects.published().with_related().filter_device(device.key)
    evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
    groups = {engine.COMFORTABLE: [], engine.TRADE_OFFS: [], engine.WONT_RUN: []}
    skipped = []
    for model in models:
        try:
            result = catalog_fit.best_fit(
                model, device, context=context, runtime=data["runtime"], evidence=evidence
            )
        except (catalog_fit.NotALanguageModel, engine.FitInputError) as error:
            skipped.append((model, str(error)))
            continue
        groups[result.result.verdict].append(result)
    for fits in groups.values():
        fits.sort(key=lambda item: -float(item.model.params_b))
    return BuildCheck(
        device=device, context=context, use_case=label, groups=groups, skipped=skipped
    )
