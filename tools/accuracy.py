"""
The engine's accuracy against the measurements the project ships.

Shared by the methodology page and the `calibrate_engine` command, so the table
readers see is exactly what the command prints.
"""

import csv
from functools import lru_cache
from pathlib import Path

from tools.fit import calibration

BENCHMARKS_CSV = (
    Path(__file__).resolve().parent.parent / "catalog" / "content" / ("benchmarks-llama-cpp.csv")
)
HARDWARE_CSV = Path(__file__).resolve().parent / "fit" / "data" / "hardware-specs.csv"


def _read(path):
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def calibration_rows():
    return calibration.parse_calibration_rows(_read(BENCHMARKS_CSV), _read(HARDWARE_CSV))


@lru_cache(maxsize=1)
def report():
    """Per metric and device group: n, median absolute % error, share within ±25 %."""
    return tuple(calibration.calibration_report(calibration_rows()))
