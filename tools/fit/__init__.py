"""
The fit engine: will this model run on this hardware, and how well?

Pure Python, no Django. Build a `FitRequest` (or parse the batch JSON shape
with `request_from_dict`) and call `estimate()`; the `FitResult` carries the
memory breakdown, placement, verdict, speed ranges, max context, best quant,
commands and every assumption made. Physics in memory.py and speed.py,
calibration in constants.py/calibration.py, quant sizes in quants.py.

Batch JSON shape::

    {"model": {"params_b": 8.03, "layers": 32, "attention_heads": 32,
               "kv_heads": 8, "hidden_size": 4096, "vocab_size": 128256, ...},
     "quant": "Q4_K_M", "context": 4096, "depth": 0, "prompt_tokens": 512,
     "kv_cache_type": "f16", "runtime": "llama.cpp", "backend": "cuda",
     "hardware": {"kind": "gpu", "memory_gb": 24, "bandwidth_gbs": 1008,
                  "fp16_tflops": 165, "count": 1, "system_ram_gb": 64,
                  "system_ram_bandwidth_gbs": 80}}
"""

from tools.fit.engine import COMFORTABLE, TRADE_OFFS, WONT_RUN, FitResult, MemoryBreakdown, estimate
from tools.fit.errors import FitInputError
from tools.fit.evidence import BenchmarkObservation, evidence_label
from tools.fit.inputs import FitRequest, HardwareSpec, ModelSpec, request_from_dict
from tools.fit.quants import QUANTS, Quant, lookup_quant
from tools.fit.speed import Range

__all__ = [
    "COMFORTABLE",
    "QUANTS",
    "TRADE_OFFS",
    "WONT_RUN",
    "BenchmarkObservation",
    "FitInputError",
    "FitRequest",
    "FitResult",
    "HardwareSpec",
    "MemoryBreakdown",
    "ModelSpec",
    "Quant",
    "Range",
    "estimate",
    "evidence_label",
    "lookup_quant",
    "request_from_dict",
]
