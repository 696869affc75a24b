"""
Validated inputs of the fit engine.

Every number is bounded, so a fuzzed form or batch file can only ever produce
a `FitInputError` naming the offending field, never a crash deeper in the
arithmetic. Catalog slugs are resolved by the Django layer before this point:
these classes only hold numbers and a few enumerated strings.
"""

import math
from dataclasses import dataclass
from typing import Any, Final

from tools.fit.errors import FitInputError
from tools.fit.quants import Quant, lookup_quant

ATTENTION_KINDS: Final = ("full", "gqa", "mla", "hybrid")
KV_CACHE_TYPES: Final = ("f16", "q8_0", "q4_0")
RUNTIMES: Final = (
    "llama.cpp",
    "ollama",
    "lm-studio",
    "llamafile",
    "mlx",
    "vllm",
    "exllama",
)
# Runtimes built on llama.cpp: same memory layout, same kernels, same flags.
LLAMA_CPP_FAMILY: Final = frozenset({"llama.cpp", "ollama", "lm-studio", "llamafile"})
TENSOR_PARALLEL_RUNTIMES: Final = frozenset({"vllm", "exllama"})
BACKENDS: Final = ("cuda", "rocm", "vulkan", "metal", "sycl", "cpu")
HARDWARE_KINDS: Final = ("gpu", "apple", "cpu")
DEVICE_CLASSES: Final = (
    "nvidia-datacenter",
    "nvidia-consumer",
    "amd",
    "intel",
    "apple",
    "cpu",
)

MAX_CONTEXT_TOKENS: Final = 10_000_000


def _number(
    field: str,
    value: Any,
    *,
    low: float,
    high: float,
    integer: bool = False,
    allow_zero: bool = False,
) -> float:
    # bool is an int subclass; "true" as a layer count is a form bug, not 1.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FitInputError(field, "must be a number.")
    if not math.isfinite(value):
        raise FitInputError(field, "must be a finite number.")
    if integer and value != int(value):
        raise FitInputError(field, "must be a whole number.")
    if value == 0 and allow_zero:
        return value
    if not low <= value <= high:
        raise FitInputError(field, f"must be between {low:g} and {high:g}.")
    return value


def _optional(field: str, value: Any, **bounds: Any) -> None:
    if value is not None:
        _number(field, value, **bounds)


def _choice(field: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise FitInputError(field, f"must be one of {', '.join(choices)}.")


@dataclass(frozen=True, kw_only=True)
class ModelSpec:
    """Architecture numbers of one model (from its config.json)."""

    params_b: float
    layers: int
    active_params_b: float | None = None
    attention_heads: int | None = None
    kv_heads: int | None = None
    head_dim: int | None = None
    hidden_size: int | None = None
    vocab_size: int | None = None
    attention: str = "gqa"
    # Hybrids (Jamba, Qwen3-Next, Granite 4): only these layers keep a KV cache.
    kv_layers: int | None = None
    sliding_window: int | None = None
    sliding_window_layers: int = 0
    # MLA (DeepSeek-V2/V3, Kimi K2): the cache holds a compressed latent.
    kv_lora_rank: int | None = None
    qk_rope_head_dim: int | None = None
    # MoE geometry, needed only to keep experts in system RAM.
    experts: int | None = None
    experts_per_token: int | None = None
    tied_embeddings: bool = False
    file_size_bytes: int | None = None
    max_context: int | None = None

    def __post_init__(self) -> None:
        _number("params_b", self.params_b, low=0.001, high=20_000)
        _number("layers", self.layers, low=1, high=1_000, integer=True)
        _optional("active_params_b", self.active_params_b, low=0.001, high=20_000)
        if self.active_params_b is not None and self.active_params_b > self.params_b:
            raise FitInputError("active_params_b", "cannot exceed params_b.")
        _optional("attention_heads", self.attention_heads, low=1, high=4_096, integer=True)
        _optional("kv_heads", self.kv_heads, low=1, high=4_096, integer=True)
        if self.kv_heads and self.attention_heads and self.kv_heads > self.attention_heads:
            raise FitInputError("kv_heads", "cannot exceed attention_heads.")
        _optional("head_dim", self.head_dim, low=1, high=4_096, integer=True)
        _optional("hidden_size", self.hidden_size, low=1, high=200_000, integer=True)
        _optional("vocab_size", self.vocab_size, low=1, high=4_000_000, integer=True)
        _choice("attention", self.attention, ATTENTION_KINDS)
        _optional("kv_layers", self.kv_layers, low=0, high=self.layers, integer=True)
        _optional(
            "sliding_window",
            self.sliding_window,
            low=1,
            high=MAX_CONTEXT_TOKENS,
            integer=True,
        )
        _number(
            "sliding_window_layers",
            self.sliding_window_layers,
            low=0,
            high=self.layers,
            integer=True,
            allow_zero=True,
        )
        if self.sliding_window_layers and self.sliding_window is None:
            raise FitInputError("sliding_window", "is required when sliding_window_layers > 0.")
        _optional("kv_lora_rank", self.kv_lora_rank, low=1, high=65_536, integer=True)
        _optional(
            "qk_rope_head_dim",
            self.qk_rope_head_dim,
            low=0,
            high=4_096,
            integer=True,
            allow_zero=True,
        )
        if self.attention == "mla" and self.kv_lora_rank is None:
            raise FitInputError("kv_lora_rank", "is required for MLA attention.")
        if self.attention == "hybrid" and self.kv_layers is None:
            raise FitInputError("kv_layers", "is required for hybrid attention.")
        _optional("experts", self.experts, low=1, high=100_000, integer=True)
        _optional(
            "experts_per_token",
            self.experts_per_token,
            low=1,
            high=100_000,
            integer=True,
        )
        if self.experts and self.experts_per_token and self.experts_per_token > self.experts:
            raise FitInputError("experts_per_token", "cannot exceed experts.")
        _optional(
            "file_size_bytes",
            self.file_size_bytes,
            low=1_000_000,
            high=50e12,
            integer=True,
        )
        _optional(
            "max_context",
            self.max_context,
            low=1,
            high=MAX_CONTEXT_TOKENS,
            integer=True,
        )

    @property
    def active_b(self) -> float:
        return self.active_params_b or self.params_b

    @property
    def is_moe(self) -> bool:
        return self.active_b < self.params_b


@dataclass(frozen=True, kw_only=True)
class HardwareSpec:
    """One machine: `count` identical accelerators plus the host's RAM.

    `memory_gb` is per device (GB = 1e9 bytes, as vendors quote it); for Apple
    it is the unified RAM, for a CPU-only machine the system RAM.
    """

    kind: str
    memory_gb: float
    bandwidth_gbs: float | None = None
    fp16_tflops: float | None = None
    count: int = 1
    system_ram_gb: float | None = None
    system_ram_bandwidth_gbs: float | None = None
    # Raised GPU wired limit on a Mac (sudo sysctl iogpu.wired_limit_mb=...).
    apple_gpu_limit_gb: float | None = None
    vendor: str | None = None
    device_class: str | None = None

    def __post_init__(self) -> None:
        _choice("hardware.kind", self.kind, HARDWARE_KINDS)
        _number("hardware.memory_gb", self.memory_gb, low=0.5, high=100_000)
        _optional("hardware.bandwidth_gbs", self.bandwidth_gbs, low=1, high=100_000)
        _optional("hardware.fp16_tflops", self.fp16_tflops, low=0.01, high=100_000)
        _number("hardware.count", self.count, low=1, high=64, integer=True)
        _optional("hardware.system_ram_gb", self.system_ram_gb, low=0.5, high=100_000)
        _optional(
            "hardware.system_ram_bandwidth_gbs",
            self.system_ram_bandwidth_gbs,
            low=1,
            high=100_000,
        )
        _optional(
            "hardware.apple_gpu_limit_gb",
            self.apple_gpu_limit_gb,
            low=0.5,
            high=100_000,
        )
        if self.apple_gpu_limit_gb is not None:
            if self.kind != "apple":
                raise FitInputError("hardware.apple_gpu_limit_gb", "applies to Apple silicon only.")
            if self.apple_gpu_limit_gb > self.memory_gb:
                raise FitInputError("hardware.apple_gpu_limit_gb", "cannot exceed memory_gb.")
        if self.kind != "gpu" and self.count != 1:
            raise FitInputError("hardware.count", "only discrete GPUs can be counted.")
        if self.vendor is not None and not isinstance(self.vendor, str):
            raise FitInputError("hardware.vendor", "must be a string.")
        if self.device_class is not None:
            _choice("hardware.device_class", self.device_class, DEVICE_CLASSES)


@dataclass(frozen=True, kw_only=True)
class FitRequest:
    """Everything one estimate needs. `depth` only affects speed: memory is
    always sized for the full `context` because runtimes allocate it up front."""

    model: ModelSpec
    hardware: HardwareSpec
    quant: str = "Q4_K_M"
    context: int = 4096
    depth: int = 0
    prompt_tokens: int = 512
    kv_cache_type: str = "f16"
    runtime: str = "llama.cpp"
    backend: str | None = None
    flash_attention: bool | None = None
    moe_experts_on_cpu: bool = False
    ubatch: int = 512
    model_tag: str | None = None
    model_file: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.model, ModelSpec):
            raise FitInputError("model", "must be a ModelSpec.")
        if not isinstance(self.hardware, HardwareSpec):
            raise FitInputError("hardware", "must be a HardwareSpec.")
        if not isinstance(self.quant, str):
            raise FitInputError("quant", "must be a string.")
        lookup_quant(self.quant)
        _number("context", self.context, low=1, high=MAX_CONTEXT_TOKENS, integer=True)
        _number(
            "depth",
            self.depth,
            low=0,
            high=MAX_CONTEXT_TOKENS,
            integer=True,
            allow_zero=True,
        )
        _number(
            "prompt_tokens",
            self.prompt_tokens,
            low=0,
            high=MAX_CONTEXT_TOKENS,
            integer=True,
            allow_zero=True,
        )
        _choice("kv_cache_type", self.kv_cache_type, KV_CACHE_TYPES)
        _choice("runtime", self.runtime, RUNTIMES)
        if self.backend is not None:
            _choice("backend", self.backend, BACKENDS)
        _number("ubatch", self.ubatch, low=1, high=65_536, integer=True)
        if self.flash_attention is not None and not isinstance(self.flash_attention, bool):
            raise FitInputError("flash_attention", "must be true or false.")
        if not isinstance(self.moe_experts_on_cpu, bool):
            raise FitInputError("moe_experts_on_cpu", "must be true or false.")
        if self.moe_experts_on_cpu:
            if self.runtime not in LLAMA_CPP_FAMILY:
                raise FitInputError("moe_experts_on_cpu", "is a llama.cpp-family option.")
            if not self.model.is_moe:
                raise FitInputError("moe_experts_on_cpu", "needs an MoE model.")
            if self.model.experts is None or self.model.experts_per_token is None:
                raise FitInputError(
                    "experts",
                    "experts and experts_per_token are needed to keep experts in system RAM.",
                )
        for field in ("model_tag", "model_file"):
            value = getattr(self, field)
            if value is not None and (not isinstance(value, str) or len(value) > 300):
                raise FitInputError(field, "must be a string of at most 300 characters.")
        self._check_runtime_fits_hardware()

    def _check_runtime_fits_hardware(self) -> None:
        kind = self.hardware.kind
        if self.runtime == "mlx" and kind != "apple":
            raise FitInputError("runtime", "MLX runs only on Apple silicon.")
        if self.runtime in TENSOR_PARALLEL_RUNTIMES and kind != "gpu":
            raise FitInputError("runtime", f"{self.runtime} needs a discrete GPU.")
        if self.backend == "metal" and kind != "apple":
            raise FitInputError("backend", "Metal runs only on Apple silicon.")
        if self.backend in {"cuda", "rocm", "sycl"} and kind != "gpu":
            raise FitInputError("backend", f"{self.backend} needs a discrete GPU.")

    @property
    def quant_spec(self) -> Quant:
        return lookup_quant(self.quant)

    @property
    def resolved_backend(self) -> str:
        if self.backend:
            return self.backend
        if self.hardware.kind == "apple":
            return "metal"
        if self.hardware.kind == "cpu":
            return "cpu"
        if self.hardware.device_class == "amd" or (self.hardware.vendor or "").lower() == "amd":
            return "rocm"
        if self.hardware.device_class == "intel" or (self.hardware.vendor or "").lower() == "intel":
            return "sycl"
        return "cuda"


_MODEL_FIELDS: Final = frozenset(ModelSpec.__dataclass_fields__)
_HARDWARE_FIELDS: Final = frozenset(HardwareSpec.__dataclass_fields__)
_REQUEST_FIELDS: Final = frozenset(FitRequest.__dataclass_fields__) - {
    "model",
    "hardware",
}


def _section(data: dict[str, Any], name: str, allowed: frozenset[str]) -> dict[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise FitInputError(name, "is required and must be an object.")
    # Unknown keys are ignored (the catalog sends extra metadata), None means unset.
    return {key: value for key, value in section.items() if key in allowed and value is not None}


def request_from_dict(data: dict[str, Any]) -> FitRequest:
    """Build a FitRequest from the batch JSON shape (see module docstring of
    tools.fit). Raises FitInputError naming the first bad or missing field."""
    if not isinstance(data, dict):
        raise FitInputError("request", "must be an object.")
    model_fields = _section(data, "model", _MODEL_FIELDS)
    for required in ("params_b", "layers"):
        if required not in model_fields:
            raise FitInputError(required, "is required.")
    hardware_fields = _section(data, "hardware", _HARDWARE_FIELDS)
    for required in ("kind", "memory_gb"):
        if required not in hardware_fields:
            raise FitInputError(f"hardware.{required}", "is required.")
    # JSON has no integers-vs-floats discipline: accept 32.0 layers.
    for key, value in list(model_fields.items()):
        if (
            isinstance(value, float)
            and value.is_integer()
            and key != "params_b"
            and key != "active_params_b"
        ):
            model_fields[key] = int(value)
    if isinstance(hardware_fields.get("count"), float) and hardware_fields["count"].is_integer():
        hardware_fields["count"] = int(hardware_fields["count"])
    request_fields = {
        key: value for key, value in data.items() if key in _REQUEST_FIELDS and value is not None
    }
    for key in ("context", "depth", "prompt_tokens", "ubatch"):
        value = request_fields.get(key)
        if isinstance(value, float) and value.is_integer():
            request_fields[key] = int(value)
    try:
        model = ModelSpec(**model_fields)
        hardware = HardwareSpec(**hardware_fields)
        return FitRequest(model=model, hardware=hardware, **request_fields)
    except TypeError as error:  # e.g. a string where a number belongs
        raise FitInputError("request", str(error)) from error
