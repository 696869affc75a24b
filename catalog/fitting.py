"""
Engine-backed blocks of catalog pages: quantization tables, "runs on", "what fits",
the leaderboard score and compare rules.

Every number comes from tools.catalog_fit; this module only chooses which
questions to ask the engine and arranges the answers for templates. It does no
database work: callers pass in rows loaded by catalog.queries.
"""

from dataclasses import dataclass, field

from tools import catalog_fit
from tools import fit as engine

from .models.hardware import PRICE_BANDS

QUANT_LADDER = ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K")
TABLE_CONTEXTS = (4096, 16384, 32768)
RUNS_ON_QUANT = catalog_fit.DEFAULT_QUANT
RUNS_ON_CONTEXT = catalog_fit.DEFAULT_CONTEXT
VERDICT_ORDER = {engine.COMFORTABLE: 0, engine.TRADE_OFFS: 1, engine.WONT_RUN: 2}
GB = 1e9


def is_language_model(model):
    try:
        catalog_fit.model_spec(model)
    except catalog_fit.NotALanguageModel:
        return False
    return True


def _safe_fit(function, *args, **kwargs):
    """An engine answer, or None when the catalog lacks a number the engine needs."""
    try:
        return function(*args, **kwargs)
    except (engine.FitInputError, catalog_fit.NotALanguageModel):
        return None


def expected_speed(fit):
    decode = fit.result.decode_tokens_per_s if fit else None
    return decode.expected if decode else 0.0


# -- model page ---------------------------------------------------------------


@dataclass(frozen=True)
class QuantRow:
    quant: str
    weights_gb: float
    totals_gb: tuple  # (context, GB or None when beyond the model's context)


def quant_table(model, spec=None):
    spec = spec or catalog_fit.model_spec(model)
    rows = []
    for quant in QUANT_LADDER:
        totals = []
        weights = None
        for context in TABLE_CONTEXTS:
            if spec.max_context and context > spec.max_context:
                totals.append((context, None))
                continue
            fit = _safe_fit(catalog_fit.memory_needed, model, quant=quant, context=context)
            if fit is None:
                totals.append((context, None))
                continue
            weights = fit.result.memory.weights / GB
            totals.append((context, fit.result.memory.total / GB))
        if weights is not None:
            rows.append(QuantRow(quant, weights, tuple(totals)))
    return rows


@dataclass
class RunsOn:
    comfortable: list = field(default_factory=list)
    trade_offs: list = field(default_factory=list)
    wont_run: int = 0
    unpriced_hidden: int = 0


def runs_on(model, devices, *, evidence, price_band=None):
    """Published devices grouped by verdict for `model` at Q4_K_M and 8K context."""
    spec = catalog_fit.model_spec(model)
    answer = RunsOn()
    low, high = PRICE_BANDS[price_band] if price_band else (None, None)
    for entry in devices:
        if price_band:
            price = entry.price_usd
            if price is None:
                answer.unpriced_hidden += 1
                continue
            if not low <= price < high:
                continue
        fit = _safe_fit(
            catalog_fit.fit,
            model,
            entry.device,
            quant=RUNS_ON_QUANT,
            context=RUNS_ON_CONTEXT,
            evidence=evidence,
            spec=spec,
        )
        if fit is None or fit.result.verdict == engine.WONT_RUN:
            answer.wont_run += 1
        elif fit.result.verdict == engine.COMFORTABLE:
            answer.comfortable.append((entry, fit))
        else:
            answer.trade_offs.append((entry, fit))
    for group in (answer.comfortable, answer.trade_offs):
        group.sort(key=lambda pair: (-expected_speed(pair[1]), pair[0].item.name))
    return answer


def run_commands(model, fit):
    """The engine's commands for the Q4_K_M set-up, plus where to get the weights."""
    commands = dict(fit.result.commands) if fit else {}
    if model.ollama_tag and "ollama" not in commands:
        commands["ollama"] = f"ollama run {model.ollama_tag}"
    if model.hf_repo:
        commands["download"] = f"hf download {model.hf_repo}"
    return commands


# -- hardware page ------------------------------------------------------------


def what_fits(device, models, *, evidence):
    """Every language model at the best quant that fits `device`, 8K context."""
    rows = []
    for model in models:
        fit = _safe_fit(
            catalog_fit.best_fit, model, device, context=RUNS_ON_CONTEXT, evidence=evidence
        )
        if fit is not None:
            rows.append(fit)
    # Biggest model first within a verdict, but a model that only fits at a
    # low-bit quant (large quality loss) ranks after those that fit at 4 bits or more.
    rows.sort(
        key=lambda fit: (
            VERDICT_ORDER[fit.result.verdict],
            is_low_bit(fit.request.quant),
            -float(fit.model.params_b),
            fit.model.name,
        )
    )
    return rows


LOW_BIT_QUANTS = frozenset({"Q3_K_M", "Q3_K_S", "IQ3_XXS", "IQ3_M", "Q2_K", "IQ2_XXS", "IQ2_M"})


def is_low_bit(quant):
    return quant.upper() in LOW_BIT_QUANTS


def verdict_counts(fits):
    counts = {"comfortable": 0, "trade_offs": 0, "wont_run": 0}
    for fit in fits:
        counts[fit.verdict_class.replace("-", "_")] += 1
    return counts


# -- leaderboard --------------------------------------------------------------

REFERENCE_MODEL = "llama-3-1-8b"
WEIGHTS = {"speed": 40, "memory": 30, "value": 20, "efficiency": 10}


@dataclass
class Ranked:
    entry: object
    fit: object
    speed: float
    memory_gb: float | None
    price_per_gb: float | None
    tokens_per_joule: float | None
    parts: dict = field(default_factory=dict)
    score: float = 0.0


def _memory_gb(entry):
    spec = entry.device.spec
    if spec.kind == "cpu":
        return None
    return spec.memory_gb * spec.count


def _tdp(entry):
    item = entry.item
    if entry.is_build:
        items = list(item.items.all())
        watts = [part.hardware.tdp_w for part in items]
        if not all(watts):
            return None
        return sum(part.hardware.tdp_w * part.count for part in items)
    return item.tdp_w


def leaderboard(devices, reference, *, evidence):
    """
    Devices ranked by a published score out of 100:

    40 × speed / best speed + 30 × memory / largest memory
    + 20 × lowest price-per-GB / price-per-GB + 10 × tokens-per-joule / best.
    A missing input (no price, no TDP, CPU memory) scores 0 for that part.
    """
    spec = catalog_fit.model_spec(reference)
    ranked = []
    for entry in devices:
        fit = _safe_fit(
            catalog_fit.fit,
            reference,
            entry.device,
            quant=RUNS_ON_QUANT,
            context=RUNS_ON_CONTEXT,
            evidence=evidence,
            spec=spec,
        )
        speed = expected_speed(fit) if fit and fit.result.verdict != engine.WONT_RUN else 0.0
        memory = _memory_gb(entry)
        price = entry.price_usd
        watts = _tdp(entry)
        ranked.append(
            Ranked(
                entry=entry,
                fit=fit,
                speed=speed,
                memory_gb=memory,
                price_per_gb=price / memory if price and memory else None,
                tokens_per_joule=speed / watts if speed and watts else None,
            )
        )
    best_speed = max((r.speed for r in ranked), default=0) or 1
    best_memory = max((r.memory_gb or 0 for r in ranked), default=0) or 1
    cheapest = min((r.price_per_gb for r in ranked if r.price_per_gb), default=None)
    best_efficiency = max((r.tokens_per_joule or 0 for r in ranked), default=0) or 1
    for r in ranked:
        r.parts = {
            "speed": WEIGHTS["speed"] * r.speed / best_speed,
            "memory": WEIGHTS["memory"] * (r.memory_gb or 0) / best_memory,
            "value": WEIGHTS["value"] * cheapest / r.price_per_gb if r.price_per_gb else 0.0,
            "efficiency": WEIGHTS["efficiency"] * (r.tokens_per_joule or 0) / best_efficiency,
        }
        r.score = sum(r.parts.values())
    ranked.sort(key=lambda r: (-r.score, r.entry.item.name))
    return ranked


# -- compare ------------------------------------------------------------------


@dataclass
class Side:
    entry: object
    fits: dict  # model slug → Fit at its best quant


def compare_sides(entries, models, *, evidence):
    sides = []
    for entry in entries:
        fits = {fit.model.slug: fit for fit in what_fits(entry.device, models, evidence=evidence)}
        sides.append(Side(entry, fits))
    return sides


def decision_rules(sides, models):
    """Plain-language "choose A if …" rules computed from the engine's answers."""
    rules = []
    for side in sides:
        others = [other for other in sides if other is not side]
        name = side.entry.item.name
        only_here = [
            model
            for model in models
            if _comfortable(side, model) and all(not _comfortable(other, model) for other in others)
        ]
        if only_here:
            biggest = max(only_here, key=lambda model: model.params_b)
            names = ", ".join(other.entry.item.name for other in others)
            other_fit = others[0].fits.get(biggest.slug) if others else None
            where = (
                "needs offload or a smaller quant"
                if other_fit and other_fit.result.verdict == engine.TRADE_OFFS
                else "does not run it"
            )
            rules.append(
                f"Choose {name} if you need more memory: it runs {biggest.name} comfortably "
                f"where {names} {where} ({len(only_here)} model"
                f"{'s' if len(only_here) != 1 else ''} in the catalog run comfortably only here)."
            )
        faster = _faster_on_shared(side, others, models)
        if faster:
            model, ratio = faster
            rules.append(
                f"Choose {name} for speed: on {model.name}, which every option runs, it is "
                f"about {ratio:.1f}× faster (estimated decode)."
            )
        price = side.entry.price_usd
        other_prices = [other.entry.price_usd for other in others]
        if price and all(p and price < p for p in other_prices):
            rules.append(f"Choose {name} on budget: it has the lowest known price (${price:,.0f}).")
    if not rules:
        rules.append(
            "The engine finds no decisive difference: compare prices and software support."
        )
    return rules


def _comfortable(side, model):
    fit = side.fits.get(model.slug)
    return fit is not None and fit.result.verdict == engine.COMFORTABLE


def _faster_on_shared(side, others, models):
    best = None
    for model in models:
        mine = side.fits.get(model.slug)
        theirs = [other.fits.get(model.slug) for other in others]
        if mine is None or mine.result.verdict == engine.WONT_RUN or not expected_speed(mine):
            continue
        if any(t is None or t.result.verdict == engine.WONT_RUN for t in theirs):
            continue
        # Same quant on every side, so the comparison is like for like.
        if any(t.request.quant != mine.request.quant for t in theirs):
            continue
        ratio = expected_speed(mine) / max(expected_speed(t) or 0.01 for t in theirs)
        if ratio >= 1.25 and (best is None or model.params_b > best[0].params_b):
            best = (model, ratio)
    return best


def compare_rows(sides, models):
    """One row per model that runs on at least one side: the Fit per side."""
    rows = []
    for model in models:
        fits = [side.fits.get(model.slug) for side in sides]
        if any(fit and fit.result.verdict != engine.WONT_RUN for fit in fits):
            rows.append((model, fits))
    rows.sort(key=lambda row: -float(row[0].params_b))
    return rows


# -- benchmark page -----------------------------------------------------------

RUNTIMES = {"llama-cpp": "llama.cpp", "lm-studio": "lm-studio"}
ASSUMED_BENCHMARK_CONTEXT = 4096


def benchmark_estimate(benchmark):
    """The engine's answer for the benchmark's own set-up, to show beside the measurement."""
    from .queries import device_for

    device = benchmark.build or benchmark.hardware
    if not is_language_model(benchmark.model):
        return None
    if getattr(device, "items", None) is not None and not device.items.all():
        return None
    slug = benchmark.software.slug if benchmark.software_id else ""
    return _safe_fit(
        catalog_fit.fit,
        benchmark.model,
        device_for(device),
        quant=benchmark.quantization.name,
        context=benchmark.context or ASSUMED_BENCHMARK_CONTEXT,
        runtime=RUNTIMES.get(slug, slug or "llama.cpp"),
    )


def benchmarks_by_model(benchmarks, slugs):
    """Rows of (model, quant, test) with the best measured decode per compared device."""
    table = {}
    for benchmark in benchmarks:
        if benchmark.decode_tokens_per_s is None:
            continue
        key = (benchmark.model.name, benchmark.quantization.name, benchmark.test)
        cells = table.setdefault(key, dict.fromkeys(slugs))
        slug = benchmark.device.slug
        current = cells.get(slug)
        if current is None or benchmark.decode_tokens_per_s > current.decode_tokens_per_s:
            cells[slug] = benchmark
    rows = [(key, [cells[slug] for slug in slugs]) for key, cells in sorted(table.items())]
    # Rows measured on more than one side are the ones that compare.
    rows.sort(key=lambda row: -sum(cell is not None for cell in row[1]))
    return rows[:20]
