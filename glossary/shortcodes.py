"""
`[[fit …]]` shortcodes: numbers the fit engine owns, written into prose by reference.

    [[fit model=llama-3-1-8b quant=Q4_K_M context=8192 hardware=rtx-slug show=verdict]]

Parsing is pure; `render_shortcodes()` asks tools.catalog_fit for each figure,
given the models and hardware a page fetched in bulk (`wanted()` says which).
A shortcode that cannot be rendered shows "[figure unavailable]" — visibly, so
a reader never sees a silent gap and the content test can find it.
"""

import re
from dataclasses import dataclass

from tools import catalog_fit
from tools.fit import FitInputError
from tools.fit.quants import lookup_quant

SHORTCODE = re.compile(r"\[\[fit(?P<args>(?:\s+[a-z_]+=[^\s\]]+)*)\s*\]\]")
UNAVAILABLE = "[figure unavailable]"
MEMORY_FIELDS = {"total_gb", "weights_gb", "kv_cache_gb"}
DEVICE_FIELDS = {"verdict", "decode_tokens_per_s", "max_context", "best_quant"}
KV_TYPES = {"f16", "q8_0", "q4_0"}
MAX_CONTEXT = 10_000_000


class ShortcodeError(ValueError):
    pass


@dataclass(frozen=True)
class FitShortcode:
    model: str
    show: str
    quant: str = catalog_fit.DEFAULT_QUANT
    context: int = catalog_fit.DEFAULT_CONTEXT
    hardware: str | None = None
    kv: str = "f16"
    count: int = 1


def parse(args: str) -> FitShortcode:
    """One shortcode's arguments; raises ShortcodeError when they make no sense."""
    values = dict(pair.split("=", 1) for pair in args.split())
    unknown = set(values) - {"model", "quant", "context", "hardware", "show", "kv", "count"}
    if unknown:
        raise ShortcodeError(f"unknown argument(s) {', '.join(sorted(unknown))}")
    if "model" not in values or "show" not in values:
        raise ShortcodeError("model= and show= are required")
    show = values["show"]
    if show not in MEMORY_FIELDS | DEVICE_FIELDS:
        raise ShortcodeError(f"show={show} is not a figure the engine gives")
    if show in DEVICE_FIELDS and not values.get("hardware"):
        raise ShortcodeError(f"show={show} needs hardware=")
    try:
        context = int(values.get("context", catalog_fit.DEFAULT_CONTEXT))
    except ValueError as error:
        raise ShortcodeError("context= must be a whole number of tokens") from error
    if not 1 <= context <= MAX_CONTEXT:
        raise ShortcodeError("context= is out of range")
    kv = values.get("kv", "f16").lower()
    if kv not in KV_TYPES:
        raise ShortcodeError(f"kv={kv} is not a KV-cache type ({', '.join(sorted(KV_TYPES))})")
    try:
        count = int(values.get("count", 1))
    except ValueError as error:
        raise ShortcodeError("count= must be a whole number of GPUs") from error
    if not 1 <= count <= 16:
        raise ShortcodeError("count= is out of range (1-16)")
    quant = values.get("quant", catalog_fit.DEFAULT_QUANT)
    try:
        lookup_quant(quant)
    except FitInputError as error:
        raise ShortcodeError(f"quant={quant} is unknown to the engine") from error
    return FitShortcode(
        model=values["model"],
        show=show,
        quant=quant,
        context=context,
        hardware=values.get("hardware"),
        kv=kv,
        count=count,
    )


def find(text: str) -> list[tuple[str, FitShortcode | ShortcodeError]]:
    """Every shortcode in `text`: (source text, parsed shortcode or the error)."""
    found = []
    for match in SHORTCODE.finditer(text or ""):
        try:
            found.append((match.group(0), parse(match.group("args"))))
        except ShortcodeError as error:
            found.append((match.group(0), error))
    return found


def wanted(texts) -> tuple[set[str], set[str]]:
    """The model and hardware slugs the shortcodes in `texts` need."""
    models, hardware = set(), set()
    for text in texts:
        for _, code in find(text):
            if isinstance(code, FitShortcode):
                models.add(code.model)
                if code.hardware:
                    hardware.add(code.hardware)
    return models, hardware


def fetch(texts):
    """Published models and devices (hardware and builds) the shortcodes in `texts` name."""
    from catalog.models import AIModel, Build, Hardware

    model_slugs, device_slugs = wanted(texts)
    models = {m.slug: m for m in AIModel.objects.published().filter(slug__in=model_slugs)}
    devices = {
        h.slug: h
        for h in Hardware.objects.published().filter(slug__in=device_slugs).select_related("vendor")
    }
    builds = Build.objects.published().filter(slug__in=device_slugs - set(devices))
    devices |= {b.slug: b for b in builds.prefetch_related("items__hardware__vendor")}
    return models, devices


def render_shortcodes(text: str, *, models: dict, hardware: dict, errors=None) -> str:
    """Replace each shortcode with its figure; failures append a message to `errors`."""

    def replace(match):
        try:
            return figure(parse(match.group("args")), models=models, hardware=hardware)
        except (ShortcodeError, FitInputError, catalog_fit.NotALanguageModel) as error:
            if errors is not None:
                errors.append(f"{match.group(0)}: {error}")
            return UNAVAILABLE

    return SHORTCODE.sub(replace, text or "")


def figure(code: FitShortcode, *, models: dict, hardware: dict) -> str:
    model = models.get(code.model)
    if model is None:
        raise ShortcodeError(f"no published model {code.model!r}")
    if code.show in MEMORY_FIELDS:
        fit = catalog_fit.memory_needed(
            model, quant=code.quant, context=code.context, kv_cache_type=code.kv
        )
        memory = fit.result.memory
        value = {
            "total_gb": memory.total,
            "weights_gb": memory.weights,
            "kv_cache_gb": memory.kv_cache,
        }[code.show]
        return _gb(value)
    device = hardware.get(code.hardware)
    if device is None:
        raise ShortcodeError(f"no published hardware or build {code.hardware!r}")
    if hasattr(device, "items"):  # a Build: its own device count
        engine_device = catalog_fit.device_for_build(device)
    else:
        count = code.count if device.kind == "gpu" else 1
        engine_device = catalog_fit.device_for_hardware(device, count=count)
    fit = catalog_fit.fit(
        model,
        engine_device,
        quant=code.quant,
        context=code.context,
        kv_cache_type=code.kv,
    )
    result = fit.result
    if code.show == "verdict":
        return result.verdict
    if code.show == "decode_tokens_per_s":
        speed = result.decode_tokens_per_s
        if speed is None:
            raise ShortcodeError("the engine gives no decode speed for this set-up")
        return f"{speed.low:.0f}–{speed.high:.0f}"
    if code.show == "max_context":
        if not result.max_context:
            raise ShortcodeError("no context length fits")
        return f"{result.max_context:,}"
    if not result.best_quant:
        raise ShortcodeError("no quantization fits")
    return result.best_quant


def _gb(value: float) -> str:
    gb = value / 1e9
    return f"{gb:.2f}" if gb < 1 else f"{gb:.1f}"
