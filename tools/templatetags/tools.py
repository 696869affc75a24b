from django import template

from tools import fit as engine

register = template.Library()

PLACEMENTS = {
    "all-gpu": "Everything on the GPU",
    "partial-offload": "Partly offloaded to system RAM",
    "experts-on-cpu": "MoE experts in system RAM",
    "cpu-only": "CPU only",
    "does-not-fit": "Does not fit",
}
COMMANDS = {
    "ollama": "Ollama",
    "llama_cpp": "llama.cpp (llama-server)",
    "llama.cpp": "llama.cpp (llama-server)",
    "lm_studio": "LM Studio settings",
    "lm-studio": "LM Studio settings",
    "vllm": "vLLM",
    "mlx": "MLX",
    "exllama": "ExLlamaV2 / TabbyAPI",
    "macos_gpu_limit": "macOS: raise the GPU memory limit",
    "ollama_server_env": "Ollama server with this context as default",
}
GROUPS = {
    engine.COMFORTABLE: "Runs comfortably",
    engine.TRADE_OFFS: "Borderline: runs with trade-offs",
    engine.WONT_RUN: "Not practical",
}


@register.filter
def placement_label(value):
    return PLACEMENTS.get(value, value)


@register.filter
def command_label(value):
    return COMMANDS.get(value, value.replace("_", " ").capitalize())


@register.filter
def group_label(value):
    return GROUPS.get(value, value)


@register.filter
def gb(value):
    """Bytes as GB with one decimal (GB = 1e9 bytes, as vendors quote memory)."""
    return f"{value / 1e9:.1f}"


@register.filter
def intcomma_plain(value):
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value
