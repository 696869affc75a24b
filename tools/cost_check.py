"""
The "Cost vs cloud" calculator: from validated form data to tools.cost inputs and back.

Speeds come from the fit engine through tools.catalog_fit (the same answer the
checker gives for this model on this machine); prices and power draw from the
catalog unless the reader overrides them. The arithmetic lives in tools.cost.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Prefetch

from catalog.models import Benchmark, Build, BuildItem, Hardware
from tools import catalog_fit, checker, cost
from tools import fit as engine

from .forms_cost import HOURS

CHART_WIDTH = 600
CHART_HEIGHT = 260
TABLE_STEP_MONTHS = 6


class MissingInput(ValueError):
    """A number the catalog does not know and the reader has to give."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Priced:
    """A cloud price row next to what it costs for this workload."""

    price: object
    option: cost.Option | None
    problem: str = ""


@dataclass(frozen=True)
class CostCheck:
    fit: catalog_fit.Fit
    price_usd: float
    price_from_catalog: bool
    power_watts: float
    power_from_catalog: bool
    speed: cost.Speed | None
    expected_speed: cost.Speed | None
    comparison: cost.Comparison | None
    expected_per_million: float | None
    apis: list[Priced] = field(default_factory=list)
    rentals: list[Priced] = field(default_factory=list)
    chart: dict | None = None
    table: list = field(default_factory=list)
    problem: str = ""

    @property
    def runs(self):
        return self.comparison is not None


def resolve_machine(data):
    """(catalog Device, catalog price, catalog power draw in W) for a "hw:"/"build:" choice."""
    prefix, _, slug = data["hardware"].partition(":")
    if prefix == "build":
        items = Prefetch("items", queryset=BuildItem.objects.select_related("hardware__vendor"))
        build = Build.objects.published().prefetch_related(items).get(slug=slug)
        device = catalog_fit.device_for_build(build, system_ram_gb=data.get("system_ram_gb"))
        watts = [item.hardware.tdp_w for item in build.items.all()]
        power = (
            sum(item.hardware.tdp_w * item.count for item in build.items.all())
            if all(watts)
            else None
        )
        return device, device.price_usd, power
    hardware = Hardware.objects.published().select_related("vendor").get(slug=slug)
    count = data["count"] if hardware.kind == "gpu" else 1
    device = catalog_fit.device_for_hardware(
        hardware, count=count, system_ram_gb=data.get("system_ram_gb")
    )
    price = float(hardware.price_usd) * count if hardware.price_usd else None
    power = hardware.tdp_w * count if hardware.tdp_w else None
    return device, price, power


def check(data):
    """Everything the result panel shows; raises MissingInput for numbers only the reader has."""
    device, catalog_price, catalog_power = resolve_machine(data)
    device = replace(device, spec=checker._with_ram(device.spec, data))
    price = _given(data.get("price_usd")) or catalog_price
    if not price:
        raise MissingInput(
            "price_usd", f"The catalog has no price for {device.name}: enter what you paid."
        )
    power = data.get("power_watts") or catalog_power
    if not power:
        raise MissingInput(
            "power_watts",
            f"The catalog has no power draw for {device.name}: enter it (the TDP is an upper "
            "bound for the card alone).",
        )
    resale = _given(data["resale_usd"])
    if resale > price:
        raise MissingInput("resale_usd", "The resale value cannot exceed the purchase price.")

    # The catalog's exact file sizes, as the checker uses them: the two tools
    # must never give the same set-up different verdicts.
    model = catalog_fit.with_file_sizes(data["model"])
    benchmarks = Benchmark.objects.published().with_related().filter(model=model)
    evidence = catalog_fit.Evidence.from_benchmarks(benchmarks.filter_device(device.key))
    spec = catalog_fit.model_spec(model)
    local_fit = catalog_fit.fit(model, device, quant=data["quant"], evidence=evidence, spec=spec)
    base = {
        "fit": local_fit,
        "price_usd": price,
        "price_from_catalog": not data.get("price_usd"),
        "power_watts": float(power),
        "power_from_catalog": not data.get("power_watts"),
    }
    result = local_fit.result
    if result.verdict == engine.WONT_RUN:
        return CostCheck(
            **base,
            speed=None,
            expected_speed=None,
            comparison=None,
            expected_per_million=None,
            problem=f"{model.name} at {data['quant']} does not run on {device.name}, so "
            "there is no local cost to compare. Try a smaller quantization or model, or "
            "give the system RAM it could offload to.",
        )
    # A zero speed (or none) would make every hour count infinite: say so instead.
    if not result.decode_tokens_per_s or result.decode_tokens_per_s.low <= 0:
        return CostCheck(
            **base,
            speed=None,
            expected_speed=None,
            comparison=None,
            expected_per_million=None,
            problem="The engine has no speed for this set-up, so the tokens it can produce "
            "are unknown: for a model partly in system RAM, give that RAM's bandwidth.",
        )

    speed = _speed(result, "low")
    expected = _speed(result, "expected")
    usage = _usage(data)
    machine = cost.LocalMachine(
        price_usd=price,
        resale_usd=resale,
        power_watts=float(power),
        electricity_per_kwh=float(data["electricity_per_kwh"]),
        months=data["months"],
        speed=speed,
    )
    api_options = [
        cost.APIOption(p.slug, str(p), float(p.input_per_million), float(p.output_per_million))
        for p in data["apis"]
    ]
    rental_options, rental_problems = _rentals(model, spec, data)
    comparison = cost.compare(
        machine=machine, usage=usage, apis=api_options, rentals=rental_options
    )
    by_key = {option.key: option for option in comparison.options}
    expected_machine = replace(machine, speed=expected)
    return CostCheck(
        **base,
        speed=speed,
        expected_speed=expected,
        comparison=comparison,
        expected_per_million=cost.local_per_million(expected_machine, usage, expected),
        apis=[Priced(p, by_key.get(p.slug)) for p in data["apis"]],
        rentals=[
            Priced(p, by_key.get(p.slug), rental_problems.get(p.slug, "")) for p in data["rentals"]
        ],
        chart=chart(comparison),
        table=table(comparison),
    )


def _given(value):
    return float(value) if value is not None else 0.0


def _speed(result, end):
    decode = getattr(result.decode_tokens_per_s, end)
    prefill = result.prefill_tokens_per_s
    return cost.Speed(decode=decode, prefill=getattr(prefill, end) if prefill else None)


def _usage(data):
    share = data["input_share"] / 100
    if data["usage_mode"] == HOURS:
        return cost.Usage(input_share=share, hours_per_day=float(data["hours_per_day"]))
    return cost.Usage(input_share=share, tokens_per_day=float(data["tokens_per_day"]))


def _rentals(model, spec, data):
    """Rental options timed at the rented GPU's engine speed when the catalog knows the GPU."""
    options, problems = [], {}
    for rental in data["rentals"]:
        speed = None
        if rental.hardware_id:
            device = catalog_fit.device_for_hardware(rental.hardware, count=rental.gpu_count)
            rented = catalog_fit.fit(model, device, quant=data["quant"], spec=spec).result
            if rented.verdict == engine.WONT_RUN:
                problems[rental.slug] = f"{model.name} at {data['quant']} does not fit on it."
                continue
            if rented.decode_tokens_per_s and rented.decode_tokens_per_s.low > 0:
                speed = _speed(rented, "low")
        options.append(
            cost.RentalOption(rental.slug, str(rental), float(rental.price_per_hour), speed)
        )
    return options, problems


def _series(comparison):
    series = []
    if comparison.local:
        series.append(comparison.local)
    series.extend(comparison.options)
    return series


def chart(comparison):
    """Polyline points for the cumulative-cost chart, scaled to a fixed viewBox."""
    series = _series(comparison)
    if not series:
        return None
    top = max(max(option.cumulative) for option in series) or 1
    months = comparison.months
    lines = []
    for index, option in enumerate(series):
        points = " ".join(
            f"{month / months * CHART_WIDTH:.1f},{CHART_HEIGHT - value / top * CHART_HEIGHT:.1f}"
            for month, value in enumerate(option.cumulative)
        )
        lines.append({"option": option, "points": points, "index": index % 8})
    return {"lines": lines, "top": top, "width": CHART_WIDTH, "height": CHART_HEIGHT}


def table(comparison):
    """Cumulative cost every six months (and the last month), one column per option."""
    months = sorted({*range(0, comparison.months + 1, TABLE_STEP_MONTHS), comparison.months})
    series = _series(comparison)
    return [(month, [option.cumulative[month] for option in series]) for month in months]
