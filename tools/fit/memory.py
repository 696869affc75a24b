"""
Memory arithmetic: weights, KV cache, compute buffer, overhead, placement.

Units: capacities are read in GiB (2^30) because memory is built and marketed
in binary sizes (a "24 GB" RTX 4090 reports 24,564 MiB); everything computed
here is in bytes, and the public result converts to GB = 1e9 bytes.

Why each term:
- Weights: the exact file when known, else parameters x effective bpw / 8
  (see quants.py). llama.cpp keeps the input-embedding table in system RAM
  (only one row per token is read, so the GPU gains nothing from it): the
  calibration load logs show 281.81 MiB of Llama-3-8B's 4.58 GiB there.
- KV cache: 2 (K and V) x layers x KV heads x head dim x tokens x bytes/elt.
  Sliding-window layers hold at most the window; SSM/linear-attention layers
  of hybrids hold nothing; MLA holds one latent (kv_lora_rank + rope dims).
- Compute buffer: llama.cpp's graph allocator reuses memory, so the buffer is
  the *peak* live set, not a sum. Two peaks compete: the output logits
  (ubatch x vocab x f32) and, without flash attention, the attention score
  matrix (ubatch x context x heads x f32). With a few hidden-sized activations
  on top, max(...) reproduces the load logs exactly: Llama-3-8B 560 MiB at
  8192 tokens, 258.5 MiB at 512. Flash attention removes the score matrix.
- Overhead: the CUDA/ROCm/Metal context that no llama.cpp buffer reports
  (~450 MiB per RTX 4090 in llama.cpp PR #15860), once per device.
"""

from dataclasses import dataclass
from typing import Final

from tools.fit.errors import FitInputError
from tools.fit.inputs import LLAMA_CPP_FAMILY, FitRequest, ModelSpec
from tools.fit.quants import Quant

GIB: Final = 1 << 30
MIB: Final = 1 << 20

KV_BYTES_PER_ELEMENT: Final = {"f16": 2.0, "q8_0": 34 / 32, "q4_0": 18 / 32}

DEVICE_OVERHEAD_BYTES: Final = int(0.45 * GIB)
# A set-up is "comfortable" only with this much left per device: desktop
# compositors, browser tabs and fragmentation all take VRAM.
COMFORT_HEADROOM_BYTES: Final = 1 * GIB
# System RAM the OS and a browser need before a model gets any.
OS_RESERVE_BYTES: Final = int(2.5 * GIB)
# macOS lets the GPU wire about 2/3 of RAM up to 32 GB and 3/4 above
# (Metal's recommendedMaxWorkingSetSize).
APPLE_SMALL_FRACTION: Final = 2 / 3
APPLE_LARGE_FRACTION: Final = 3 / 4
APPLE_SMALL_LIMIT_GIB: Final = 32
# vLLM claims this share of every GPU (gpu_memory_utilization default).
VLLM_MEMORY_UTILIZATION: Final = 0.9
# vLLM/exllama also hold CUDA graphs and a sampler workspace.
TENSOR_PARALLEL_EXTRA_BYTES: Final = int(0.75 * GIB)
# Hidden-sized f32 activations alive next to each peak (fitted to the logs:
# 6 beside the score matrix, 1 beside the logits, 10 more per device when
# llama.cpp pipelines a layer split across GPUs: 640 vs 560 MiB per device).
ACTIVATIONS_AT_ATTENTION: Final = 6
ACTIVATIONS_AT_LOGITS: Final = 1
PIPELINE_ACTIVATIONS: Final = 10
# Context in tokens llama.cpp rounds the KV cache up to.
CONTEXT_PAD: Final = 256
ASSUMED_VOCAB: Final = 128_000

PLACEMENT_GPU: Final = "all-gpu"
PLACEMENT_PARTIAL: Final = "partial-offload"
PLACEMENT_EXPERTS_CPU: Final = "experts-on-cpu"
PLACEMENT_CPU: Final = "cpu-only"
PLACEMENT_NONE: Final = "does-not-fit"


@dataclass(frozen=True)
class Geometry:
    """Derived attention numbers, with what had to be assumed."""

    kv_heads: int
    head_dim: int
    hidden: int
    vocab: int
    heads: int
    assumptions: tuple[str, ...]
    unknowns: tuple[str, ...]


def geometry(model: ModelSpec) -> Geometry:
    assumptions: list[str] = []
    unknowns: list[str] = []
    heads = model.attention_heads
    head_dim = model.head_dim
    if head_dim is None and model.hidden_size and heads:
        head_dim = model.hidden_size // heads
    kv_heads = model.kv_heads
    if model.attention == "full" and kv_heads is None:
        kv_heads = heads
    if kv_heads is None and model.attention != "mla":
        if heads is None:
            raise FitInputError("kv_heads", "is needed to size the KV cache.")
        kv_heads = heads
        unknowns.append("kv_heads")
        assumptions.append(
            "The number of KV heads is unknown, so every attention head is assumed to keep "
            "its own K and V (no grouped-query attention): the KV cache is an upper bound."
        )
    if head_dim is None and model.attention != "mla":
        raise FitInputError("head_dim", "is needed (or hidden_size and attention_heads).")
    hidden = model.hidden_size or ((heads or 0) * (head_dim or 0))
    if not hidden:
        raise FitInputError("hidden_size", "is needed to size the compute buffer.")
    vocab = model.vocab_size
    if vocab is None:
        vocab = ASSUMED_VOCAB
        unknowns.append("vocab_size")
        assumptions.append(
            f"The vocabulary size is unknown; {ASSUMED_VOCAB:,} tokens (a large modern "
            "vocabulary) is assumed for the compute buffer."
        )
    return Geometry(
        kv_heads=kv_heads or 1,
        head_dim=head_dim or 1,
        hidden=hidden,
        vocab=vocab,
        heads=heads or max(1, hidden // (head_dim or 128)),
        assumptions=tuple(assumptions),
        unknowns=tuple(unknowns),
    )


def kv_layer_counts(model: ModelSpec) -> tuple[int, int]:
    """(full-context KV layers, sliding-window KV layers)."""
    kv_layers = model.kv_layers if model.attention == "hybrid" else model.layers
    kv_layers = model.layers if kv_layers is None else kv_layers
    windowed = min(model.sliding_window_layers, kv_layers)
    return kv_layers - windowed, windowed


def kv_bytes_per_token_layer(model: ModelSpec, geo: Geometry, kv_cache_type: str) -> float:
    element = KV_BYTES_PER_ELEMENT[kv_cache_type]
    if model.attention == "mla":
        # One shared latent per token; V is a view of it in llama.cpp.
        return ((model.kv_lora_rank or 0) + (model.qk_rope_head_dim or 0)) * element
    return 2 * geo.kv_heads * geo.head_dim * element


def kv_cache_bytes(*, model: ModelSpec, geo: Geometry, context: int, kv_cache_type: str) -> float:
    per = kv_bytes_per_token_layer(model, geo, kv_cache_type)
    full, windowed = kv_layer_counts(model)
    window = min(context, model.sliding_window or context)
    return per * (full * context + windowed * window)


def compute_buffer_bytes(
    *, geo: Geometry, context: int, ubatch: int, flash_attention: bool, split_devices: int
) -> float:
    """Peak scratch memory of one device's compute graph (see module doc)."""
    ub = min(ubatch, context)
    act = ub * geo.hidden * 4
    logits = ub * geo.vocab * 4 + ACTIVATIONS_AT_LOGITS * act
    if flash_attention:
        # Only the f16 mask (ubatch x context) grows with context.
        attention = ACTIVATIONS_AT_ATTENTION * act + ub * context * 2
    else:
        attention = ACTIVATIONS_AT_ATTENTION * act + ub * context * geo.heads * 4
    peak = max(logits, attention)
    if split_devices > 1:
        peak += PIPELINE_ACTIVATIONS * act
    return peak


def weight_bytes(model: ModelSpec, quant: Quant, geo: Geometry, *, use_file: bool) -> float:
    """Whole-model weight bytes: the exact file when known, else the estimate."""
    if use_file and model.file_size_bytes:
        return float(model.file_size_bytes)
    params = model.params_b * 1e9
    if quant.embedding_bits is not None and model.vocab_size and model.hidden_size:
        tables = 1 if model.tied_embeddings else 2
        embed = min(params, tables * model.vocab_size * model.hidden_size)
        return ((params - embed) * quant.bits_per_weight + embed * quant.embedding_bits) / 8
    return params * quant.file_bits_per_weight / 8


def host_embedding_bytes(
    model: ModelSpec, quant: Quant, geo: Geometry, *, runtime: str, total_weights: float
) -> float:
    """Input-embedding bytes llama.cpp leaves in system RAM (0 for others)."""
    # With tied embeddings the same table is the output head, so it must
    # live on the GPU; other runtimes load everything onto the device.
    if runtime not in LLAMA_CPP_FAMILY or model.tied_embeddings or not model.vocab_size:
        return 0.0
    bits = quant.embedding_bits or quant.file_bits_per_weight
    return min(total_weights * 0.5, model.vocab_size * geo.hidden * bits / 8)


def device_capacity_bytes(request: FitRequest) -> float:
    """Memory one device offers before any model buffer (bytes)."""
    hw = request.hardware
    memory = hw.memory_gb * GIB
    if hw.kind == "apple":
        if hw.apple_gpu_limit_gb is not None:
            return hw.apple_gpu_limit_gb * GIB
        small = hw.memory_gb <= APPLE_SMALL_LIMIT_GIB
        return memory * (APPLE_SMALL_FRACTION if small else APPLE_LARGE_FRACTION)
    if hw.kind == "cpu":
        return max(0.0, memory - OS_RESERVE_BYTES)
    if request.runtime == "vllm":
        return memory * VLLM_MEMORY_UTILIZATION
    return memory


def host_ram_bytes(request: FitRequest) -> float | None:
    """System RAM free for offloaded layers, or None when unknown."""
    hw = request.hardware
    if hw.kind == "apple":
        # Unified memory: what the GPU does not wire, minus the OS.
        return max(0.0, hw.memory_gb * GIB - OS_RESERVE_BYTES)
    if hw.system_ram_gb is None:
        return None
    return max(0.0, hw.system_ram_gb * GIB - OS_RESERVE_BYTES)
