from django.contrib.postgres.fields import ArrayField
from django.db import models


def tag_list(verbose_name, **kwargs):
    """A short list of slugs or names, edited as comma-separated text."""
    return ArrayField(
        models.CharField(max_length=300),
        default=list,
        blank=True,
        verbose_name=verbose_name,
        **kwargs,
    )


PLATFORM_NAMES = {"linux": "Linux", "windows": "Windows", "macos": "macOS"}
RUNTIME_NAMES = {
    "llama.cpp": "llama.cpp",
    "ollama": "Ollama",
    "vllm": "vLLM",
    "transformers": "Transformers",
    "lm-studio": "LM Studio",
    "llama-cpp-python": "llama-cpp-python",
    "mlx": "MLX",
    "sglang": "SGLang",
}


def display_names(values, names):
    return [names.get(value, value) for value in values]
