"""
Reading speeds out of the raw output readers paste with a benchmark submission.

Plain Python with no Django imports. Three families of output are understood:
- llama-bench's default markdown table and its `-o json` / `-o jsonl` output;
- `ollama run --verbose` statistics ("prompt eval rate:", "eval rate:");
- llama.cpp's own timing lines (`llama_perf_context_print` / `llama_print_timings`)
  printed by llama-cli and the older `main`.

A parser never guesses: a value the output does not state stays None, and output
it cannot read gives a ParsedLog with no results (the submission is then flagged
for a reviewer to read by hand, not rejected).
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# Logs longer than this are refused by the form; parsing stays cheap.
MAX_LOG_CHARS = 20_000

LLAMA_BENCH_MARKDOWN = "llama-bench (table)"
LLAMA_BENCH_JSON = "llama-bench (JSON)"
OLLAMA_VERBOSE = "ollama run --verbose"
LLAMA_CPP_TIMINGS = "llama.cpp timings"

DECODE = "decode"
PREFILL = "prefill"


@dataclass(frozen=True)
class Measurement:
    """One speed the log states: decode (token generation) or prefill (prompt processing)."""

    kind: str
    tokens_per_s: Decimal
    test: str
    tokens: int | None = None


@dataclass(frozen=True)
class ParsedLog:
    format: str | None
    measurements: tuple[Measurement, ...] = ()
    model_type: str = ""
    backend: str = ""
    version: str = ""
    gpu_layers: int | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def recognised(self) -> bool:
        return bool(self.measurements)

    def of_kind(self, kind: str) -> list[Measurement]:
        return [m for m in self.measurements if m.kind == kind]

    @property
    def quant(self) -> str:
        """The quantization named in llama-bench's model column, as a catalog name."""
        return quant_from_model_type(self.model_type)

    def as_dict(self) -> dict:
        """JSON-ready, for storing with the submission."""
        return {
            "format": self.format,
            "measurements": [
                {
                    "kind": m.kind,
                    "tokens_per_s": str(m.tokens_per_s),
                    "test": m.test,
                    "tokens": m.tokens,
                }
                for m in self.measurements
            ],
            "model_type": self.model_type,
            "quant": self.quant,
            "backend": self.backend,
            "version": self.version,
            "gpu_layers": self.gpu_layers,
        }


NOT_RECOGNISED = ParsedLog(format=None)


def parse(text: str) -> ParsedLog:
    """The speeds stated in pasted output, trying each known format in turn."""
    text = (text or "")[:MAX_LOG_CHARS].replace("\r\n", "\n")
    for parser in (_llama_bench_json, _llama_bench_markdown, _ollama_verbose, _llama_cpp_timings):
        parsed = parser(text)
        if parsed is not None and parsed.recognised:
            return parsed
    return NOT_RECOGNISED


# -- llama-bench ----------------------------------------------------------------

_TEST = re.compile(r"^(pp|tg)(\d+)(?:\s*@\s*d(\d+))?$")
_BUILD = re.compile(r"^build:\s*([0-9a-f]{6,40})\s*\((\d+)\)", re.M)


def _measurement_for_test(test: str, value: Decimal) -> Measurement | None:
    """pp512 is prefill over 512 tokens, tg128 decode of 128; pp512+tg128 mixes both."""
    match = _TEST.match(test.strip())
    if not match:
        return None
    kind = PREFILL if match.group(1) == "pp" else DECODE
    return Measurement(kind=kind, tokens_per_s=value, test=test.strip(), tokens=int(match[2]))


def _llama_bench_markdown(text: str) -> ParsedLog | None:
    header = None
    measurements = []
    model_type = backend = ""
    gpu_layers = None
    for line in text.splitlines():
        line = line.strip()
        if not (line.startswith("|") and line.endswith("|")):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if header is None:
            lowered = [cell.lower() for cell in cells]
            if "test" in lowered and "t/s" in lowered:
                header = lowered
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the |---|---:| separator row
        if len(cells) != len(header):
            continue
        row = dict(zip(header, cells, strict=True))
        value = _decimal(row["t/s"].split("±")[0])
        if value is None:
            continue
        measurement = _measurement_for_test(row["test"], value)
        if measurement is None:
            continue
        measurements.append(measurement)
        model_type = model_type or row.get("model", "")
        backend = backend or row.get("backend", "")
        if gpu_layers is None:
            gpu_layers = _int(row.get("ngl"))
    if header is None:
        return None
    build = _BUILD.search(text)
    return ParsedLog(
        format=LLAMA_BENCH_MARKDOWN,
        measurements=tuple(measurements),
        model_type=model_type,
        backend=backend,
        version=f"b{build.group(2)}" if build else "",
        gpu_layers=gpu_layers,
    )


def _llama_bench_json(text: str) -> ParsedLog | None:
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        data = json.loads(stripped)
    except ValueError:
        # -o jsonl: one object per line.
        try:
            data = [json.loads(line) for line in stripped.splitlines() if line.strip()]
        except ValueError:
            return None
    rows = data if isinstance(data, list) else [data]
    measurements = []
    first = {}
    for row in rows:
        if not isinstance(row, dict) or "avg_ts" not in row:
            continue
        n_prompt, n_gen = _int(row.get("n_prompt")) or 0, _int(row.get("n_gen")) or 0
        depth = _int(row.get("n_depth")) or 0
        value = _decimal(row.get("avg_ts"))
        if value is None or bool(n_prompt) == bool(n_gen):
            continue  # pp+tg rows mix prefill and decode into one figure
        test = f"pp{n_prompt}" if n_prompt else f"tg{n_gen}"
        if depth:
            test += f" @ d{depth}"
        measurement = _measurement_for_test(test, value)
        if measurement is not None:
            measurements.append(measurement)
            first = first or row
    if not first:
        return None
    build = _int(first.get("build_number"))
    return ParsedLog(
        format=LLAMA_BENCH_JSON,
        measurements=tuple(measurements),
        model_type=str(first.get("model_type", "")),
        backend=str(first.get("backends", "")),
        version=f"b{build}" if build else "",
        gpu_layers=_int(first.get("n_gpu_layers")),
    )


# -- Ollama -------------------------------------------------------------------------

_OLLAMA_LINE = re.compile(
    r"^\s*(prompt eval count|prompt eval rate|eval count|eval rate):\s*([\d.,]+)", re.M | re.I
)


def _ollama_verbose(text: str) -> ParsedLog | None:
    found = {}
    for match in _OLLAMA_LINE.finditer(text):
        # The last run wins when several answers were pasted; each block restates all four.
        found[match.group(1).lower()] = match.group(2).replace(",", "")
    if not found:
        return None
    measurements = []
    prefill = _decimal(found.get("prompt eval rate"))
    if prefill is not None:
        tokens = _int(found.get("prompt eval count"))
        measurements.append(Measurement(PREFILL, prefill, "prompt eval rate", tokens))
    decode = _decimal(found.get("eval rate"))
    if decode is not None:
        measurements.append(Measurement(DECODE, decode, "eval rate", _int(found.get("eval count"))))
    return ParsedLog(format=OLLAMA_VERBOSE, measurements=tuple(measurements))


# -- llama.cpp timing lines --------------------------------------------------------

_TIMING_LINE = re.compile(
    r"^\s*llama_(?:perf_context_print|print_timings):\s*(prompt eval|eval) time\s*=.*?/\s*"
    r"(\d+)\s*(?:tokens|runs).*?([\d.]+)\s*tokens per second"
)
# Real timing lines are ~130 characters; longer ones are skipped so a crafted
# line cannot make the lazy patterns above backtrack for seconds.
MAX_TIMING_LINE = 400


def _llama_cpp_timings(text: str) -> ParsedLog | None:
    found = {}
    for line in text.splitlines():
        match = _TIMING_LINE.match(line) if len(line) <= MAX_TIMING_LINE else None
        if match:
            found[match.group(1)] = (_decimal(match.group(3)), _int(match.group(2)))
    if not found:
        return None
    measurements = []
    if "prompt eval" in found and found["prompt eval"][0] is not None:
        value, tokens = found["prompt eval"]
        measurements.append(Measurement(PREFILL, value, "prompt eval", tokens))
    if "eval" in found and found["eval"][0] is not None:
        value, tokens = found["eval"]
        measurements.append(Measurement(DECODE, value, "eval", tokens))
    return ParsedLog(format=LLAMA_CPP_TIMINGS, measurements=tuple(measurements))


# -- helpers --------------------------------------------------------------------------

# llama.cpp names a file type "Q4_K - Medium"; the catalog calls it Q4_K_M.
_SIZE_SUFFIX = {"small": "S", "medium": "M", "large": "L", "extra small": "XS"}
_QUANT_NAME = re.compile(
    r"\b((?:I?Q\d_[A-Z0-9]+(?:_[A-Z]+)?)|F16|BF16|F32)\b(?:\s*-\s*([a-z ]+))?", re.I
)


def quant_from_model_type(model_type: str) -> str:
    """`llama 8B Q4_K - Medium` → `Q4_K_M`; `IQ4_XS - 4.25 bpw` → `IQ4_XS`; else ''."""
    match = _QUANT_NAME.search(model_type or "")
    if not match:
        return ""
    name = match.group(1).upper()
    suffix = _SIZE_SUFFIX.get((match.group(2) or "").strip().lower())
    return f"{name}_{suffix}" if suffix and name.endswith("_K") else name


def quant_family(name: str) -> str:
    """
    The family a quantization belongs to for reproduction: the size suffix of a
    k-quant or i-quant dropped (Q4_K_M and Q4_K_S are both Q4_K), upper-cased.

    Mirrored in SQL by catalog.models.benchmarks.QUANT_FAMILY_SQL.
    """
    return re.sub(r"_(XXS|XS|S|M|L|XL|NL)$", "", (name or "").strip(), flags=re.I).upper()


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number <= 0:
        return None
    return number.quantize(Decimal("0.01"))


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


# -- typed numbers against the log ------------------------------------------------

# A typed speed must agree with its log within 2 %: enough for rounding
# (72.79 typed as 73), not enough for a different run or a typo.
LOG_TOLERANCE = Decimal("0.02")

_LABELS = {DECODE: "Decode", PREFILL: "Prefill"}


@dataclass(frozen=True)
class Reconciled:
    """The speeds a submission reports after checking them against its log."""

    values: dict  # kind -> Decimal | None
    chosen: dict  # kind -> Measurement the value came from, when the log states it
    errors: dict  # kind -> message

    @property
    def test(self) -> str:
        tests = [m.test for m in (self.chosen.get(PREFILL), self.chosen.get(DECODE)) if m]
        return " + ".join(tests)


def reconcile(parsed: ParsedLog, *, decode: Decimal | None, prefill: Decimal | None) -> Reconciled:
    """
    Fill in speeds left empty from the log, and check typed ones against it.

    A typed value must match one of the log's results of the same kind within
    LOG_TOLERANCE; the log's own figure is then kept (it has every digit). An
    empty value is taken from the log when the log states exactly one.
    """
    values, chosen, errors = {}, {}, {}
    for kind, typed in ((DECODE, decode), (PREFILL, prefill)):
        candidates = parsed.of_kind(kind)
        label = _LABELS[kind]
        listed = ", ".join(f"{m.test}: {m.tokens_per_s}" for m in candidates)
        if typed is None:
            distinct = {m.tokens_per_s for m in candidates}
            if len(distinct) == 1:
                chosen[kind] = candidates[0]
                values[kind] = candidates[0].tokens_per_s
            elif len(distinct) > 1:
                errors[kind] = (
                    f"The log has {len(candidates)} {label.lower()} results ({listed}): "
                    "type the one this submission reports."
                )
            values.setdefault(kind, None)
            continue
        if not candidates:
            values[kind] = typed
            continue
        match = next((m for m in candidates if _agree(typed, m.tokens_per_s)), None)
        if match is None:
            nearest = min(candidates, key=lambda m: abs(m.tokens_per_s - typed))
            errors[kind] = (
                f"{label}: you typed {typed} tok/s but the log says {nearest.tokens_per_s} "
                f"tok/s ({nearest.test}). They must agree within {LOG_TOLERANCE:.0%}: "
                "correct the number, or paste the output of the run you measured."
            )
            values[kind] = typed
        else:
            chosen[kind] = match
            values[kind] = match.tokens_per_s
    return Reconciled(values=values, chosen=chosen, errors=errors)


def _agree(typed: Decimal, logged: Decimal) -> bool:
    return abs(typed - logged) <= LOG_TOLERANCE * logged
