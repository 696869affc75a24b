"""
Calibration against measured benchmarks: parse, report, refit.

All functions are pure: they take already-read CSV rows (dicts of strings,
e.g. from csv.DictReader) and return data, so a management command or a test
can wrap them. Predictions go through `estimate()` itself, so the report
measures the engine users see, not a side model.

Rows used: llama.cpp tg128/tg512/tg64 and "eval rate" runs for decode (the
depth is the mean position of the generated tokens), pp512/pp2048 for
prefill. Rows are skipped when the configuration is not modelled (KV cache
forced into system RAM with --no-kv-offload), when the model's architecture
is not in KNOWN_MODELS, or, for prefill, when the hardware has no FP16 FLOPS.
"""

import math
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

from tools.fit import constants as fitted
from tools.fit.constants import DecodeConstants, PrefillConstants
from tools.fit.inputs import FitRequest, HardwareSpec, ModelSpec

GIB: Final = 1 << 30

# Architecture numbers from each model's published config.json.
KNOWN_MODELS: Final[dict[str, dict[str, Any]]] = {
    "meta-llama-3-8b": {
        "layers": 32,
        "attention_heads": 32,
        "kv_heads": 8,
        "head_dim": 128,
        "hidden_size": 4096,
        "vocab_size": 128256,
        "max_context": 8192,
    },
    "meta-llama-3-70b": {
        "layers": 80,
        "attention_heads": 64,
        "kv_heads": 8,
        "head_dim": 128,
        "hidden_size": 8192,
        "vocab_size": 128256,
        "max_context": 8192,
    },
    "llama-7b": {
        "layers": 32,
        "attention_heads": 32,
        "kv_heads": 32,
        "head_dim": 128,
        "hidden_size": 4096,
        "vocab_size": 32000,
        "max_context": 2048,
    },
    "codellama-7b": {
        "layers": 32,
        "attention_heads": 32,
        "kv_heads": 32,
        "head_dim": 128,
        "hidden_size": 4096,
        "vocab_size": 32016,
        "max_context": 16384,
    },
}

# FP32 (= FP16 on Apple GPUs) TFLOPS Apple announced for these chips, used
# only to calibrate prefill on the Mac rows (hardware-specs.csv has none).
APPLE_ANNOUNCED_TFLOPS: Final[dict[str, float]] = {
    "Apple M1 (7-core GPU, 8 GB)": 2.3,  # 8-core M1 is 2.6 TFLOPS; 7/8 of it
    "Apple M1 Max (32-core GPU, 64 GB)": 10.4,
    "Apple M2 Ultra (76-core GPU, 192 GB)": 27.2,
}

DECODE_TESTS: Final = re.compile(r"^(?:test=)?tg(\d+)")


@dataclass(frozen=True)
class CalibrationRow:
    hardware: str
    device_class: str
    count: int
    memory_gb: float  # per device
    bandwidth_gbs: float
    fp16_tflops: float | None
    backend: str
    model: str
    params_b: float
    quant: str
    file_bytes: int | None
    metric: str  # "decode" | "prefill"
    tokens: int  # decode: mean depth; prefill: prompt length
    measured: float
    source: str


@dataclass(frozen=True)
class GroupReport:
    metric: str
    group: str
    n: int
    median_abs_pct_error: float
    within_25_pct: float  # share of rows within ±25 %, 0..100
    worst: tuple[tuple[str, float], ...]  # (row label, % error) for the 3 worst


def _device_class(name: str) -> str:
    if name.startswith("Apple"):
        return "apple"
    if "AMD" in name or "Radeon" in name:
        return "amd"
    if re.search(r"\b(A100|H100|H200|B200|GH200)\b", name):
        return "nvidia-datacenter"
    return "nvidia-consumer"


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _model_key(name: str) -> str | None:
    key = name.strip().lower()
    if key.startswith("llama-3-8b-class"):
        return "meta-llama-3-8b"
    return key if key in KNOWN_MODELS else None


def parse_calibration_rows(
    rows: Iterable[Mapping[str, str]],
    hardware_specs: Iterable[Mapping[str, str]] = (),
) -> list[CalibrationRow]:
    """Turn CSV dicts into rows the engine can predict (see module doc)."""
    tflops_by_key = {
        spec["hardware"]: _float(spec.get("fp16_tensor_tflops_dense")) for spec in hardware_specs
    }
    parsed: list[CalibrationRow] = []
    for row in rows:
        notes = row.get("notes", "")
        if "nkvo=1" in notes:
            continue  # KV cache kept in system RAM: a configuration users rarely pick
        model_key = _model_key(row.get("model", ""))
        measured = _float(row.get("tokens_per_s"))
        bandwidth = _float(row.get("memory_bandwidth_gbs"))
        if model_key is None or measured is None or bandwidth is None:
            continue
        test = row.get("test", "")
        other = re.search(r"test=(\S+)", notes)
        label = other.group(1).rstrip(";,") if test == "other" and other else test
        metric, tokens = _metric(label, notes)
        if metric is None:
            continue
        hardware = row["hardware"]
        count_match = re.match(r"^(\d+)x ", hardware)
        count = int(count_match.group(1)) if count_match else 1
        spec_key = re.search(r"hw_spec_key=(.+)$", notes)
        base = spec_key.group(1).strip() if spec_key else re.sub(r"^\d+x ", "", hardware)
        tflops = tflops_by_key.get(base) or APPLE_ANNOUNCED_TFLOPS.get(hardware)
        if metric == "prefill" and tflops is None:
            continue
        file_gib = _float(row.get("model_file_gb"))
        parsed.append(
            CalibrationRow(
                hardware=hardware,
                device_class=_device_class(hardware),
                count=count,
                memory_gb=float(row["hardware_memory_gb"]) / count,
                bandwidth_gbs=bandwidth,
                fp16_tflops=tflops,
                backend="metal"
                if "Metal" in row.get("backend", "")
                else ("rocm" if "ROCm" in row.get("backend", "") else "cuda"),
                model=model_key,
                params_b=float(row["params_b"]),
                quant=row["quant"],
                file_bytes=int(file_gib * GIB) if file_gib else None,
                metric=metric,
                tokens=tokens,
                measured=measured,
                source=row.get("source_url_or_repo_path", ""),
            )
        )
    return parsed


def _metric(label: str, notes: str) -> tuple[str | None, int]:
    if label.startswith("pp"):
        return "prefill", int(label[2:])
    decode = DECODE_TESTS.match(label)
    if decode:
        return "decode", int(decode.group(1)) // 2
    if label.startswith("eval"):
        generated = re.search(r"generated (\d+) tokens", notes)
        return "decode", (int(generated.group(1)) // 2) if generated else 256
    return None, 0


def request_for_row(row: CalibrationRow) -> FitRequest:
    architecture = KNOWN_MODELS[row.model]
    model = ModelSpec(params_b=row.params_b, file_size_bytes=row.file_bytes, **architecture)
    hardware = HardwareSpec(
        kind="apple" if row.device_class == "apple" else "gpu",
        memory_gb=row.memory_gb,
        bandwidth_gbs=row.bandwidth_gbs,
        fp16_tflops=row.fp16_tflops,
        count=row.count,
        device_class=row.device_class,
        system_ram_gb=256,
        system_ram_bandwidth_gbs=50,
    )
    decode = row.metric == "decode"
    return FitRequest(
        model=model,
        hardware=hardware,
        quant=row.quant,
        context=max(512, row.tokens * 2) if decode else row.tokens,
        depth=row.tokens if decode else 0,
        prompt_tokens=0 if decode else row.tokens,
        backend=row.backend,
        flash_attention=False,
    )


def predict(row: CalibrationRow) -> float | None:
    from tools.fit.engine import estimate

    result = estimate(request_for_row(row))
    speed = result.decode_tokens_per_s if row.metric == "decode" else result.prefill_tokens_per_s
    return speed.expected if speed else None


def _label(row: CalibrationRow) -> str:
    return f"{row.hardware} {row.model} {row.quant} {row.metric}@{row.tokens}"


def calibration_report(rows: Iterable[CalibrationRow]) -> list[GroupReport]:
    """Median absolute % error and share within ±25 %, per metric: overall,
    per device class, and for multi-GPU rows."""
    errors: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for row in rows:
        predicted = predict(row)
        if predicted is None:
            continue
        error = 100 * (predicted - row.measured) / row.measured
        groups = ["all", row.device_class]
        if row.count > 1:
            groups.append("multi-gpu")
        for group in groups:
            errors.setdefault((row.metric, group), []).append((_label(row), error))
    report = []
    for (metric, group), items in sorted(errors.items()):
        absolute = [abs(e) for _, e in items]
        worst = tuple(sorted(items, key=lambda item: -abs(item[1]))[:3])
        report.append(
            GroupReport(
                metric=metric,
                group=group,
                n=len(items),
                median_abs_pct_error=round(statistics.median(absolute), 1),
                within_25_pct=round(100 * sum(a <= 25 for a in absolute) / len(absolute), 1),
                worst=tuple((label, round(e, 1)) for label, e in worst),
            )
        )
    return report


def format_report(report: Iterable[GroupReport]) -> str:
    lines = [f"{'metric':8} {'group':18} {'n':>4} {'median|%|':>10} {'±25%':>6}"]
    for g in report:
        lines.append(
            f"{g.metric:8} {g.group:18} {g.n:4d} {g.median_abs_pct_error:10.1f} "
            f"{g.within_25_pct:6.1f}"
        )
        for label, error in g.worst:
            lines.append(f"{'':10}worst: {error:+.1f}% {label}")
    return "\n".join(lines)


@dataclass(frozen=True)
class FittedConstants:
    decode: dict[str, DecodeConstants]
    prefill: dict[str, PrefillConstants]
    quant_factor: dict[tuple[str, str], float]
    prefill_quant_factor: dict[tuple[str, str], float]
    multi_device_hop_seconds: float


def _solve_two(rows: list[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Least squares a*x1 + b*x2 = y weighted by 1/y (relative error)."""
    s11 = s12 = s22 = s1y = s2y = 0.0
    for x1, x2, y in rows:
        w = 1 / (y * y)
        s11 += w * x1 * x1
        s12 += w * x1 * x2
        s22 += w * x2 * x2
        s1y += w * x1 * y
        s2y += w * x2 * y
    det = s11 * s22 - s12 * s12
    if abs(det) < 1e-30 * max(s11 * s22, 1e-300):
        return None
    a = (s1y * s22 - s2y * s12) / det
    b = (s11 * s2y - s12 * s1y) / det
    return a, b


def _decode_features(row: CalibrationRow) -> tuple[float, float, float] | None:
    """(layers, bytes per token / bandwidth, log2 devices) from the engine's own plan."""
    from tools.fit.engine import _decode_work, _plan, _setup

    request = request_for_row(row)
    setup = _setup(request)
    plan = _plan(setup, request.quant_spec, request.context)
    work = _decode_work(setup, plan)
    if work is None or work.cpu_bytes > 0:
        return None
    return work.gpu_layers, work.gpu_bytes / (row.bandwidth_gbs * 1e9), math.log2(row.count)


def refit_constants(rows: Iterable[CalibrationRow], *, rounds: int = 4) -> FittedConstants:
    """Fit tau/eta per device class, quant-family factors and the multi-GPU
    hop on decode rows, and eta/ceiling per class on prefill rows.

    Classes with fewer than 4 decode rows keep their prior constants. The
    spread of each class becomes its low/high range (10th/90th percentile of
    measured/predicted, at least ±10 %)."""
    rows = list(rows)
    decode_rows = [(row, _decode_features(row)) for row in rows if row.metric == "decode"]
    decode_rows = [(row, f) for row, f in decode_rows if f is not None]
    decode = dict(fitted.DECODE)
    factors = dict(fitted.QUANT_FACTOR)
    hop = fitted.MULTI_DEVICE_HOP_SECONDS

    def platform(device_class: str) -> str:
        return "apple" if device_class == "apple" else "gpu"

    def family(row: CalibrationRow) -> str:
        from tools.fit.quants import lookup_quant

        return lookup_quant(row.quant).family

    def seconds(row: CalibrationRow, f: tuple[float, float, float]) -> float:
        c = decode[row.device_class]
        q = factors.get((platform(row.device_class), family(row)), 1.0)
        return f[0] * c.tau + f[1] / (c.eta * q) + hop * f[2]

    for _ in range(rounds):
        for device_class in {row.device_class for row, _ in decode_rows}:
            mine = [(r, f) for r, f in decode_rows if r.device_class == device_class]
            if len(mine) < 4:
                continue
            points = []
            for r, f in mine:
                q = factors.get((platform(device_class), family(r)), 1.0)
                points.append((f[0], f[1] / q, 1 / r.measured - hop * f[2]))
            solved = _solve_two(points)
            if solved is None or solved[0] < 0 or solved[1] <= 0:
                continue
            tau, inverse_eta = solved
            decode[device_class] = replace(
                decode[device_class], tau=tau, eta=min(1.0, 1 / inverse_eta)
            )
        for key in {(platform(r.device_class), family(r)) for r, _ in decode_rows}:
            if key[1] in ("float", "legacy"):
                # f16 is the reference; legacy blocks (one scale, no sub-blocks)
                # unpack as cheaply as k-quants, so they share its factor
                # instead of inheriting build-to-build noise from three rows.
                continue
            mine = [(r, f) for r, f in decode_rows if (platform(r.device_class), family(r)) == key]
            best = min(
                (q / 100 for q in range(40, 121)),
                key=lambda q: sum(
                    abs(
                        math.log(
                            (
                                f[0] * decode[r.device_class].tau
                                + f[1] / (decode[r.device_class].eta * q)
                                + hop * f[2]
                            )
                            * r.measured
                        )
                    )
                    for r, f in mine
                ),
            )
            factors[key] = best
        # Apple has no legacy-quant rows; its prior (constants.py) stays.
        factors[("gpu", "legacy")] = factors[("gpu", "k-quant")]
        multi = [(r, f) for r, f in decode_rows if r.count > 1]
        if multi:
            residuals = [(1 / r.measured - (seconds(r, f) - hop * f[2])) / f[2] for r, f in multi]
            hop = max(0.0, statistics.median(residuals))

    for device_class in {row.device_class for row, _ in decode_rows}:
        ratios = sorted(
            1 / (seconds(r, f) * r.measured)
            for r, f in decode_rows
            if r.device_class == device_class
        )
        if len(ratios) < 4:
            continue
        low = min(0.9, 1 / _quantile(ratios, 0.9))
        high = max(1.1, 1 / _quantile(ratios, 0.1))
        decode[device_class] = replace(
            decode[device_class], spread_low=round(low, 3), spread_high=round(high, 3)
        )

    prefill, prefill_factors = _refit_prefill([r for r in rows if r.metric == "prefill"])
    return FittedConstants(
        decode={
            k: replace(v, tau=float(f"{v.tau:.3g}"), eta=round(v.eta, 3)) for k, v in decode.items()
        },
        prefill=prefill,
        quant_factor=factors,
        prefill_quant_factor=prefill_factors,
        multi_device_hop_seconds=float(f"{hop:.3g}"),
    )


def _quantile(values: list[float], q: float) -> float:
    position = q * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _refit_prefill(
    rows: list[CalibrationRow],
) -> tuple[dict[str, PrefillConstants], dict[tuple[str, str], float]]:
    """Grid search of eta and ceiling per class on log error, with quantized
    rows scaled by a per-platform factor fitted alongside."""
    from tools.fit.engine import _flops_per_token, _setup
    from tools.fit.quants import lookup_quant

    prefill = dict(fitted.PREFILL)
    factors = dict(fitted.PREFILL_QUANT_FACTOR)
    by_class: dict[str, list[tuple[float, float, str]]] = {}
    for row in rows:
        request = request_for_row(row)
        achieved = row.measured * _flops_per_token(_setup(request)) / 1e12
        assert row.fp16_tflops is not None
        family = lookup_quant(row.quant).family
        by_class.setdefault(row.device_class, []).append((row.fp16_tflops, achieved, family))
    for device_class, points in by_class.items():
        if len(points) < 3:
            continue
        platform = "apple" if device_class == "apple" else "gpu"
        best: tuple[float, float, float, float] | None = None
        for eta in (e / 100 for e in range(5, 101, 1)):
            for ceiling in (50, 75, 100, 125, 150, 175, 200, 250, 300, 400, 600, 1000, 5000):
                for q in (x / 100 for x in range(50, 101, 5)):
                    cost = 0.0
                    for tflops, achieved, family in points:
                        raw = eta * tflops * (1.0 if family == "float" else q)
                        predicted = 1 / (1 / raw + 1 / ceiling)
                        cost += abs(math.log(predicted / achieved))
                    if best is None or cost < best[0]:
                        best = (cost, eta, ceiling, q)
        assert best is not None
        _, eta, ceiling, q = best
        ratios = []
        for tflops, achieved, family in points:
            raw = eta * tflops * (1.0 if family == "float" else q)
            ratios.append(achieved / (1 / (1 / raw + 1 / ceiling)))
        ratios.sort()
        prefill[device_class] = PrefillConstants(
            eta=eta,
            ceiling_tflops=float(ceiling),
            spread_low=round(min(0.85, _quantile(ratios, 0.1)), 3),
            spread_high=round(max(1.15, _quantile(ratios, 0.9)), 3),
            calibrated=True,
        )
        for family in ("k-quant", "legacy"):
            factors[(platform, family)] = q
    return prefill, factors
