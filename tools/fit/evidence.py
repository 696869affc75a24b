"""
Evidence labels: how much of an answer rests on a measurement.

The engine's own numbers are always "estimated". The catalog upgrades the
label when it holds benchmarks for the same set-up:
- measured: a reproduced benchmark of exactly this model, quant, hardware and
  runtime (and context, when both sides state one);
- measured-near: a reproduced benchmark of this model on this hardware, with
  another quant, runtime or context;
- community: a matching benchmark that is cited but not reproduced;
- estimated: nothing relevant was measured.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

MEASURED: Final = "measured"
MEASURED_NEAR: Final = "measured-near"
COMMUNITY: Final = "community"
ESTIMATED: Final = "estimated"


@dataclass(frozen=True, kw_only=True)
class BenchmarkObservation:
    model_key: str
    quant: str
    hardware_key: str
    runtime: str
    context: int | None = None
    decode_tokens_per_s: float | None = None
    prefill_tokens_per_s: float | None = None
    source: str = ""
    reproduced: bool = True


def _same(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def evidence_label(
    *,
    observations: Iterable[BenchmarkObservation],
    model_key: str,
    quant: str,
    hardware_key: str,
    runtime: str,
    context: int | None = None,
) -> str:
    """The strongest label the observations support for this set-up."""
    best = ESTIMATED
    for seen in observations:
        if not (_same(seen.model_key, model_key) and _same(seen.hardware_key, hardware_key)):
            continue
        if not seen.reproduced:
            best = COMMUNITY if best == ESTIMATED else best
            continue
        exact = (
            _same(seen.quant, quant)
            and _same(seen.runtime, runtime)
            and (context is None or seen.context is None or seen.context == context)
        )
        if exact:
            return MEASURED
        best = MEASURED_NEAR
    return best
