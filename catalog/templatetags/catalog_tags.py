import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# json.dumps leaves these alone; inside <script> they could end the element or
# start markup, so they become JSON unicode escapes (what json_script does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

VERDICT_CLASSES = {"runs comfortably": "comfortable", "runs with trade-offs": "trade-offs"}
EVIDENCE_TITLES = {
    "measured": "A benchmark of exactly this set-up",
    "measured-near": "Benchmarked on this hardware with another quant, runtime or context",
    "community": "A cited community measurement, not reproduced",
    "estimated": "Fit-engine estimate",
}


@register.simple_tag
def jsonld(data):
    """A JSON-LD data block; the only kind of inline script the site allows."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.filter
def gb(value, digits=1):
    """A GB figure (1e9 bytes) with fixed decimals, or an em dash when unknown."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}"


@register.filter
def toks(value):
    if not value:
        return "—"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


@register.filter
def verdict_class(verdict):
    return VERDICT_CLASSES.get(verdict, "wont-run")


@register.filter
def evidence_title(label):
    return EVIDENCE_TITLES.get(label, label)


@register.filter
def usd(value):
    if value is None:
        return "—"
    return f"${value:,.0f}"


@register.filter
def not_published(value):
    """Architecture numbers the maker did not publish read as such, never as 0."""
    if value in (None, ""):
        return "not published"
    return value


@register.filter
def ktokens(value):
    """4096 → 4K, 131072 → 128K (contexts are powers of two)."""
    return f"{value // 1024}K" if value and value % 1024 == 0 else str(value)


COMMAND_NAMES = {
    "ollama": "Ollama",
    "llama_cpp": "llama.cpp (llama-server)",
    "llama.cpp": "llama.cpp (llama-server)",
    "lm_studio": "LM Studio settings",
    "lm-studio": "LM Studio settings",
    "ollama_server_env": "Ollama server with this context as default",
    "download": "Download the weights (Hugging Face CLI)",
    "macos_gpu_limit": "macOS: raise the GPU memory limit",
}


@register.filter
def command_name(key):
    return COMMAND_NAMES.get(key, key.replace("_", " ").capitalize())


@register.filter
def gb_bytes(value):
    """Bytes as GB (1e9) with one decimal."""
    if value is None:
        return "—"
    return f"{value / 1e9:.1f}"


@register.filter
def comfortable_count(fits):
    return sum(1 for fit in fits if fit.verdict_class == "comfortable")


@register.filter
def low_bit(quant):
    from catalog.fitting import is_low_bit

    return is_low_bit(quant)
