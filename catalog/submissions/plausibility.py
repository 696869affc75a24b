"""
Plausibility checks on a reader's benchmark, against the fit engine and the log itself.

Plain Python with no Django imports: callers pass the engine's answer for the
submitted set-up (see services.engine_view) and the parsed log. A check never
rejects a submission; it returns flags with reasons, which reviewers see in the
admin before anything is published. The thresholds are stated on
/benchmarks/methodology/.
"""

from dataclasses import dataclass
from decimal import Decimal

from .parsers import ParsedLog, quant_family

# "Far outside" the engine's range: more than twice its optimistic end, or less
# than half its pessimistic end. The engine's range already spans its calibration
# error, so a measurement beyond these bounds is a mistake (wrong model, quant,
# offload, test) more often than a surprise.
FAR_FACTOR = 2.0
GIB = 2**30


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str


@dataclass(frozen=True)
class EngineView:
    """What the fit engine says about the submitted set-up."""

    device_name: str
    decode_range: tuple[float, float] | None = None  # (low, high) tok/s
    prefill_range: tuple[float, float] | None = None
    # Weights read for one generated token (active weights for a mixture of experts).
    bytes_per_token: float | None = None
    bandwidth_gbs: float | None = None  # per device
    devices: int = 1
    memory_gb_total: float | None = None  # GB = 1e9 bytes, as vendors quote it


def check_speeds(
    *, decode: Decimal | None, prefill: Decimal | None, engine: EngineView
) -> list[Flag]:
    flags = []
    if decode is not None:
        flags += _check_decode(float(decode), engine)
    if prefill is not None and engine.prefill_range:
        low, high = engine.prefill_range
        flags += _outside("prefill", float(prefill), low, high)
    return flags


def _check_decode(decode: float, engine: EngineView) -> list[Flag]:
    if engine.bytes_per_token and engine.bandwidth_gbs:
        # Every generated token reads the (active) weights once; no runtime can
        # beat the memory bus, even with all devices reading in parallel.
        ceiling = engine.devices * engine.bandwidth_gbs * 1e9 / engine.bytes_per_token
        if decode > ceiling:
            needed = decode * engine.bytes_per_token / 1e9 / engine.devices
            return [
                Flag(
                    "beyond-bandwidth",
                    f"Decode {decode:g} tok/s is faster than the memory bandwidth allows: "
                    f"reading {engine.bytes_per_token / 1e9:.2f} GB of weights per token "
                    f"needs {needed:,.0f} GB/s per device, and {engine.device_name} has "
                    f"{engine.bandwidth_gbs:,.0f} GB/s (ceiling {ceiling:,.1f} tok/s).",
                )
            ]
    if engine.decode_range:
        low, high = engine.decode_range
        return _outside("decode", decode, low, high)
    return []


def _outside(what: str, value: float, low: float, high: float) -> list[Flag]:
    if value > high * FAR_FACTOR:
        return [
            Flag(
                f"{what}-high",
                f"{what.capitalize()} {value:g} tok/s is more than {FAR_FACTOR:g}× the "
                f"engine's highest estimate ({high:,.1f} tok/s; range {low:,.1f}–{high:,.1f}).",
            )
        ]
    if value < low / FAR_FACTOR:
        return [
            Flag(
                f"{what}-low",
                f"{what.capitalize()} {value:g} tok/s is less than half the engine's lowest "
                f"estimate ({low:,.1f} tok/s; range {low:,.1f}–{high:,.1f}): offloaded, "
                "throttled, or another set-up?",
            )
        ]
    return []


def check_memory(*, vram_used_gib: Decimal | None, engine: EngineView) -> list[Flag]:
    if vram_used_gib is None or not engine.memory_gb_total:
        return []
    available_gib = engine.memory_gb_total * 1e9 / GIB
    if float(vram_used_gib) > available_gib:
        return [
            Flag(
                "vram-over-capacity",
                f"Reports {vram_used_gib} GiB of VRAM used, but {engine.device_name} has "
                f"{available_gib:.1f} GiB.",
            )
        ]
    return []


def check_log(
    parsed: ParsedLog, *, quantization: str | None, backend: str, backend_label: str
) -> list[Flag]:
    """Where the log contradicts the form (beyond the speeds, which the form enforces)."""
    if not parsed.recognised:
        return [
            Flag(
                "log-not-recognised",
                "The pasted output is not in a format the site reads (llama-bench, "
                "ollama --verbose, llama.cpp timings): check the speeds against it by hand.",
            )
        ]
    flags = []
    if quantization and parsed.quant and quant_family(parsed.quant) != quant_family(quantization):
        flags.append(
            Flag(
                "log-quant",
                f"The log's model is {parsed.model_type!r} ({parsed.quant}), "
                f"but the form says {quantization}.",
            )
        )
    if parsed.backend and backend_label.lower() not in parsed.backend.lower():
        # llama-bench writes e.g. "CUDA", "Metal,BLAS", "Vulkan", "CPU".
        flags.append(
            Flag(
                "log-backend",
                f"The log's backend is {parsed.backend!r}, but the form says {backend_label}.",
            )
        )
    if parsed.gpu_layers == 0 and backend != "cpu":
        flags.append(
            Flag(
                "log-cpu-only",
                "The log ran with 0 GPU layers (-ngl 0): the model ran on the CPU, "
                f"not on {backend_label}.",
            )
        )
    return flags
