"""
Fitted speed constants (see speed.py for the formulas they feed).

Produced by `tools.fit.calibration.refit_constants()` on the measured
llama.cpp rows in data/llm-benchmarks-calibration.csv and pasted here, so the
engine needs no data file at run time. Classes marked calibrated=False had no
(or too few) measured rows: their values are physical priors (published
llama.cpp behaviour), and their ranges are wider to say so.
"""

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class DecodeConstants:
    tau: float  # seconds of fixed cost per layer per token
    eta: float  # share of spec bandwidth reached on f16 weights
    spread_low: float  # measured/predicted at the 10th percentile
    spread_high: float  # measured/predicted at the 90th percentile
    calibrated: bool


@dataclass(frozen=True)
class PrefillConstants:
    eta: float  # share of dense FP16 tensor FLOPS reached on f16 weights
    ceiling_tflops: float  # effective FLOPS llama.cpp cannot exceed on this class
    spread_low: float
    spread_high: float
    calibrated: bool


DECODE: Final[dict[str, DecodeConstants]] = {
    "nvidia-consumer": DecodeConstants(9.11e-05, 0.903, 0.900, 1.100, True),
    "nvidia-datacenter": DecodeConstants(0.000118, 0.613, 0.835, 1.100, True),
    "amd": DecodeConstants(6e-05, 0.750, 0.750, 1.250, False),
    "intel": DecodeConstants(0.0001, 0.600, 0.650, 1.350, False),
    "apple": DecodeConstants(0.000177, 0.863, 0.783, 1.100, True),
    "cpu": DecodeConstants(2e-05, 0.600, 0.700, 1.300, False),
}
CPU_DECODE: Final = DECODE["cpu"]

PREFILL: Final[dict[str, PrefillConstants]] = {
    "nvidia-consumer": PrefillConstants(0.63, 400.0, 0.754, 1.186, True),
    "nvidia-datacenter": PrefillConstants(0.84, 250.0, 0.689, 1.299, True),
    "amd": PrefillConstants(0.35, 150.0, 0.600, 1.400, False),
    "intel": PrefillConstants(0.25, 100.0, 0.500, 1.500, False),
    "apple": PrefillConstants(0.84, 150.0, 0.850, 1.150, True),
    "cpu": PrefillConstants(0.50, 1000.0, 0.500, 1.500, False),
}

# Efficiency of each quant family relative to f16, per platform: the same
# bytes cost more when each weight must be unpacked, and weaker GPUs (Apple)
# pay more for it. (platform, family) -> factor on eta. Fitted where the CSV
# has rows (gpu float/k-quant/k-quant-low, apple float/k-quant); gpu legacy
# is tied to k-quant; the rest are priors: Apple legacy 0.95 because Q4_0/Q8_0
# run near f16 efficiency in llama.cpp's Apple-silicon benchmark thread
# (ggml-org/llama.cpp discussion 4167), i-quants pay for codebook lookups.
QUANT_FACTOR: Final[dict[tuple[str, str], float]] = {
    ("gpu", "float"): 1.00,
    ("gpu", "legacy"): 1.02,
    ("gpu", "k-quant"): 1.02,
    ("gpu", "k-quant-low"): 0.41,
    ("gpu", "i-quant"): 0.80,
    ("gpu", "awq"): 0.90,
    ("gpu", "gptq"): 0.90,
    ("gpu", "fp8"): 0.95,
    ("gpu", "exl2"): 0.90,
    ("apple", "float"): 1.00,
    ("apple", "legacy"): 0.95,
    ("apple", "k-quant"): 0.85,
    ("apple", "k-quant-low"): 0.60,
    ("apple", "i-quant"): 0.70,
    ("apple", "mlx"): 0.95,
    ("cpu", "float"): 1.00,
    ("cpu", "legacy"): 0.95,
    ("cpu", "k-quant"): 0.95,
    ("cpu", "i-quant"): 0.80,
}
PREFILL_QUANT_FACTOR: Final[dict[tuple[str, str], float]] = {
    ("gpu", "float"): 1.00,
    ("gpu", "k-quant"): 0.60,
    ("gpu", "legacy"): 0.60,
    ("apple", "float"): 1.00,
    ("apple", "k-quant"): 0.80,
    ("apple", "legacy"): 0.80,
}

# Backends other than each class's native one; vendor-neutral paths trail
# (llama.cpp Vulkan/SYCL threads). Uncalibrated.
BACKEND_FACTOR: Final[dict[tuple[str, str], float]] = {
    ("nvidia-consumer", "vulkan"): 0.9,
    ("nvidia-datacenter", "vulkan"): 0.9,
    ("amd", "vulkan"): 0.95,
    ("intel", "vulkan"): 0.9,
}

# Each extra device in a llama.cpp layer split adds a hand-off per token.
MULTI_DEVICE_HOP_SECONDS: Final = 0.000408
# One all-reduce of a hidden-sized vector over PCIe/NVLink (tensor parallel).
ALLREDUCE_SECONDS: Final = 1.5e-05
# Effective host-to-device copy rate (PCIe 4.0 x16) for offloaded prefill.
PCIE_BYTES_PER_SECOND: Final = 24e9


def _platform(device_class: str) -> str:
    if device_class == "apple":
        return "apple"
    if device_class == "cpu":
        return "cpu"
    return "gpu"


def quant_factor(device_class: str, family: str, *, prefill: bool = False) -> float:
    table = PREFILL_QUANT_FACTOR if prefill else QUANT_FACTOR
    platform = _platform(device_class)
    if (platform, family) in table:
        return table[(platform, family)]
    # Families without a row on this platform: the k-quant cost is the
    # closest measured analogue.
    return table.get((platform, "k-quant"), 0.85)
