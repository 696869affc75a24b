"""
The "Cost vs cloud" maths: owning a machine against paying per token or per GPU-hour.

Pure Python (dataclasses in, dataclasses out, no ORM). The view resolves catalog
rows and engine speeds into these inputs; everything here is arithmetic that a
reader can redo by hand from the page:

    days per month     = 365.25 / 12 (30.44)
    input tokens/day   = tokens/day × input share;  output tokens/day = the rest
    generation h/day   = input tokens/day ÷ prefill tok/s ÷ 3600
                         + output tokens/day ÷ decode tok/s ÷ 3600
                         (or the hours/day the reader gives, from which tokens/day
                         follow by the same formula turned round)
    electricity/month  = power draw (kW) × generation h/day × days/month × $/kWh
    depreciation/month = (purchase price − resale value) ÷ ownership months
    local/month        = electricity/month + depreciation/month
    local $/M tokens   = local/month ÷ (tokens/month ÷ 1,000,000)
    API/month          = (input tokens/month × $/M in + output tokens/month × $/M out) ÷ 1e6
    rental/month       = GPU-instance hours/month × $/hour, the hours timed at the
                         rented GPU's own speed when known

Cumulative cost is the cash a reader actually spends: the purchase price on day
one plus electricity each month, with the resale value coming back only in the
last month of the ownership period (a machine is not sold every month). The
break-even month is the first month whose cumulative local cost is at or below
the cloud option's; "never" when that does not happen within the period.

Capacity: a day has 24 hours. Usage that needs more generation time than that at
the engine's speed is flagged as unreachable, with the hours it would need and
the most tokens per day the machine can produce, and no local cost is computed.
"""

from dataclasses import dataclass, field, replace

DAYS_PER_MONTH = 365.25 / 12
SECONDS_PER_DAY = 24 * 3600
MILLION = 1_000_000


@dataclass(frozen=True)
class Speed:
    """Tokens per second for one model on one machine (prefill may be unknown)."""

    decode: float
    prefill: float | None = None

    def seconds_for(self, input_tokens: float, output_tokens: float) -> float:
        # Without a prefill figure, prompt tokens are timed at the decode speed:
        # prompt processing is almost always faster, so this errs towards cost.
        prefill = self.prefill or self.decode
        return input_tokens / prefill + output_tokens / self.decode

    def tokens_in(self, seconds: float, input_share: float) -> float:
        """How many tokens (with this input share) fit in `seconds` of generation."""
        per_token = self.seconds_for(input_share, 1 - input_share)
        return seconds / per_token


@dataclass(frozen=True)
class Usage:
    """How much a reader uses a model: tokens per day, or hours of generation per day."""

    input_share: float
    tokens_per_day: float | None = None
    hours_per_day: float | None = None

    def __post_init__(self):
        if (self.tokens_per_day is None) == (self.hours_per_day is None):
            raise ValueError("Give either tokens per day or hours per day.")
        if not 0 <= self.input_share <= 1:
            raise ValueError("The input share is a fraction between 0 and 1.")


@dataclass(frozen=True)
class LocalMachine:
    price_usd: float
    resale_usd: float
    power_watts: float
    electricity_per_kwh: float
    months: int
    speed: Speed

    def __post_init__(self):
        if self.resale_usd > self.price_usd:
            raise ValueError("The resale value cannot exceed the purchase price.")
        if self.months < 1:
            raise ValueError("Own the machine for at least a month.")


@dataclass(frozen=True)
class APIOption:
    key: str
    name: str
    input_per_million: float
    output_per_million: float


@dataclass(frozen=True)
class RentalOption:
    key: str
    name: str
    price_per_hour: float
    # None: the rented GPU's speed is unknown and the local machine's is used.
    speed: Speed | None = None


@dataclass(frozen=True)
class Workload:
    tokens_per_day: float
    input_tokens_per_day: float
    output_tokens_per_day: float
    hours_per_day: float
    max_tokens_per_day: float

    @property
    def reachable(self) -> bool:
        return self.hours_per_day <= 24

    @property
    def tokens_per_month(self) -> float:
        return self.tokens_per_day * DAYS_PER_MONTH


@dataclass(frozen=True)
class Option:
    """One way of getting the tokens: its monthly cost and cumulative cost by month."""

    key: str
    name: str
    kind: str  # "local", "api" or "rental"
    monthly: float
    cumulative: tuple[float, ...]
    per_million: float | None
    break_even_month: int | None = None
    hours_per_month: float | None = None
    speed_known: bool = True

    @property
    def total(self) -> float:
        return self.cumulative[-1]


@dataclass(frozen=True)
class Comparison:
    workload: Workload
    months: int
    local: Option | None
    electricity_monthly: float | None
    depreciation_monthly: float | None
    options: list[Option] = field(default_factory=list)

    @property
    def reachable(self) -> bool:
        return self.workload.reachable


def workload(usage: Usage, speed: Speed) -> Workload:
    """Tokens and generation hours per day for this usage on a machine of this speed."""
    max_tokens = speed.tokens_in(SECONDS_PER_DAY, usage.input_share)
    if usage.hours_per_day is not None:
        tokens = speed.tokens_in(usage.hours_per_day * 3600, usage.input_share)
    else:
        tokens = usage.tokens_per_day
    input_tokens = tokens * usage.input_share
    output_tokens = tokens - input_tokens
    hours = speed.seconds_for(input_tokens, output_tokens) / 3600
    return Workload(
        tokens_per_day=tokens,
        input_tokens_per_day=input_tokens,
        output_tokens_per_day=output_tokens,
        hours_per_day=hours,
        max_tokens_per_day=max_tokens,
    )


def local_monthly(machine: LocalMachine, hours_per_day: float) -> tuple[float, float]:
    """(electricity, depreciation) per month."""
    electricity = (
        machine.power_watts / 1000 * hours_per_day * DAYS_PER_MONTH * machine.electricity_per_kwh
    )
    depreciation = (machine.price_usd - machine.resale_usd) / machine.months
    return electricity, depreciation


def local_per_million(machine: LocalMachine, usage: Usage, speed: Speed) -> float | None:
    """Local $/M tokens at a given speed (None when that speed cannot deliver the usage)."""
    work = workload(usage, speed)
    if not work.reachable or work.tokens_per_day <= 0:
        return None
    electricity, depreciation = local_monthly(machine, work.hours_per_day)
    return (electricity + depreciation) / (work.tokens_per_month / MILLION)


def local_cumulative(machine: LocalMachine, electricity_monthly: float) -> tuple[float, ...]:
    """Cash spent by the end of each month 0…N; the resale value returns in month N."""
    series = [machine.price_usd + month * electricity_monthly for month in range(machine.months)]
    series.append(machine.price_usd + machine.months * electricity_monthly - machine.resale_usd)
    return tuple(series)


def linear(monthly: float, months: int) -> tuple[float, ...]:
    return tuple(monthly * month for month in range(months + 1))


def break_even(local: tuple[float, ...], cloud: tuple[float, ...]) -> int | None:
    """The first month (1…N) in which owning has cost no more than the cloud option."""
    for month in range(1, len(local)):
        if local[month] <= cloud[month]:
            return month
    return None


def api_monthly(api: APIOption, work: Workload) -> float:
    days = DAYS_PER_MONTH
    return (
        work.input_tokens_per_day * days * api.input_per_million
        + work.output_tokens_per_day * days * api.output_per_million
    ) / MILLION


def rental_hours_per_month(rental: RentalOption, work: Workload, local_speed: Speed) -> float:
    speed = rental.speed or local_speed
    seconds = speed.seconds_for(work.input_tokens_per_day, work.output_tokens_per_day)
    return seconds / 3600 * DAYS_PER_MONTH


def compare(
    *,
    machine: LocalMachine,
    usage: Usage,
    apis: list[APIOption],
    rentals: list[RentalOption],
) -> Comparison:
    """Every option's monthly and cumulative cost, with break-even months against owning."""
    work = workload(usage, machine.speed)
    months = machine.months
    local = None
    electricity = depreciation = None
    if work.reachable:
        electricity, depreciation = local_monthly(machine, work.hours_per_day)
        per_million = None
        if work.tokens_per_day > 0:
            per_million = (electricity + depreciation) / (work.tokens_per_month / MILLION)
        local = Option(
            key="local",
            name="Your hardware",
            kind="local",
            monthly=electricity + depreciation,
            cumulative=local_cumulative(machine, electricity),
            per_million=per_million,
            hours_per_month=work.hours_per_day * DAYS_PER_MONTH,
        )

    options = []
    for api in apis:
        monthly = api_monthly(api, work)
        options.append(_cloud_option(api.key, api.name, "api", monthly, months, work, local))
    for rental in rentals:
        hours = rental_hours_per_month(rental, work, machine.speed)
        option = _cloud_option(
            rental.key, rental.name, "rental", hours * rental.price_per_hour, months, work, local
        )
        options.append(replace(option, hours_per_month=hours, speed_known=rental.speed is not None))
    return Comparison(
        workload=work,
        months=months,
        local=local,
        electricity_monthly=electricity,
        depreciation_monthly=depreciation,
        options=options,
    )


def _cloud_option(key, name, kind, monthly, months, work, local):
    cumulative = linear(monthly, months)
    per_million = monthly / (work.tokens_per_month / MILLION) if work.tokens_per_day > 0 else None
    return Option(
        key=key,
        name=name,
        kind=kind,
        monthly=monthly,
        cumulative=cumulative,
        per_million=per_million,
        break_even_month=break_even(local.cumulative, cumulative) if local else None,
    )
