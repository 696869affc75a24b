"""
Choose my GPU: a ranked shortlist of catalog devices and builds from four answers.

Pure Python: the view's loader turns catalog rows into the dataclasses below;
this module applies the hard constraints, asks the fit engine (through
tools.catalog_fit, the same calls the hardware and compare pages make) what
each candidate runs, and orders the survivors by the rules published on the
page and on the methodology page. Every ordering ends on the slug, so the same
answers always give the same shortlist.

Nothing is invented: a price is a dated street price or the launch MSRP with its
launch date, an unknown price or TDP excludes a candidate from the constraint
that needs it (and says so), and uses the engine cannot size (image generation,
fine-tuning) are ranked on weight-memory floors and listed backends, without
speeds.
"""

import datetime
import functools
from dataclasses import dataclass, field

from tools import catalog_fit
from tools import fit as engine
from tools.fit import memory as fit_memory

SHORTLIST_SIZE = 5
NEAR_MISS_SIZE = 5
USED_MARKET_SIZE = 3
# The quant every ranked fit uses, as on the hardware and compare pages, so
# speeds compare like for like across candidates.
RANK_QUANT = catalog_fit.DEFAULT_QUANT
# "Quiet / low power": a card that can be fed by the PCIe slot (75 W) plus one
# 8-pin connector (150 W), per the PCI Express CEM specification's power limits.
QUIET_MAX_TDP_W = 225
# Weight-memory floors for uses the engine cannot size: bytes per parameter.
BYTES_16_BIT = 2
BYTES_8_BIT = 1

LLM, IMAGE, FINETUNE = "llm", "image", "finetune"
COMFORTABLE, TRADE_OFFS, WONT_RUN = engine.COMFORTABLE, engine.TRADE_OFFS, engine.WONT_RUN
TWO_OR_MORE = "misses two or more of your answers"
FITS_16, FITS_8, TOO_BIG = "16-bit weights fit", "only 8-bit weights fit", "weights don't fit"


@dataclass(frozen=True)
class UseCase:
    key: str
    label: str
    kind: str  # LLM, IMAGE or FINETUNE
    context: int | None  # tokens the use needs; None where the engine is not used
    models: tuple[str, ...]  # representative catalog slugs, smallest first
    software: str  # the catalog software whose platforms and backends gate a device
    why: str

    @property
    def ok(self):
        """What "well" means for this use, as the explanations say it."""
        return "run comfortably" if self.kind == LLM else "fit at 16-bit"

    @property
    def measure(self):
        return "" if self.kind == LLM else " (weights at 16-bit)"


USE_CASES = {
    use.key: use
    for use in (
        UseCase(
            "chat",
            "Chat",
            LLM,
            8192,
            ("llama-3-1-8b", "qwen3-14b", "qwen3-32b", "llama-3-3-70b"),
            "llama-cpp",
            "General assistants from 8B to 70B, at an 8K-token conversation.",
        ),
        UseCase(
            "coding",
            "Coding agent",
            LLM,
            32768,
            ("qwen-2-5-coder-7b", "qwen3-coder-30b-a3b", "qwen-2-5-coder-32b"),
            "llama-cpp",
            "Coding models at 32K tokens: agents send files and tool output with every turn.",
        ),
        UseCase(
            "documents",
            "Long documents",
            LLM,
            65536,
            ("llama-3-1-8b", "mistral-nemo-12b", "gemma-3-27b", "llama-3-3-70b"),
            "llama-cpp",
            "Long-context models at 64K tokens, where the KV cache grows large.",
        ),
        UseCase(
            "vision",
            "Vision (image + text)",
            LLM,
            8192,
            ("gemma-3-4b", "gemma-3-12b", "mistral-small-3-1-24b", "gemma-3-27b"),
            "llama-cpp",
            "Models that read images, at 8K tokens. The engine sizes the language part; "
            "the vision encoder's memory is not included.",
        ),
        UseCase(
            "image",
            "Image generation",
            IMAGE,
            None,
            ("stable-diffusion-xl", "flux-1-schnell", "flux-1-dev"),
            "comfyui",
            "Diffusion models. The engine does not estimate them: ranked on whether the "
            "weights fit at 16 or 8 bits and on ComfyUI's listed backends; no speeds.",
        ),
        UseCase(
            "finetune",
            "Fine-tuning (LoRA)",
            FINETUNE,
            None,
            ("llama-3-2-3b", "llama-3-1-8b", "qwen3-14b"),
            "transformers",
            "LoRA on a 16-bit base model. The engine does not estimate training: ranked on "
            "whether the 16-bit weights fit and on Transformers' listed backends; no speeds.",
        ),
    )
}


@dataclass(frozen=True)
class Price:
    """A dated price: a street-price range when the catalog has one, else the launch MSRP."""

    amount: float
    kind: str  # "street" or "msrp"
    date: datetime.date | None  # seen on (street) or launch date (MSRP), when known
    high: float | None = None
    count: int = 1  # a build's price is `count` copies of one card's price


@dataclass(frozen=True)
class Candidate:
    """A published device or build, as the ranking sees it."""

    slug: str
    name: str
    url: str
    kind: str  # gpu, apple, apu or cpu
    is_build: bool
    form_factor: str
    backends: frozenset[str]
    tdp_w: int | None
    price: Price | None
    memory_gb: float  # per device; memory is never summed across cards here
    count: int
    parts: tuple[str, ...]  # hardware slugs inside (the device itself for a single one)
    device: catalog_fit.Device


@dataclass(frozen=True)
class ModelInfo:
    slug: str
    name: str
    url: str
    params_b: float
    spec: engine.ModelSpec | None  # None for models the engine cannot size
    outputs: str = "text"
    ollama_tag: str | None = None

    @property
    def makes_images(self):
        return self.outputs == "image"


@dataclass(frozen=True)
class SoftwareInfo:
    slug: str
    name: str
    url: str
    platforms: frozenset[str]
    backends: frozenset[str]


@dataclass(frozen=True)
class Catalog:
    candidates: tuple[Candidate, ...]
    models: dict  # slug → ModelInfo
    software: dict  # slug → SoftwareInfo
    evidence: catalog_fit.Evidence = field(default_factory=lambda: catalog_fit.NO_EVIDENCE)


@dataclass(frozen=True)
class Answers:
    use: str
    budget_usd: int | None = None
    condition: str = "new"
    target: str = ""  # a model slug, or "" for "tell me"
    os: str = "any"
    form: str = "desktop"
    power: str = "any"
    owned: str = ""


@dataclass(frozen=True)
class Run:
    """What one candidate does with one model: an engine fit or a weight floor."""

    model: ModelInfo
    verdict: str
    fit: catalog_fit.Fit | None = None
    weights_gb: float | None = None  # the floor compared, for non-engine uses

    @property
    def runs(self):
        return self.verdict not in (WONT_RUN, TOO_BIG)

    @property
    def comfortable(self):
        return self.verdict in (COMFORTABLE, FITS_16)

    @property
    def speed(self):
        decode = self.fit.result.decode_tokens_per_s if self.fit else None
        return decode.expected if decode else 0.0

    @property
    def floor_text(self):
        """For uses the engine cannot size: which weight floor was compared."""
        if self.weights_gb is None:
            return ""
        bits = "8-bit" if self.verdict == FITS_8 else "16-bit"
        return f"{self.weights_gb:.1f} GB of weights at {bits}"

    @property
    def verdict_class(self):
        if self.comfortable:
            return "comfortable"
        return "trade-offs" if self.runs else "wont-run"


@dataclass
class Assessed:
    use: UseCase
    candidate: Candidate
    runs: tuple[Run, ...]
    target: Run | None
    price: float | None  # what the reader pays (an owned card is not paid twice)
    failures: list = field(default_factory=list)
    key: tuple = ()


@dataclass(frozen=True)
class Pick:
    rank: int
    candidate: Candidate
    runs: tuple[Run, ...]
    target: Run | None
    price: float | None
    price_text: str
    adds: int  # cards to buy when the reader already owns one of the build's cards
    why: tuple[str, ...]
    buy_if: tuple[str, ...]
    skip_if: tuple[str, ...]
    largest: Run | None = None  # "tell me": the largest catalog model it runs well

    @property
    def extra_target(self):
        """The named model's row, unless it is already one of the representative rows."""
        if self.target is None or any(r.model.slug == self.target.model.slug for r in self.runs):
            return None
        return self.target


@dataclass(frozen=True)
class NearMiss:
    candidate: Candidate
    reason: str
    would_rank: int | None  # its place in the shortlist had it met the constraint


@dataclass(frozen=True)
class Shortlist:
    answers: Answers
    use: UseCase
    models: tuple[ModelInfo, ...]
    target: ModelInfo | None
    picks: tuple[Pick, ...]
    near_misses: tuple[NearMiss, ...]
    used_market: tuple[Pick, ...]
    baseline: tuple[Run, ...]
    excluded: dict  # reason → how many candidates it removed
    notes: tuple[str, ...]

    @property
    def compare_slugs(self):
        if len(self.picks) < 2:
            return None
        return f"{self.picks[0].candidate.slug}-vs-{self.picks[1].candidate.slug}"


# -- constraints ---------------------------------------------------------------

OS_LABELS = {"linux": "Linux", "windows": "Windows", "macos": "macOS"}
FORMS = {"desktop": {"desktop", "mini-pc"}, "laptop": {"laptop"}}


def _platform_failure(candidate, answers, software):
    """Hard platform rules: not near-misses, just a different machine."""
    if candidate.kind == "cpu":
        return "CPUs are not ranked: their memory is whatever RAM is installed"
    if answers.os == "macos" and candidate.kind != "apple":
        return "macOS runs on Apple silicon only"
    if answers.os in ("linux", "windows") and candidate.kind == "apple":
        return f"Apple silicon ships with macOS, not {OS_LABELS[answers.os]}"
    if software is not None:
        if answers.os != "any" and answers.os not in software.platforms:
            return f"{software.name} does not list {OS_LABELS[answers.os]}"
        if not candidate.backends & software.backends:
            return f"none of its backends is listed by {software.name}"
    return None


def _form_failure(candidate, answers):
    allowed = FORMS.get(answers.form)
    if allowed is None or candidate.form_factor in allowed:
        return None
    shown = candidate.form_factor or "unknown"
    return f"form factor {shown}, not a {answers.form}"


def _power_failure(candidate, answers):
    if answers.power != "quiet":
        return None
    if candidate.tdp_w is None:
        return "No TDP in the catalog, so the quiet / low-power limit can't be checked."
    if candidate.tdp_w > QUIET_MAX_TDP_W:
        return f"{candidate.tdp_w} W board power, above the {QUIET_MAX_TDP_W} W quiet limit."
    return None


def _paid_price(candidate, answers):
    """The price and the number of cards to buy; an owned card inside a build is not paid."""
    price = candidate.price
    if price is None:
        return None, candidate.count
    if answers.owned and candidate.is_build and set(candidate.parts) == {answers.owned}:
        adds = candidate.count - 1
        return price.amount / price.count * adds, adds
    return price.amount, candidate.count


def _budget_failure(candidate, answers, paid):
    if answers.budget_usd is None:
        return None
    if candidate.price is None:
        return "No price in the catalog, so it can't be checked against a budget."
    if paid > answers.budget_usd:
        return f"{describe_price(candidate.price, paid)}: over your ${answers.budget_usd:,} budget."
    return None


def describe_price(price, paid=None):
    amount = price.amount if paid is None else paid
    if price.kind == "street":
        text = f"${amount:,.0f} street price"
        return text + (f", seen {price.date.isoformat()}" if price.date else "")
    text = f"${amount:,.0f} at launch MSRP"
    if price.count > 1 and paid is None:
        text += f" ({price.count} × ${price.amount / price.count:,.0f})"
    if price.date:
        return text + f" (launched {price.date.isoformat()})"
    return text + " (launch date not in the catalog)"


# -- what a candidate runs ---------------------------------------------------------


def _engine_run(model, candidate, use, evidence, cache):
    key = (model.slug, candidate.slug)
    if key not in cache:
        if cannot_hold(model, candidate):
            cache[key] = Run(model, WONT_RUN)
        else:
            observations = tuple(evidence.by_pair.get((model.slug, candidate.device.key), ()))
            found = _fit(model, candidate.device, use.context, observations)
            cache[key] = Run(model, found.result.verdict if found else WONT_RUN, fit=found)
    return cache[key]


def cannot_hold(model, candidate):
    """
    True when the model's weights alone exceed all of the candidate's memory.

    A Q4_K_M file is more than 4 bits per weight, so such a model cannot run:
    catalog devices have no system RAM to offload to. The engine would say
    "won't run" too (a test pins the agreement); skipping it keeps the page fast.
    """
    return model.params_b / 2 > candidate.memory_gb * candidate.count


@functools.lru_cache(maxsize=8192)
def _fit(model, device, context, observations):
    # A memo of a pure function of frozen inputs (benchmarks included), so it is
    # safe in any number of processes and never serves an answer for old data.
    evidence = catalog_fit.NO_EVIDENCE
    if observations:
        evidence = catalog_fit.Evidence({(model.slug, device.key): list(observations)})
    try:
        return catalog_fit.fit(
            model, device, quant=RANK_QUANT, context=context, evidence=evidence, spec=model.spec
        )
    except engine.FitInputError:
        return None


def floor_memory_gb(candidate):
    """Memory one device offers a model: the engine's Apple GPU share, else all of it."""
    memory = candidate.memory_gb
    if candidate.kind == "apple":
        if memory <= fit_memory.APPLE_SMALL_LIMIT_GIB:
            return memory * fit_memory.APPLE_SMALL_FRACTION
        return memory * fit_memory.APPLE_LARGE_FRACTION
    return memory


def _floor_run(model, candidate, use):
    # Diffusion tools and LoRA training in the catalog's software do not split one
    # model across cards, and memory is never summed unless it pools: one card counts.
    # Weights in GB (1e9 bytes) against memory in GiB, as the engine counts it.
    available = floor_memory_gb(candidate) * fit_memory.GIB / 1e9
    weights16 = model.params_b * BYTES_16_BIT
    if weights16 <= available:
        return Run(model, FITS_16, weights_gb=weights16)
    weights8 = model.params_b * BYTES_8_BIT
    if use.kind == IMAGE and weights8 <= available:
        return Run(model, FITS_8, weights_gb=weights8)
    return Run(model, TOO_BIG, weights_gb=weights16)


def run(model, candidate, use, evidence=catalog_fit.NO_EVIDENCE, cache=None):
    if use.kind == LLM:
        return _engine_run(model, candidate, use, evidence, {} if cache is None else cache)
    return _floor_run(model, candidate, use)


def _assess(candidate, answers, use, models, target, catalog, cache):
    runs = tuple(run(model, candidate, use, catalog.evidence, cache) for model in models)
    target_run = run(target, candidate, use, catalog.evidence, cache) if target else None
    return Assessed(use, candidate, runs, target_run, None)


def capability(assessed):
    """The ranking key without price and name: smaller is better (see RULES)."""
    target = assessed.target
    tier = 0 if target is None or target.comfortable else 1
    comfortable = [r for r in assessed.runs if r.comfortable]
    runs = [r for r in assessed.runs if r.runs]
    if target is not None:
        yardstick = target
    else:
        yardstick = max(comfortable, key=lambda r: r.model.params_b, default=None)
    size = yardstick.model.params_b if yardstick else 0.0
    if yardstick is None or yardstick.fit is None:
        # Uses without engine speeds order on memory instead (room for what the floor omits).
        speed = assessed.candidate.memory_gb
    else:
        speed = yardstick.speed
    # Speeds compare at the whole tok/s the page shows: closer than that is a tie.
    return (tier, -len(comfortable), -len(runs), -size, -round(speed))


def rank_key(assessed):
    price = assessed.price if assessed.price is not None else float("inf")
    return (*capability(assessed), price, assessed.candidate.slug)


# -- the shortlist ---------------------------------------------------------------


def shortlist(answers, catalog):
    """Rank the catalog's candidates for `answers`; see RULES for the order."""
    use = USE_CASES[answers.use]
    models = tuple(catalog.models[slug] for slug in use.models if slug in catalog.models)
    target = catalog.models.get(answers.target) if answers.target else None
    software = catalog.software.get(use.software)
    cache = {}
    excluded = {}
    eligible, missed = [], []
    owned = next((c for c in catalog.candidates if c.slug == answers.owned), None)
    baseline = None
    if owned is not None and _platform_failure(owned, answers, software) is None:
        baseline = _assess(owned, answers, use, models, target, catalog, cache)

    for candidate in catalog.candidates:
        if candidate.slug == answers.owned:
            continue
        platform = _platform_failure(candidate, answers, software) or _form_failure(
            candidate, answers
        )
        if platform:
            excluded[platform] = excluded.get(platform, 0) + 1
            continue
        paid, adds = _paid_price(candidate, answers)
        failures = [
            reason
            for reason in (
                _power_failure(candidate, answers),
                _budget_failure(candidate, answers, paid),
            )
            if reason
        ]
        if len(failures) > 1:
            # Two or more unmet answers: not a near-miss, just a different brief.
            excluded[TWO_OR_MORE] = excluded.get(TWO_OR_MORE, 0) + 1
            continue
        assessed = _assess(candidate, answers, use, models, target, catalog, cache)
        assessed.price = paid
        assessed.failures = failures
        if target is not None and not assessed.target.runs:
            assessed.failures.append(_target_failure(target, assessed.target, use))
        if baseline is not None and capability(assessed) >= capability(baseline):
            assessed.failures.append(f"No better than your {owned.name} for {use.label}.")
        assessed.key = rank_key(assessed)
        if len(assessed.failures) > 1:
            excluded[TWO_OR_MORE] = excluded.get(TWO_OR_MORE, 0) + 1
            continue
        (eligible if not assessed.failures else missed).append(assessed)

    eligible.sort(key=lambda a: a.key)
    top = eligible[:SHORTLIST_SIZE]
    picks = tuple(_pick(i, top, answers, use, catalog, cache) for i in range(len(top)))
    near = _near_misses(top, eligible[SHORTLIST_SIZE:], missed, answers)
    used = ()
    if answers.condition == "used" and answers.budget_usd is not None:
        over = [
            a
            for a in missed
            if len(a.failures) == 1 and a.price is not None and a.price > answers.budget_usd
        ]
        # Closest to the budget first: the likeliest to be found used within it.
        over.sort(key=lambda a: (a.price, a.key))
        used = tuple(
            _pick(i, over[:USED_MARKET_SIZE], answers, use, catalog, cache, used=True)
            for i in range(len(over[:USED_MARKET_SIZE]))
        )
    return Shortlist(
        answers=answers,
        use=use,
        models=models,
        target=target,
        picks=picks,
        near_misses=near,
        used_market=used,
        baseline=_baseline_runs(baseline),
        excluded=dict(sorted(excluded.items())),
        notes=_notes(answers, use, catalog, picks),
    )


def _baseline_runs(baseline):
    if baseline is None:
        return ()
    target = baseline.target
    if target is None or any(r.model.slug == target.model.slug for r in baseline.runs):
        return baseline.runs
    return (*baseline.runs, target)


def fits_use(model, use):
    """Image generation ranks image models; every other use ranks language models."""
    if use.kind == IMAGE:
        return model.makes_images
    return model.spec is not None


def _target_failure(target, target_run, use):
    if use.kind == LLM:
        return f"Won't run {target.name} at {use.context:,} tokens (fit engine, {RANK_QUANT})."
    return (
        f"{target.name}'s weights ({target_run.weights_gb:.0f} GB at "
        f"{'8' if use.kind == IMAGE else '16'}-bit) don't fit in one card's memory."
    )


def _near_misses(top, below, missed, answers):
    near = []
    if len(top) == SHORTLIST_SIZE:
        last = top[-1]
        for assessed in below[:2]:
            near.append(
                NearMiss(
                    assessed.candidate,
                    f"Ranked #{SHORTLIST_SIZE + len(near) + 1}: "
                    + _difference(last, assessed, f"#{SHORTLIST_SIZE}", "this one"),
                    None,
                )
            )
    missed = sorted(missed, key=lambda a: a.key)
    for assessed in missed[: NEAR_MISS_SIZE - len(near)]:
        would = 1 + sum(1 for pick in top if pick.key < assessed.key)
        near.append(
            NearMiss(
                assessed.candidate,
                " ".join(assessed.failures),
                would if would <= SHORTLIST_SIZE else None,
            )
        )
    return tuple(near)


# -- explanations ------------------------------------------------------------------


def _speed_text(run):
    decode = run.fit.result.decode_tokens_per_s if run.fit else None
    if not decode:
        return "no speed estimate"
    return f"about {decode.expected:.0f} tok/s ({run.fit.result.evidence})"


def _difference(better, worse, better_name, worse_name):
    """Why `better` ranks above `worse`: the first rule that separates them, as a sentence."""
    a, b = capability(better), capability(worse)
    total = len(better.runs)
    ok = better.use.ok
    if a[0] != b[0]:
        return (
            f"{better.target.model.name}: {ok} on {better_name}, "
            f"{_short(worse.target)} on {worse_name}."
        )
    if a[1] != b[1]:
        return (
            f"{-a[1]} of the {total} representative models {ok} on {better_name}, "
            f"{-b[1]} on {worse_name}."
        )
    if a[2] != b[2]:
        return (
            f"{-a[2]} of the {total} models run at all on {better_name}{better.use.measure}, "
            f"{-b[2]} on {worse_name}."
        )
    if a[3] != b[3]:
        return (
            f"{better_name}'s largest comfortable model is bigger ({-a[3]:g}B parameters, "
            f"against {-b[3]:g}B on {worse_name})."
        )
    if a[4] != b[4]:
        yard_a, yard_b = _yardstick(better), _yardstick(worse)
        if yard_a is not None and yard_a.fit is not None and yard_b is not None:
            return (
                f"{better_name} is faster on {yard_a.model.name}: {_speed_text(yard_a)}, "
                f"against {_speed_text(yard_b)} on {worse_name}."
            )
        return (
            f"{better_name} has more memory per card ({better.candidate.memory_gb:g} GB, "
            f"against {worse.candidate.memory_gb:g} GB on {worse_name})."
        )
    if better.price != worse.price:
        if worse.price is None:
            return (
                f"{better_name} ties with {worse_name} on every rule and has a known price; "
                f"{worse_name} has none."
            )
        return (
            f"{better_name} ties with {worse_name} on every rule and costs less "
            f"(${better.price:,.0f} against ${worse.price:,.0f})."
        )
    return (
        f"{better_name} ties with {worse_name} on every rule and on price; "
        "the catalog slug breaks the tie alphabetically."
    )


def _short(run):
    """What falls short about a run, in a few words."""
    if run.verdict == FITS_8:
        return "its weights fit only at 8-bit"
    if run.verdict == TOO_BIG:
        return "its weights don't fit in one card"
    if run.verdict == TRADE_OFFS:
        return "it runs only with trade-offs"
    return "it doesn't run"


def _yardstick(assessed):
    if assessed.target is not None:
        return assessed.target
    comfortable = [r for r in assessed.runs if r.comfortable]
    return max(comfortable, key=lambda r: r.model.params_b, default=None)


def _pick(index, top, answers, use, catalog, cache, *, used=False):
    assessed = top[index]
    candidate = assessed.candidate
    why = [_summary(assessed, use)]
    if used:
        # The used-market list is ordered by price, not by the ranking rules.
        over = assessed.price - answers.budget_usd
        why.append(f"Listed by launch MSRP, closest to your budget first: ${over:,.0f} over.")
    else:
        if index > 0:
            why.append(_difference(top[index - 1], assessed, f"#{index}", "this one"))
        if index + 1 < len(top):
            why.append(_difference(assessed, top[index + 1], "this one", f"#{index + 2}"))
    largest = None
    if not answers.target:
        largest = _largest(candidate, use, catalog, cache)
    paid, adds = _paid_price(candidate, answers)
    owned_inside = bool(answers.owned) and set(candidate.parts) == {answers.owned}
    return Pick(
        rank=index + 1,
        candidate=candidate,
        runs=assessed.runs,
        target=assessed.target,
        price=paid,
        price_text=_price_text(candidate, paid, adds if owned_inside else 0),
        adds=adds if owned_inside and candidate.is_build else 0,
        why=tuple(why),
        buy_if=tuple(_buy_if(assessed, top, use, largest)),
        skip_if=tuple(_skip_if(assessed, use)),
        largest=largest,
    )


def _price_text(candidate, paid, adds):
    if candidate.price is None:
        return "No price in the catalog"
    if candidate.is_build and adds:
        cards = "card" if adds == 1 else "cards"
        return f"{describe_price(candidate.price, paid)} for {adds} more {cards} (you own one)"
    return describe_price(candidate.price)


def _summary(assessed, use):
    comfortable = sum(r.comfortable for r in assessed.runs)
    text = f"{comfortable} of {len(assessed.runs)} representative models {use.ok}"
    if use.context:
        text += f" at {use.context:,} tokens"
    yard = _yardstick(assessed)
    if yard is not None and yard.fit is not None:
        text += f"; {_speed_text(yard)} on {yard.model.name}"
    return text + "."


def _largest(candidate, use, catalog, cache):
    """The largest catalog model this candidate runs well at the use's context (or floor)."""
    pool = [m for m in catalog.models.values() if fits_use(m, use)]
    pool.sort(key=lambda m: (-m.params_b, m.slug))
    for model in pool:
        found = run(model, candidate, use, catalog.evidence, cache)
        if found.comfortable:
            return found
    return None


def _buy_if(assessed, top, use, largest):
    reasons = []
    candidate = assessed.candidate
    if assessed.target is not None and assessed.target.comfortable:
        reasons.append(f"{assessed.target.model.name} must {assessed.use.ok}")
    yard = _yardstick(assessed)
    if yard is not None:
        reasons.append(f"you want models up to {yard.model.name} to {assessed.use.ok}")
    prices = [a.price for a in top if a.price is not None]
    if assessed.price is not None and len(prices) > 1 and assessed.price == min(prices):
        reasons.append("price matters most: it is the cheapest on this shortlist")
    speeds = [(_yardstick(a), a) for a in top]
    if use.kind == LLM and yard is not None and yard.fit is not None:
        same = [y.speed for y, _a in speeds if y is not None and y.model.slug == yard.model.slug]
        if len(same) > 1 and yard.speed == max(same):
            reasons.append(f"speed matters: fastest on {yard.model.name} of this shortlist")
    if candidate.kind in ("apple", "apu"):
        reasons.append("you want one complete machine with unified memory, not a card")
    if candidate.tdp_w is not None and candidate.tdp_w <= QUIET_MAX_TDP_W:
        reasons.append(f"power and noise matter: {candidate.tdp_w} W listed TDP")
    return reasons[:4]


def _skip_if(assessed, use):
    reasons = []
    candidate = assessed.candidate
    short = [r for r in assessed.runs if not r.comfortable]
    if short:
        first = short[0]
        reasons.append(f"you need {first.model.name}: {_short(first)} here")
    if candidate.tdp_w is not None and candidate.tdp_w > QUIET_MAX_TDP_W:
        reasons.append(f"power or noise matters: {candidate.tdp_w} W listed TDP")
    elif candidate.tdp_w is None:
        reasons.append("you need to know its power draw: the catalog has no TDP for it")
    if candidate.kind != "apple" and "cuda" not in candidate.backends:
        listed = ", ".join(sorted(candidate.backends))
        reasons.append(f"your software needs CUDA: the catalog lists {listed} only")
    if candidate.is_build:
        reasons.append(f"you want a single card: this is {candidate.count} cards in one machine")
    if candidate.price is None:
        reasons.append("you need a price: the catalog has none for it")
    elif candidate.price.kind == "msrp":
        reasons.append("you need today's price: only the launch MSRP is in the catalog")
    return reasons[:4]


def _notes(answers, use, catalog, picks):
    notes = []
    street = sum(1 for c in catalog.candidates if c.price and c.price.kind == "street")
    if street == 0:
        notes.append(
            "No catalog item has a dated street price yet, so prices are launch MSRPs "
            "with their launch dates; today's prices may differ."
        )
    if answers.condition == "used" and answers.budget_usd is None:
        notes.append("The catalog has no used prices; with no budget, none are needed here.")
    elif answers.condition == "used":
        notes.append(
            "The catalog has no used prices. The budget is still checked against the "
            "launch MSRP; cards whose MSRP is over your budget but that otherwise match "
            "are listed below under “check the used market”, because only a used listing "
            "can tell whether one fits."
        )
    if answers.budget_usd is None:
        notes.append(
            "No budget given: items without a price in the catalog are ranked too, "
            "and price only breaks ties."
        )
    if use.kind != LLM:
        notes.append(
            f"Speeds are not estimated for {use.label}: the fit engine sizes language models only."
        )
    if answers.os in ("linux", "windows"):
        notes.append(
            "The catalog lists each runtime's operating systems and backends separately, "
            "so it cannot tell whether a backend works on a given OS (ROCm support on "
            "Windows covers fewer cards, for example): check the compatibility page."
        )
    if answers.owned:
        notes.append(
            "With a card you already own, builds made of more copies of it cost only the "
            "added cards, and single cards must beat yours to be listed. Pairing two "
            "different cards is not modelled."
        )
    if not picks:
        notes.append("Nothing in the catalog meets every answer: see the near-misses below.")
    return tuple(notes)


RULES = (
    "Hard constraints first: the platform (macOS means Apple silicon; Linux and Windows "
    "mean devices with a backend the use's software lists), the form factor, the power "
    f"limit (quiet means a listed TDP of at most {QUIET_MAX_TDP_W} W) and the budget.",
    "If you name a model, a candidate must run it; one that runs it comfortably ranks "
    "above one that needs trade-offs.",
    "Then: more of the use's representative models running comfortably, then more "
    "running at all, then a bigger largest comfortable model.",
    "Then speed: the engine's expected decode speed on that largest comfortable model "
    "(or on the model you named). For image generation and fine-tuning, which the "
    "engine does not estimate, more memory per card instead.",
    "Ties: the lower price wins, then the catalog slug in alphabetical order, so the "
    "same answers always give the same list.",
)
