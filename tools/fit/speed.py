"""
Speed model: decode is memory-bound, prefill is compute-bound.

Decode (one token at a time) must stream every active weight and the KV cache
written so far through the memory bus once per token, so

    seconds/token = layers x tau + bytes / (eta x bandwidth)

`tau` is a fixed per-layer cost (kernel launches, synchronisation, graph
scheduling) that dominates small models on fast GPUs; `eta` is the share of
the spec bandwidth the kernels reach, which depends on the device class and
on how expensive the quant family is to dequantize. Both come from
calibration.py. Partial offload adds the CPU's share at RAM bandwidth; a
llama.cpp layer split runs the devices one after another (capacity adds,
speed does not) plus a small hand-off per extra device; tensor parallelism
splits every layer's bytes across devices but pays two all-reduces per layer,
which is why 2 GPUs give ~1.7x, not 2x.

Prefill (the prompt, in batches) is matrix-matrix work:

    tokens/s = eta_c x FP16 FLOPS / (2 x active params + attention FLOPs)

saturating at a per-class ceiling (small batches cannot fill the largest GPUs
in llama.cpp). When layers sit in system RAM, llama.cpp streams them over
PCIe for every batch, which usually dominates.
"""

import math
from dataclasses import dataclass
from typing import Final

from tools.fit.constants import (
    ALLREDUCE_SECONDS,
    BACKEND_FACTOR,
    CPU_DECODE,
    DECODE,
    MULTI_DEVICE_HOP_SECONDS,
    PCIE_BYTES_PER_SECOND,
    PREFILL,
    quant_factor,
)


@dataclass(frozen=True)
class Range:
    low: float
    expected: float
    high: float

    def scaled(self, factor: float) -> "Range":
        return Range(self.low * factor, self.expected * factor, self.high * factor)


@dataclass(frozen=True)
class DecodeWork:
    """Per-token work, split by where it happens."""

    gpu_layers: float
    gpu_bytes: float
    cpu_layers: float
    cpu_bytes: float
    devices: int
    tensor_parallel: bool


def decode_seconds(
    *,
    work: DecodeWork,
    device_class: str,
    quant_family: str,
    backend: str,
    gpu_bandwidth_gbs: float,
    cpu_bandwidth_gbs: float | None,
) -> float | None:
    """Expected seconds per generated token, or None when a bandwidth is missing."""
    seconds = 0.0
    if work.gpu_layers > 0 or work.gpu_bytes > 0:
        constants = DECODE[device_class]
        eta = (
            constants.eta
            * quant_factor(device_class, quant_family)
            * BACKEND_FACTOR.get((device_class, backend), 1.0)
        )
        bandwidth = gpu_bandwidth_gbs * 1e9 * eta
        if work.tensor_parallel and work.devices > 1:
            seconds += work.gpu_layers * (constants.tau + 2 * ALLREDUCE_SECONDS)
            seconds += work.gpu_bytes / (bandwidth * work.devices)
        else:
            seconds += work.gpu_layers * constants.tau + work.gpu_bytes / bandwidth
            seconds += MULTI_DEVICE_HOP_SECONDS * math.log2(work.devices)
    if work.cpu_layers > 0 or work.cpu_bytes > 0:
        if cpu_bandwidth_gbs is None:
            return None
        eta = CPU_DECODE.eta * quant_factor("cpu", quant_family)
        seconds += work.cpu_layers * CPU_DECODE.tau
        seconds += work.cpu_bytes / (cpu_bandwidth_gbs * 1e9 * eta)
    return seconds if seconds > 0 else None


def decode_range(seconds: float, device_class: str, *, offloaded: bool) -> Range:
    constants = DECODE[device_class]
    low, high = constants.spread_low, constants.spread_high
    if offloaded:
        # The CPU side is not calibrated on measured rows: widen the band.
        low, high = low * 0.8, high * 1.15
    expected = 1 / seconds
    return Range(expected * low, expected, expected * high)


def prefill_tokens_per_second(
    *,
    device_class: str,
    quant_family: str,
    tflops: float,
    devices: int,
    tensor_parallel: bool,
    flops_per_token: float,
) -> float:
    constants = PREFILL[device_class]
    scale = devices**0.85 if tensor_parallel and devices > 1 else 1.0
    raw = constants.eta * quant_factor(device_class, quant_family, prefill=True) * tflops * 1e12
    ceiling = constants.ceiling_tflops * 1e12
    effective = scale / (1 / raw + 1 / ceiling)
    return effective / flops_per_token


def prompt_seconds(
    *, prompt_tokens: int, prefill_rate: float, ubatch: int, streamed_bytes: float
) -> float:
    """Time to process the prompt, including PCIe streaming of offloaded weights."""
    batches = math.ceil(prompt_tokens / ubatch) if prompt_tokens else 0
    return prompt_tokens / prefill_rate + batches * streamed_bytes / PCIE_BYTES_PER_SECOND


PREFILL_SPREAD_LOW: Final = 0.7
PREFILL_SPREAD_HIGH: Final = 1.3
