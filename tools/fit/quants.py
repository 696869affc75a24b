"""
Effective storage cost of each weight format.

A quantization's *nominal* bit count understates the file: block scales,
minimums and the higher-precision tensors that quantizers keep (output head,
embeddings, some attention tensors) add 10-25 %. So every entry here is an
*effective* bits-per-weight: file bytes x 8 / parameters, read off real files.

Sources, per family:
- GGUF k-quants and legacy quants: sizes printed by llama.cpp's `llama-quantize`
  help table for Llama-3-8B (e.g. Q4_K_M 4.58 GiB for 8.03 B parameters = 4.90
  bpw) and public Llama-3/3.3-70B GGUF file sizes (Q4_K_M 42.5 GB = 4.82 bpw).
  Small models sit at the top of each range (their embedding/output share is
  larger), big ones at the bottom; the table uses the middle.
- I-quants: llama.cpp's quantize listing (tensor bpw) plus the same ~0.1 bpw
  for the higher-precision head.
- MLX: mlx-lm's affine quantization, group size 64, one fp16 scale and one fp16
  bias per group: 4 + 32/64 = 4.5 and 8 + 32/64 = 8.5 bpw.
- AWQ / GPTQ (group size 128, fp16 scale + packed 4-bit zero per group:
  4 + 20/128 ≈ 4.16 bpw) quantize only the linear layers; embeddings and the
  head stay 16-bit. FP8 (E4M3, per-channel scales) likewise keeps them 16-bit.
- EXL2: the user picks the average bpw of the linear layers; the embedding
  table stays fp16.
"""

import re
from dataclasses import dataclass
from typing import Final

from tools.fit.errors import FitInputError


@dataclass(frozen=True)
class Quant:
    name: str
    # Whole-file effective bits per weight when `embedding_bits` is None;
    # otherwise the bits of the quantized linear layers only.
    bits_per_weight: float
    family: str
    # Bits of the embedding/output tables when the format leaves them
    # unquantized (AWQ, GPTQ, FP8, EXL2); None means "already averaged in".
    embedding_bits: float | None = None
    # Whole-file estimate for when the model's vocab/hidden size is unknown.
    fallback_bits_per_weight: float | None = None

    @property
    def file_bits_per_weight(self) -> float:
        return self.fallback_bits_per_weight or self.bits_per_weight


# Families, used by the speed model: dequantization cost differs per family.
FLOAT: Final = "float"
K_QUANT: Final = "k-quant"
# Q2_K/Q3_K unpack 2-3-bit fields with extra shifts and masks: their kernels
# run out of ALU before bandwidth (measured slower than Q4_0 on an RTX 3090).
K_QUANT_LOW: Final = "k-quant-low"
I_QUANT: Final = "i-quant"
LEGACY: Final = "legacy"
MLX: Final = "mlx"
AWQ: Final = "awq"
GPTQ: Final = "gptq"
FP8: Final = "fp8"
EXL2: Final = "exl2"

_TABLE: Final[tuple[Quant, ...]] = (
    Quant("F32", 32.0, FLOAT),
    Quant("F16", 16.0, FLOAT),
    Quant("BF16", 16.0, FLOAT),
    # llama-quantize: 7.96 GiB for Llama-3-8B; 70B files 75.0 GB (8.50 bpw).
    Quant("Q8_0", 8.5, LEGACY),
    # 6.14 GiB @ 8B (6.57), 57.9 GB @ 70B (6.56).
    Quant("Q6_K", 6.59, K_QUANT),
    # 5.33 GiB @ 8B (5.70), 49.9 GB @ 70B (5.66).
    Quant("Q5_K_M", 5.69, K_QUANT),
    Quant("Q5_K_S", 5.54, K_QUANT),
    Quant("Q5_1", 6.04, LEGACY),
    Quant("Q5_0", 5.54, LEGACY),
    # 4.58 GiB @ 8B (4.90), 42.5 GB @ 70B (4.82).
    Quant("Q4_K_M", 4.86, K_QUANT),
    Quant("Q4_K_S", 4.62, K_QUANT),
    Quant("Q4_1", 5.08, LEGACY),
    # 4.34 GiB @ 8B (4.64), 40.0 GB @ 70B (4.54).
    Quant("Q4_0", 4.55, LEGACY),
    Quant("IQ4_XS", 4.30, I_QUANT),
    Quant("IQ4_NL", 4.55, I_QUANT),
    Quant("Q3_K_L", 4.25, K_QUANT_LOW),
    # 3.74 GiB @ 8B (4.00), 34.3 GB @ 70B (3.89).
    Quant("Q3_K_M", 3.91, K_QUANT_LOW),
    Quant("Q3_K_S", 3.55, K_QUANT_LOW),
    Quant("IQ3_M", 3.76, I_QUANT),
    Quant("IQ3_XXS", 3.16, I_QUANT),
    # 2.96 GiB @ 8B (3.17), 26.4 GB @ 70B (2.99): Q2_K keeps many tensors
    # at 3-4 bits, so it is ~3 bpw, not 2.6.
    Quant("Q2_K", 3.0, K_QUANT_LOW),
    Quant("IQ2_M", 2.76, I_QUANT),
    Quant("IQ2_XS", 2.41, I_QUANT),
    Quant("IQ2_XXS", 2.16, I_QUANT),
    Quant("IQ1_M", 1.85, I_QUANT),
    Quant("MLX-8bit", 8.5, MLX),
    Quant("MLX-6bit", 6.5, MLX),
    Quant("MLX-4bit", 4.5, MLX),
    Quant("MLX-3bit", 3.5, MLX),
    # Llama-3-8B AWQ checkpoints are 5.7 GB (fp16 embeddings dominate);
    # 70B ones ~4.5 bpw overall. Fallback is for unknown vocab/hidden sizes.
    Quant("AWQ-INT4", 4.16, AWQ, embedding_bits=16.0, fallback_bits_per_weight=4.7),
    Quant("GPTQ-INT4", 4.16, GPTQ, embedding_bits=16.0, fallback_bits_per_weight=4.7),
    Quant("GPTQ-INT8", 8.16, GPTQ, embedding_bits=16.0, fallback_bits_per_weight=8.6),
    Quant("FP8", 8.06, FP8, embedding_bits=16.0, fallback_bits_per_weight=8.6),
)

QUANTS: Final[dict[str, Quant]] = {q.name.upper(): q for q in _TABLE}

# Spellings users paste from model cards and runtimes.
_ALIASES: Final[dict[str, str]] = {
    "FP16": "F16",
    "FP32": "F32",
    "Q8": "Q8_0",
    "Q6": "Q6_K",
    "Q5_K": "Q5_K_M",
    "Q4_K": "Q4_K_M",
    "Q4": "Q4_K_M",
    "Q3_K": "Q3_K_M",
    "MLX-4BITS": "MLX-4bit",
    "MLX-8BITS": "MLX-8bit",
    "MLX4": "MLX-4bit",
    "MLX8": "MLX-8bit",
    "AWQ": "AWQ-INT4",
    "GPTQ": "GPTQ-INT4",
    "INT4-AWQ": "AWQ-INT4",
    "INT4-GPTQ": "GPTQ-INT4",
    "FP8-E4M3": "FP8",
}

_EXL2 = re.compile(r"^EXL2[-_ ]?(\d+(?:\.\d+)?)\s*(?:BPW)?$")

# Quality ladder for "best quant that fits", highest quality first. Only
# formats every llama.cpp-family runtime serves; FP16 on top.
GGUF_LADDER: Final[tuple[str, ...]] = (
    "F16",
    "Q8_0",
    "Q6_K",
    "Q5_K_M",
    "Q4_K_M",
    "IQ4_XS",
    "Q3_K_M",
    "IQ3_XXS",
    "Q2_K",
    "IQ2_XXS",
)
MLX_LADDER: Final[tuple[str, ...]] = (
    "BF16",
    "MLX-8bit",
    "MLX-6bit",
    "MLX-4bit",
    "MLX-3bit",
)
VLLM_LADDER: Final[tuple[str, ...]] = ("BF16", "FP8", "AWQ-INT4")
EXL2_LADDER: Final[tuple[str, ...]] = (
    "EXL2-8.0bpw",
    "EXL2-6.0bpw",
    "EXL2-5.0bpw",
    "EXL2-4.0bpw",
    "EXL2-3.0bpw",
    "EXL2-2.5bpw",
)


def lookup_quant(name: str, *, field: str = "quant") -> Quant:
    """Resolve a quant name (case-insensitive, common aliases, EXL2-<bpw>)."""
    key = name.strip().upper().replace(" ", "_")
    key = _ALIASES.get(key, key).upper()
    if key in QUANTS:
        return QUANTS[key]
    match = _EXL2.match(key.replace("_", "-"))
    if match:
        bits = float(match.group(1))
        if not 1.5 <= bits <= 8.5:
            raise FitInputError(field, "EXL2 bits per weight must be between 1.5 and 8.5.")
        # fp16 embeddings on top of the chosen linear-layer bpw.
        return Quant(
            f"EXL2-{bits:g}bpw",
            bits,
            EXL2,
            embedding_bits=16.0,
            fallback_bits_per_weight=bits + 0.25,
        )
    raise FitInputError(field, f"Unknown quantization {name!r}.")
