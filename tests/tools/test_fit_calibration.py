import csv
from pathlib import Path

import pytest

from tools.fit import FitRequest, HardwareSpec, ModelSpec, estimate
from tools.fit.calibration import (
    KNOWN_MODELS,
    calibration_report,
    format_report,
    parse_calibration_rows,
    refit_constants,
)
from tools.fit.constants import DECODE, MULTI_DEVICE_HOP_SECONDS

PACKAGE_DATA = Path(__file__).resolve().parents[2] / "tools" / "fit" / "data"
# CI clones the repository with shared/ beside it; the package copy is preferred.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def read(name: str) -> list[dict[str, str]]:
    for folder in (PACKAGE_DATA, SHARED_DATA):
        if (folder / name).exists():
            with open(folder / name, newline="") as handle:
                return list(csv.DictReader(handle))
    pytest.fail(f"{name} not found: the calibration data ships in tools/fit/data/")


@pytest.fixture(scope="module")
def raw_rows():
    return read("llm-benchmarks-calibration.csv")


@pytest.fixture(scope="module")
def rows(raw_rows):
    return parse_calibration_rows(raw_rows, read("hardware-specs.csv"))


@pytest.fixture(scope="module")
def report(rows):
    return {(group.metric, group.group): group for group in calibration_report(rows)}


def test_decode_median_error_is_at_most_10_percent(report):
    overall = report[("decode", "all")]

    assert overall.n >= 100, format_report(report.values())
    assert overall.median_abs_pct_error <= 10, format_report(report.values())


def test_decode_is_within_25_percent_for_at_least_85_percent_of_rows(report):
    assert report[("decode", "all")].within_25_pct >= 85, format_report(report.values())


def test_every_calibrated_decode_class_is_within_15_percent_median(report):
    for (metric, _group), result in report.items():
        if metric == "decode" and result.n >= 5:
            assert result.median_abs_pct_error <= 15, format_report(report.values())


def test_multi_gpu_layer_split_rows_are_predicted_by_the_one_device_rule(report):
    multi = report[("decode", "multi-gpu")]

    assert multi.n >= 30
    assert multi.median_abs_pct_error <= 10, format_report(report.values())


def test_prefill_median_error_is_at_most_25_percent(report):
    overall = report[("prefill", "all")]

    assert overall.n >= 50, format_report(report.values())
    assert overall.median_abs_pct_error <= 25, format_report(report.values())


def test_refit_reproduces_the_stored_constants(rows):
    fitted = refit_constants(rows)

    for device_class in ("nvidia-consumer", "nvidia-datacenter", "apple"):
        assert fitted.decode[device_class].eta == pytest.approx(DECODE[device_class].eta, rel=0.02)
        assert fitted.decode[device_class].tau == pytest.approx(DECODE[device_class].tau, rel=0.05)
    assert fitted.multi_device_hop_seconds == pytest.approx(MULTI_DEVICE_HOP_SECONDS, rel=0.05)


def test_refit_keeps_priors_for_classes_without_enough_rows(rows):
    fitted = refit_constants(rows)

    assert fitted.decode["cpu"] == DECODE["cpu"]
    assert fitted.decode["amd"] == DECODE["amd"]


def vram_rows(raw_rows):
    for row in raw_rows:
        if row["measured_vram_gb"] and row["model"].lower() in KNOWN_MODELS:
            yield row


def test_memory_model_matches_llama_cpp_buffer_allocations(raw_rows):
    checked = 0
    for row in vram_rows(raw_rows):
        count = int(row["hardware"].split("x ")[0]) if "x " in row["hardware"][:3] else 1
        model = ModelSpec(
            params_b=float(row["params_b"]),
            file_size_bytes=int(float(row["model_file_gb"]) * 2**30),
            **KNOWN_MODELS[row["model"].lower()],
        )
        kind = "apple" if row["hardware"].startswith("Apple") else "gpu"
        hardware = HardwareSpec(
            kind=kind,
            memory_gb=float(row["hardware_memory_gb"]) / count,
            bandwidth_gbs=float(row["memory_bandwidth_gbs"]),
            count=count,
        )
        request = FitRequest(
            model=model,
            hardware=hardware,
            quant=row["quant"],
            context=int(row["ctx"]),
            flash_attention=False,
        )

        memory = estimate(request).memory
        engine_gib = (memory.weights + memory.kv_cache + memory.compute) / 2**30

        assert engine_gib == pytest.approx(float(row["measured_vram_gb"]), rel=0.03), row[
            "hardware"
        ]
        checked += 1
    assert checked >= 20
