"""
The estimate: placement, verdict, speed ranges, max context, best quant.

`estimate()` is the single entry point. It sizes memory (memory.py), decides
where every layer goes the way the runtime would (all on the accelerators,
partially offloaded, experts kept in RAM, CPU only, or nowhere), prices the
per-token work (speed.py), and explains each step in plain sentences. Inputs
the caller did not know are listed in `unknowns` with what was assumed.
"""

import math
from dataclasses import dataclass, field
from typing import Any, Final

from tools.fit.commands import build_commands
from tools.fit.constants import DECODE, PREFILL
from tools.fit.errors import FitInputError
from tools.fit.inputs import LLAMA_CPP_FAMILY, TENSOR_PARALLEL_RUNTIMES, FitRequest
from tools.fit.memory import (
    COMFORT_HEADROOM_BYTES,
    CONTEXT_PAD,
    DEVICE_OVERHEAD_BYTES,
    GIB,
    PLACEMENT_CPU,
    PLACEMENT_EXPERTS_CPU,
    PLACEMENT_GPU,
    PLACEMENT_NONE,
    PLACEMENT_PARTIAL,
    TENSOR_PARALLEL_EXTRA_BYTES,
    Geometry,
    compute_buffer_bytes,
    device_capacity_bytes,
    geometry,
    host_embedding_bytes,
    host_ram_bytes,
    kv_bytes_per_token_layer,
    kv_cache_bytes,
    kv_layer_counts,
    weight_bytes,
)
from tools.fit.quants import (
    EXL2_LADDER,
    GGUF_LADDER,
    MLX_LADDER,
    VLLM_LADDER,
    Quant,
    lookup_quant,
)
from tools.fit.speed import (
    DecodeWork,
    Range,
    decode_range,
    decode_seconds,
    prefill_tokens_per_second,
    prompt_seconds,
)

COMFORTABLE: Final = "runs comfortably"
TRADE_OFFS: Final = "runs with trade-offs"
WONT_RUN: Final = "won't run"
# Below this, reading along with the output feels like waiting.
USABLE_DECODE_TOKENS_PER_S: Final = 10.0
# Apple CPU clusters reach about half the SoC bandwidth (the GPU gets the rest).
APPLE_CPU_BANDWIDTH_SHARE: Final = 0.5
# When the model card gives no max context, the search stops here.
DEFAULT_CONTEXT_CAP: Final = 131_072
GB: Final = 1e9


@dataclass(frozen=True)
class MemoryBreakdown:
    """Bytes each part needs; `usable` is what the accelerators (or, CPU-only,
    the RAM) offer. GB in `to_dict()` are 1e9 bytes."""

    weights: float
    host_weights: float
    kv_cache: float
    compute: float
    overhead: float
    usable: float
    system_ram_needed: float

    @property
    def total(self) -> float:
        return self.weights + self.kv_cache + self.compute + self.overhead


@dataclass(frozen=True)
class FitResult:
    verdict: str
    placement: str
    gpu_layers: int
    total_layers: int
    cpu_moe_layers: int
    memory: MemoryBreakdown
    decode_tokens_per_s: Range | None
    prefill_tokens_per_s: Range | None
    ttft_s: Range | None
    max_context: int | None
    best_quant: str | None
    evidence: str
    device_class: str
    reasons: tuple[str, ...]
    assumptions: tuple[str, ...]
    unknowns: tuple[str, ...]
    commands: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view; memory in GB (1e9 bytes) plus exact bytes."""
        m = self.memory
        parts = {
            "weights": m.weights,
            "kv_cache": m.kv_cache,
            "compute": m.compute,
            "overhead": m.overhead,
            "total": m.total,
            "usable": m.usable,
            "host_weights": m.host_weights,
            "system_ram_needed": m.system_ram_needed,
        }
        memory: dict[str, Any] = {f"{k}_gb": round(v / GB, 2) for k, v in parts.items()}
        memory.update({f"{k}_bytes": int(v) for k, v in parts.items()})
        memory["unit"] = "GB = 1e9 bytes"
        return {
            "verdict": self.verdict,
            "placement": self.placement,
            "gpu_layers": self.gpu_layers,
            "total_layers": self.total_layers,
            "cpu_moe_layers": self.cpu_moe_layers,
            "memory": memory,
            "decode_tokens_per_s": _range_dict(self.decode_tokens_per_s, 1),
            "prefill_tokens_per_s": _range_dict(self.prefill_tokens_per_s, 0),
            "ttft_s": _range_dict(self.ttft_s, 2),
            "max_context": self.max_context,
            "best_quant": self.best_quant,
            "evidence": self.evidence,
            "device_class": self.device_class,
            "assumptions": list(self.assumptions),
            "unknowns": list(self.unknowns),
            "reasons": list(self.reasons),
            "commands": dict(self.commands),
        }


def _range_dict(value: Range | None, digits: int) -> dict[str, float] | None:
    if value is None:
        return None
    return {
        "low": round(value.low, digits),
        "expected": round(value.expected, digits),
        "high": round(value.high, digits),
    }


@dataclass(frozen=True)
class _Setup:
    """Per-request facts that do not depend on context or quant."""

    request: FitRequest
    geo: Geometry
    device_class: str
    backend: str
    flash_attention: bool
    ubatch: int
    overhead_per_device: float
    capacity_per_device: float
    host_ram: float | None
    cpu_bandwidth: float | None
    tensor_parallel: bool
    llama_family: bool
    assumptions: tuple[str, ...]
    unknowns: tuple[str, ...]


@dataclass(frozen=True)
class _Plan:
    placement: str
    gpu_layers: int
    cpu_moe_layers: int
    memory: MemoryBreakdown
    headroom_per_device: float
    device_weights: float
    total_weights: float
    quant: Quant


def _device_class(request: FitRequest, backend: str) -> tuple[str, str | None]:
    hw = request.hardware
    if hw.device_class:
        return hw.device_class, None
    if hw.kind == "apple":
        return "apple", None
    if hw.kind == "cpu":
        return "cpu", None
    vendor = (hw.vendor or "").lower()
    if vendor == "amd" or backend == "rocm":
        return "amd", None
    if vendor == "intel" or backend == "sycl":
        return "intel", None
    # HBM parts (A100 80 GB, H100, H200, B200) are the only NVIDIA cards this fast and large.
    datacenter = (hw.bandwidth_gbs or 0) >= 1900 and hw.memory_gb >= 40
    device_class = "nvidia-datacenter" if datacenter else "nvidia-consumer"
    if vendor in ("", "nvidia"):
        note = (
            None
            if vendor
            else (
                f"The GPU vendor is not given; it is treated as an NVIDIA card "
                f"({device_class.replace('-', ' ')} class)."
            )
        )
        return device_class, note
    return device_class, None


def _setup(request: FitRequest) -> _Setup:
    hw = request.hardware
    geo = geometry(request.model)
    assumptions = list(geo.assumptions)
    unknowns = list(geo.unknowns)
    backend = request.resolved_backend
    device_class, note = _device_class(request, backend)
    if note:
        assumptions.append(note)
    llama_family = request.runtime in LLAMA_CPP_FAMILY
    tensor_parallel = request.runtime in TENSOR_PARALLEL_RUNTIMES and hw.count > 1
    if request.flash_attention is not None:
        flash = request.flash_attention
    elif request.kv_cache_type != "f16":
        flash = True  # llama.cpp refuses a quantized V cache without it
    else:
        # llama.cpp's `-fa auto` default turns it on where supported; the
        # Ollama/LM Studio defaults have varied, so assume the larger buffer.
        flash = request.runtime in {"llama.cpp", "mlx", "vllm", "exllama"} and backend != "cpu"
    ubatch = request.ubatch if llama_family else max(request.ubatch, 2048)
    overhead = 0.0 if hw.kind == "cpu" else float(DEVICE_OVERHEAD_BYTES)
    if request.runtime in TENSOR_PARALLEL_RUNTIMES:
        overhead += TENSOR_PARALLEL_EXTRA_BYTES
    cpu_bandwidth = hw.system_ram_bandwidth_gbs
    if hw.kind == "cpu":
        cpu_bandwidth = hw.bandwidth_gbs or hw.system_ram_bandwidth_gbs
    elif hw.kind == "apple" and cpu_bandwidth is None and hw.bandwidth_gbs:
        cpu_bandwidth = hw.bandwidth_gbs * APPLE_CPU_BANDWIDTH_SHARE
    if hw.kind == "apple":
        if hw.apple_gpu_limit_gb is not None:
            assumptions.append(
                f"The GPU may wire {hw.apple_gpu_limit_gb:g} GB, the raised limit you gave "
                "(sudo sysctl iogpu.wired_limit_mb=...); it resets at reboot."
            )
        else:
            share = "2/3" if hw.memory_gb <= 32 else "3/4"
            assumptions.append(
                f"macOS lets the GPU use about {share} of the {hw.memory_gb:g} GB unified memory "
                "by default; `sudo sysctl iogpu.wired_limit_mb=<MB>` raises it until reboot."
            )
    if hw.kind == "gpu" and hw.count > 1:
        if tensor_parallel:
            assumptions.append(
                f"{request.runtime} splits every layer across the {hw.count} GPUs (tensor "
                "parallel): memory must divide evenly and speed grows less than linearly."
            )
        elif llama_family:
            assumptions.append(
                f"{request.runtime} splits layers across the {hw.count} GPUs: capacity adds up, "
                "but the cards take turns, so decoding is about as fast as one card."
            )
    return _Setup(
        request=request,
        geo=geo,
        device_class=device_class,
        backend=backend,
        flash_attention=flash,
        ubatch=ubatch,
        overhead_per_device=overhead,
        capacity_per_device=device_capacity_bytes(request),
        host_ram=host_ram_bytes(request),
        cpu_bandwidth=cpu_bandwidth,
        tensor_parallel=tensor_parallel,
        llama_family=llama_family,
        assumptions=tuple(assumptions),
        unknowns=tuple(unknowns),
    )


def _compute(setup: _Setup, context: int) -> float:
    hw = setup.request.hardware
    split = hw.count if (setup.llama_family and hw.kind == "gpu") else 1
    return compute_buffer_bytes(
        geo=setup.geo,
        context=context,
        ubatch=setup.ubatch,
        flash_attention=setup.flash_attention,
        split_devices=split,
    )


def _moe_split(setup: _Setup, device_weights: float) -> tuple[float, float] | None:
    """(bytes of all routed experts, bytes of experts active per token)."""
    model = setup.request.model
    if not model.is_moe or not model.experts or not model.experts_per_token:
        return None
    if model.experts == model.experts_per_token:
        return None
    per_expert = (model.params_b - model.active_b) / (model.experts - model.experts_per_token)
    routed = per_expert * model.experts
    scale = device_weights / model.params_b
    return routed * scale, per_expert * model.experts_per_token * scale


def _plan(setup: _Setup, quant: Quant, context: int) -> _Plan:
    request = setup.request
    model = request.model
    hw = request.hardware
    n = hw.count
    use_file = quant.name.upper() == request.quant_spec.name.upper()
    total_w = weight_bytes(model, quant, setup.geo, use_file=use_file)
    embed = host_embedding_bytes(
        model, quant, setup.geo, runtime=request.runtime, total_weights=total_w
    )
    kv = kv_cache_bytes(
        model=model, geo=setup.geo, context=context, kv_cache_type=request.kv_cache_type
    )
    compute = _compute(setup, context)
    capacity = setup.capacity_per_device
    layers = model.layers

    if hw.kind == "cpu":
        need = total_w + kv + compute
        fits = need <= capacity
        memory = MemoryBreakdown(total_w, 0.0, kv, compute, 0.0, capacity, need if fits else 0.0)
        return _Plan(
            PLACEMENT_CPU if fits else PLACEMENT_NONE,
            0,
            0,
            memory,
            capacity - need,
            total_w,
            total_w,
            quant,
        )

    device_w = total_w - embed
    overhead = setup.overhead_per_device
    budget = capacity - overhead - compute  # per device, for weights + KV
    need = device_w + kv
    memory_args = (device_w, embed, kv, compute * n, overhead * n, capacity * n)
    if budget > 0 and need <= budget * n:
        headroom = budget - need / n
        return _Plan(
            PLACEMENT_GPU,
            layers,
            0,
            MemoryBreakdown(*memory_args, embed),
            headroom,
            device_w,
            total_w,
            quant,
        )
    if not setup.llama_family:
        return _Plan(
            PLACEMENT_NONE,
            0,
            0,
            MemoryBreakdown(*memory_args, 0.0),
            budget - need / n,
            device_w,
            total_w,
            quant,
        )

    host = setup.host_ram
    # Apple: the "host" is the same unified RAM, so the GPU share counts too.
    gpu_side_in_host = hw.kind == "apple"
    host_compute = compute

    if request.moe_experts_on_cpu and budget > 0:
        split = _moe_split(setup, device_w)
        if split is not None:
            routed, _active = split
            per_layer_experts = routed / layers
            over = need - budget * n
            cpu_moe = min(layers, math.ceil(over / per_layer_experts))
            on_gpu = need - cpu_moe * per_layer_experts
            in_host = cpu_moe * per_layer_experts + embed + host_compute
            if gpu_side_in_host:
                in_host += on_gpu
            if on_gpu <= budget * n and host is not None and in_host <= host:
                headroom = budget - on_gpu / n
                return _Plan(
                    PLACEMENT_EXPERTS_CPU,
                    layers,
                    cpu_moe,
                    MemoryBreakdown(*memory_args, in_host),
                    headroom,
                    device_w,
                    total_w,
                    quant,
                )

    per_layer = need / layers
    per_device_layers = max(0, math.floor(max(budget, 0.0) / per_layer))
    gpu_layers = min(layers - 1, per_device_layers * n)
    on_gpu = gpu_layers * per_layer
    in_host = (layers - gpu_layers) * per_layer + embed + host_compute
    if gpu_side_in_host:
        in_host += on_gpu
    if host is None or in_host > host:
        return _Plan(
            PLACEMENT_NONE,
            gpu_layers,
            0,
            MemoryBreakdown(*memory_args, in_host),
            budget - need / n,
            device_w,
            total_w,
            quant,
        )
    placement = PLACEMENT_PARTIAL if gpu_layers > 0 else PLACEMENT_CPU
    headroom = budget - on_gpu / n if gpu_layers else float(host - in_host)
    return _Plan(
        placement,
        gpu_layers,
        0,
        MemoryBreakdown(*memory_args, in_host),
        headroom,
        device_w,
        total_w,
        quant,
    )


def _embedding_table_bytes(setup: _Setup, quant: Quant) -> float:
    model = setup.request.model
    if model.tied_embeddings or not model.vocab_size:
        return 0.0
    bits = quant.embedding_bits or quant.file_bits_per_weight
    return model.vocab_size * setup.geo.hidden * bits / 8


def _kv_read_bytes(setup: _Setup, depth: int) -> float:
    model = setup.request.model
    per = kv_bytes_per_token_layer(model, setup.geo, setup.request.kv_cache_type)
    full, windowed = kv_layer_counts(model)
    window = min(depth, model.sliding_window or depth)
    return per * (full * depth + windowed * window)


def _decode_work(setup: _Setup, plan: _Plan) -> DecodeWork | None:
    request = setup.request
    model = request.model
    hw = request.hardware
    layers = model.layers
    if plan.placement == PLACEMENT_NONE:
        return None
    # Only one embedding row is read per token, whatever device holds the table.
    dense = max(0.0, plan.total_weights - _embedding_table_bytes(setup, plan.quant))
    read = dense * (model.active_b / model.params_b)
    kv_read = _kv_read_bytes(setup, min(request.depth, request.context))
    n = hw.count
    if hw.kind == "cpu" or plan.placement == PLACEMENT_CPU:
        return DecodeWork(0, 0.0, layers, read + kv_read, n, False)
    if plan.placement == PLACEMENT_GPU:
        return DecodeWork(layers, read + kv_read, 0, 0.0, n, setup.tensor_parallel)
    if plan.placement == PLACEMENT_EXPERTS_CPU:
        split = _moe_split(setup, plan.device_weights)
        assert split is not None
        _routed, active_experts = split
        cpu = active_experts * plan.cpu_moe_layers / layers
        return DecodeWork(layers, read + kv_read - cpu, plan.cpu_moe_layers, cpu, n, False)
    share = plan.gpu_layers / layers
    total = read + kv_read
    return DecodeWork(
        plan.gpu_layers, total * share, layers - plan.gpu_layers, total * (1 - share), n, False
    )


def _decode(setup: _Setup, plan: _Plan) -> float | None:
    """Expected seconds per token, or None when a needed bandwidth is unknown."""
    work = _decode_work(setup, plan)
    hw = setup.request.hardware
    if work is None:
        return None
    gpu_bw = hw.bandwidth_gbs
    if work.gpu_bytes > 0 and gpu_bw is None:
        return None
    return decode_seconds(
        work=work,
        device_class=setup.device_class,
        quant_family=plan.quant.family,
        backend=setup.backend,
        gpu_bandwidth_gbs=gpu_bw or 0.0,
        cpu_bandwidth_gbs=setup.cpu_bandwidth,
    )


def _flops_per_token(setup: _Setup) -> float:
    request = setup.request
    model = request.model
    geo = setup.geo
    full, windowed = kv_layer_counts(model)
    mean_context = request.depth + request.prompt_tokens / 2
    window = min(mean_context, model.sliding_window or mean_context)
    # QK^T and attention x V: 2 matmuls x 2 FLOPs per multiply-add.
    attention = 4 * geo.heads * geo.head_dim * (full * mean_context + windowed * window)
    return 2 * model.active_b * 1e9 + attention


def _tier(setup: _Setup, plan: _Plan, seconds: float | None) -> str:
    if plan.placement == PLACEMENT_NONE:
        return WONT_RUN
    offloaded = plan.placement in (PLACEMENT_PARTIAL, PLACEMENT_EXPERTS_CPU) or (
        plan.placement == PLACEMENT_CPU and setup.request.hardware.kind != "cpu"
    )
    tight = plan.headroom_per_device < COMFORT_HEADROOM_BYTES
    slow = seconds is not None and 1 / seconds < USABLE_DECODE_TOKENS_PER_S
    return TRADE_OFFS if (offloaded or tight or slow) else COMFORTABLE


def _ladder(request: FitRequest) -> tuple[str, ...]:
    if request.runtime == "mlx":
        return MLX_LADDER
    if request.runtime == "vllm":
        return VLLM_LADDER
    if request.runtime == "exllama":
        return EXL2_LADDER
    return GGUF_LADDER


def _best_quant(setup: _Setup) -> str | None:
    fallback = None
    for name in _ladder(setup.request):
        quant = lookup_quant(name)
        plan = _plan(setup, quant, setup.request.context)
        if plan.placement == PLACEMENT_NONE:
            continue
        tier = _tier(setup, plan, _decode(setup, plan))
        if tier == COMFORTABLE:
            return quant.name
        fallback = fallback or quant.name
    return fallback


def _fits(setup: _Setup, quant: Quant, context: int, *, on_gpu: bool) -> bool:
    placement = _plan(setup, quant, context).placement
    if on_gpu:
        return placement in (PLACEMENT_GPU, PLACEMENT_EXPERTS_CPU) or (
            placement == PLACEMENT_CPU and setup.request.hardware.kind == "cpu"
        )
    return placement != PLACEMENT_NONE


def _max_context(setup: _Setup, quant: Quant, placement: str) -> int | None:
    """Largest context (multiple of 256 below the cap) that keeps this placement
    tier; memory only grows with context, so bisection is exact."""
    cap = setup.request.model.max_context or DEFAULT_CONTEXT_CAP
    on_gpu = placement in (PLACEMENT_GPU, PLACEMENT_EXPERTS_CPU)
    if setup.request.hardware.kind == "cpu":
        on_gpu = False
    if _fits(setup, quant, cap, on_gpu=on_gpu):
        return cap
    low, high = 0, cap // CONTEXT_PAD  # in units of CONTEXT_PAD; low fits (or is 0)
    if high == 0 or not _fits(setup, quant, CONTEXT_PAD, on_gpu=on_gpu):
        return None
    low = 1
    while high - low > 1:
        middle = (low + high) // 2
        if _fits(setup, quant, middle * CONTEXT_PAD, on_gpu=on_gpu):
            low = middle
        else:
            high = middle
    return low * CONTEXT_PAD


def _gb(value: float) -> str:
    return f"{value / GB:.1f} GB"


def _reasons(setup: _Setup, plan: _Plan, decode: Range | None, tier: str) -> list[str]:
    request = setup.request
    hw = request.hardware
    m = plan.memory
    reasons: list[str] = []
    where = {"apple": "the GPU's share of unified memory", "cpu": "system RAM"}.get(
        hw.kind, "VRAM" if hw.count == 1 else f"the VRAM of {hw.count} GPUs"
    )
    if plan.placement == PLACEMENT_GPU:
        reasons.append(
            f"Needs {_gb(m.total)} of the {_gb(m.usable)} of {where} "
            f"({_gb(m.weights)} weights, {_gb(m.kv_cache)} KV cache at {request.context:,} "
            f"tokens, {_gb(m.compute + m.overhead)} runtime buffers)."
        )
        if plan.headroom_per_device < COMFORT_HEADROOM_BYTES:
            reasons.append("Less than 1 GB would be left free per device, which is tight.")
    elif plan.placement == PLACEMENT_CPU:
        if hw.kind == "cpu":
            reasons.append(f"Runs from system RAM: needs {_gb(m.total)} of {_gb(m.usable)}.")
        else:
            reasons.append("Not even one layer fits on the GPU, so the model runs on the CPU.")
    elif plan.placement == PLACEMENT_PARTIAL:
        reasons.append(
            f"Needs {_gb(m.total)} but {where} offers {_gb(m.usable)}: {plan.gpu_layers} of "
            f"{request.model.layers} layers fit on the GPU, the rest run from system RAM, "
            "which is several times slower."
        )
    elif plan.placement == PLACEMENT_EXPERTS_CPU:
        reasons.append(
            f"Keeping the experts of {plan.cpu_moe_layers} layers in system RAM leaves attention "
            "and shared weights on the GPU; only the few active experts are read per token."
        )
    else:
        reasons.append(
            f"Needs {_gb(m.total)} but {where} offers {_gb(m.usable)}"
            + (
                ", and system RAM cannot hold the rest."
                if setup.llama_family and hw.kind != "cpu"
                else "."
            )
        )
        if hw.kind == "gpu" and hw.system_ram_gb is None and setup.llama_family:
            reasons.append("System RAM is unknown, so offloading layers to it was not considered.")
        if not setup.llama_family and hw.kind != "cpu":
            reasons.append(f"{request.runtime} cannot offload layers to system RAM.")
    if decode is not None and tier != WONT_RUN:
        speed = decode.expected
        if speed < USABLE_DECODE_TOKENS_PER_S:
            reasons.append(f"About {speed:.1f} tokens/s is slower than comfortable reading.")
        else:
            reasons.append(f"About {speed:.0f} tokens/s is fast enough to read along.")
    return reasons


def estimate(request: FitRequest, *, evidence: str = "estimated") -> FitResult:
    """Estimate memory, placement, speed and verdict for one set-up."""
    if not isinstance(request, FitRequest):
        raise FitInputError("request", "must be a FitRequest.")
    setup = _setup(request)
    quant = request.quant_spec
    plan = _plan(setup, quant, request.context)
    assumptions = list(setup.assumptions)
    unknowns = list(setup.unknowns)
    hw = request.hardware
    model = request.model

    if not model.file_size_bytes:
        assumptions.append(
            f"Weights are estimated at {quant.file_bits_per_weight:g} bits per weight for "
            f"{quant.name}; the exact file size would be more precise."
        )
    seconds = _decode(setup, plan)
    decode: Range | None = None
    offloaded = plan.placement in (PLACEMENT_PARTIAL, PLACEMENT_EXPERTS_CPU)
    if seconds is not None:
        decode = decode_range(
            seconds,
            setup.device_class if hw.kind != "cpu" else "cpu",
            offloaded=offloaded or (plan.placement == PLACEMENT_CPU and hw.kind != "cpu"),
        )
    elif plan.placement != PLACEMENT_NONE:
        if hw.bandwidth_gbs is None and hw.kind != "cpu":
            unknowns.append("hardware.bandwidth_gbs")
            assumptions.append("Memory bandwidth is unknown, so no speed is estimated.")
        elif setup.cpu_bandwidth is None:
            unknowns.append("hardware.system_ram_bandwidth_gbs")
            assumptions.append(
                "System RAM bandwidth is unknown, so the speed of the "
                "offloaded part (and the total) is not estimated."
            )
    if hw.kind == "gpu" and hw.system_ram_gb is None and plan.placement == PLACEMENT_NONE:
        unknowns.append("hardware.system_ram_gb")

    prefill, ttft = _prefill(setup, plan, decode, assumptions, unknowns)
    tier = _tier(setup, plan, seconds)
    reasons = _reasons(setup, plan, decode, tier)
    if not DECODE[setup.device_class].calibrated and decode is not None:
        assumptions.append(
            f"No measured benchmarks calibrate the {setup.device_class} class yet, so the "
            "speed range is wide."
        )
    max_context = _max_context(setup, quant, plan.placement)
    if model.max_context is None:
        assumptions.append(
            f"The model's maximum context is unknown; the largest context searched is "
            f"{DEFAULT_CONTEXT_CAP:,} tokens."
        )
    best = _best_quant(setup)
    commands = build_commands(
        request=request,
        placement=plan.placement,
        gpu_layers=plan.gpu_layers,
        cpu_moe_layers=plan.cpu_moe_layers,
        flash_attention=setup.flash_attention,
        apple_limit_mb=_apple_limit_hint(request, plan),
    )
    return FitResult(
        verdict=tier,
        placement=plan.placement,
        gpu_layers=plan.gpu_layers,
        total_layers=model.layers,
        cpu_moe_layers=plan.cpu_moe_layers,
        memory=plan.memory,
        decode_tokens_per_s=decode,
        prefill_tokens_per_s=prefill,
        ttft_s=ttft,
        max_context=max_context,
        best_quant=best,
        evidence=evidence,
        device_class=setup.device_class,
        reasons=tuple(reasons),
        assumptions=tuple(dict.fromkeys(assumptions)),
        unknowns=tuple(dict.fromkeys(unknowns)),
        commands=commands,
    )


def _apple_limit_hint(request: FitRequest, plan: _Plan) -> int | None:
    """MB to wire on a Mac when raising the GPU limit would avoid offloading."""
    hw = request.hardware
    if hw.kind != "apple" or plan.placement == PLACEMENT_GPU:
        return None
    needed = plan.memory.total + COMFORT_HEADROOM_BYTES
    # Leave the OS at least 4 GB, or the Mac starts swapping.
    ceiling = hw.memory_gb * GIB - 4 * GIB
    if needed > ceiling:
        return None
    return int(math.ceil(needed / (1 << 20) / 1024) * 1024)


def _prefill(
    setup: _Setup,
    plan: _Plan,
    decode: Range | None,
    assumptions: list[str],
    unknowns: list[str],
) -> tuple[Range | None, Range | None]:
    request = setup.request
    hw = request.hardware
    if plan.placement == PLACEMENT_NONE:
        return None, None
    if hw.fp16_tflops is None:
        unknowns.append("hardware.fp16_tflops")
        assumptions.append(
            "FP16 compute (TFLOPS) is unknown, so prompt processing speed and "
            "time to first token are not estimated."
        )
        return None, None
    cpu_side = plan.placement == PLACEMENT_CPU
    if hw.kind == "apple" and plan.placement in (PLACEMENT_PARTIAL, PLACEMENT_CPU):
        assumptions.append(
            "Layers on the Mac's CPU have no FLOPS figure, so prompt "
            "processing speed is not estimated."
        )
        return None, None
    if cpu_side and hw.kind != "cpu":
        # llama.cpp still pushes big prompt batches through the GPU, streaming weights.
        cpu_side = False
    device_class = "cpu" if hw.kind == "cpu" else setup.device_class
    rate = prefill_tokens_per_second(
        device_class=device_class,
        quant_family=plan.quant.family,
        tflops=hw.fp16_tflops,
        devices=hw.count,
        tensor_parallel=setup.tensor_parallel,
        flops_per_token=_flops_per_token(setup),
    )
    streamed = 0.0
    if plan.placement in (PLACEMENT_PARTIAL, PLACEMENT_CPU) and hw.kind == "gpu":
        streamed = plan.memory.system_ram_needed
    elif plan.placement == PLACEMENT_EXPERTS_CPU:
        split = _moe_split(setup, plan.device_weights)
        streamed = split[0] * plan.cpu_moe_layers / request.model.layers if split else 0.0
    constants = PREFILL[device_class]
    prompt = request.prompt_tokens
    if prompt:
        seconds = prompt_seconds(
            prompt_tokens=prompt, prefill_rate=rate, ubatch=setup.ubatch, streamed_bytes=streamed
        )
        effective = prompt / seconds
    else:
        effective = rate
    prefill = Range(effective * constants.spread_low, effective, effective * constants.spread_high)
    if decode is None:
        return prefill, None

    def ttft(rate_: float, speed: float) -> float:
        return (prompt / rate_ if prompt else 0.0) + 1 / speed

    return prefill, Range(
        ttft(prefill.high, decode.high),
        ttft(prefill.expected, decode.expected),
        ttft(prefill.low, decode.low),
    )
