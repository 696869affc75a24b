from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Least, Upper
from django.urls import reverse

from editorial.models import Publishable, PublishableQuerySet, Status

from .ai_models import AIModel
from .hardware import Build, Hardware
from .reference import Quantization
from .software import Software


class Backend(models.TextChoices):
    CUDA = "cuda", "CUDA"
    ROCM = "rocm", "ROCm"
    METAL = "metal", "Metal"
    VULKAN = "vulkan", "Vulkan"
    SYCL = "sycl", "SYCL"
    CPU = "cpu", "CPU"


class SourceKind(models.TextChoices):
    FIRST_PARTY = "first-party", "First-party (measured by RunLocalAI)"
    COMMUNITY = "community", "Community"
    OFFICIAL = "official", "Official (vendor or project)"
    READER = "reader", "Reader submission (reviewed)"


class TrustTier(models.TextChoices):
    """
    The trust ladder, computed from the catalog (BenchmarkQuerySet.with_trust), never set.

    submitted: one report. reproduced: another published row matches it (see
    REPRODUCTION_TOLERANCE). independently reproduced: a matching row comes from
    someone else — another reader, or another cited source.
    """

    SUBMITTED = "submitted", "Submitted"
    REPRODUCED = "reproduced", "Reproduced"
    INDEPENDENTLY_REPRODUCED = "independently-reproduced", "Independently reproduced"


# Ladder rungs by the rank with_trust() computes (0, 1 or 2).
TRUST_LADDER = (
    TrustTier.SUBMITTED,
    TrustTier.REPRODUCED,
    TrustTier.INDEPENDENTLY_REPRODUCED,
)

# Two runs agree when the faster figure is at most 10 % above the slower one, for
# every speed both report. Repeated runs on one machine vary little (llama-bench
# prints the spread in its ± column); two owners of the same card add driver,
# build, clock and cooling differences. The next quant size up reads more than
# 10 % more bytes per token (Q4_K_M ≈ 4.85 bits per weight, Q5_K_M ≈ 5.69: +17 %),
# so a mislabelled quant still fails to match.
REPRODUCTION_TOLERANCE = Decimal("0.10")

# The SQL twin of catalog.submissions.parsers.quant_family: Q4_K_M and Q4_K_S are Q4_K.
QUANT_FAMILY_PATTERN = "_(XXS|XS|S|M|L|XL|NL)$"


def quant_family_expression(field):
    return models.Func(
        Upper(field),
        Value(QUANT_FAMILY_PATTERN),
        Value(""),
        function="REGEXP_REPLACE",
        output_field=models.CharField(),
    )


def _agrees(field, factor):
    """Both rows report `field` and the faster is within the tolerance of the slower."""
    return Q(
        **{f"{field}__lte": OuterRef(field) * factor, f"{field}__gte": OuterRef(field) / factor}
    )


def _compatible(field, factor):
    """`field` agrees, or one of the two rows does not report it."""
    return Q(**{f"{field}__isnull": True}) | Q(
        **{
            f"{field}__lte": Coalesce(OuterRef(field) * factor, F(field)),
            f"{field}__gte": Coalesce(OuterRef(field) / factor, F(field)),
        }
    )


def prompt_length_expression():
    """
    The prompt length a prefill figure was measured over, as text, or NULL.

    Prefill speed depends strongly on prompt length (a 15-token chat prompt is far
    slower per token than pp512), so prefill is compared only between equal lengths:
    the stated prompt tokens, else the number in a llama-bench test name (pp512).
    """
    from_test = models.Func(
        F("test"), Value(r"^pp(\d+)"), function="SUBSTRING", arg_joiner=" FROM "
    )
    return Coalesce(
        Cast("prompt_tokens", models.CharField()), from_test, output_field=models.CharField()
    )


def _same_prompt_length():
    # Unknown lengths never compare equal: the sentinels differ on each side.
    return Q(
        match_prompt_length=Coalesce(
            OuterRef("trust_prompt_length"),
            Value("unknown (this row)"),
            output_field=models.CharField(),
        )
    )


class BenchmarkQuerySet(PublishableQuerySet):
    def with_related(self):
        """Rows ready for display: related names in the same query, and the trust tier."""
        return self.select_related(
            "model", "quantization", "hardware", "build", "software"
        ).with_trust()

    def with_trust(self):
        """
        Annotate `trust_rank` (0, 1, 2; see TRUST_LADDER) in the same query.

        A row's matches are the other *published* rows with the same model,
        quantization family, device (hardware SKU or build), software (any version)
        and backend, whose speeds agree within REPRODUCTION_TOLERANCE on at least
        one figure both report and disagree on none (prefill counts only between
        equal prompt lengths; see prompt_length_expression). A match from another
        submitter makes the row independently reproduced. A submitter is the
        reader (a keyed hash of their address) or, for cited rows, the source URL.
        """
        factor = 1 + REPRODUCTION_TOLERANCE
        identity = Coalesce(
            F("submission__submitter_key"), F("source_url"), output_field=models.CharField()
        )
        matches = (
            Benchmark.objects.filter(
                status=Status.PUBLISHED,
                model_id=OuterRef("model_id"),
                software_id=OuterRef("software_id"),
                backend=OuterRef("backend"),
            )
            .filter(Q(hardware_id=OuterRef("hardware_id")) | Q(build_id=OuterRef("build_id")))
            .exclude(pk=OuterRef("pk"))
            .annotate(
                match_quant_family=quant_family_expression("quantization__name"),
                match_identity=identity,
                match_prompt_length=Coalesce(
                    prompt_length_expression(),
                    Value("unknown (other row)"),
                    output_field=models.CharField(),
                ),
            )
            .filter(match_quant_family=OuterRef("trust_quant_family"))
            .filter(
                _agrees("decode_tokens_per_s", factor)
                | (_same_prompt_length() & _agrees("prefill_tokens_per_s", factor))
            )
            .filter(_compatible("decode_tokens_per_s", factor))
            .filter(~_same_prompt_length() | _compatible("prefill_tokens_per_s", factor))
            .order_by()
            .values("model_id")
            .annotate(
                rank=Least(Count("pk"), 1)
                + Least(Count("pk", filter=~Q(match_identity=OuterRef("trust_identity"))), 1)
            )
            .values("rank")
        )
        return self.alias(
            trust_identity=identity,
            trust_quant_family=quant_family_expression("quantization__name"),
            trust_prompt_length=prompt_length_expression(),
        ).annotate(trust_rank=Coalesce(Subquery(matches[:1]), 0))

    def at_tier(self, tier):
        """Rows on exactly this rung of the ladder (annotates the tier if needed)."""
        return self.with_trust().filter(trust_rank=TRUST_LADDER.index(tier))

    def filter_device(self, slug):
        """Benchmarks on a device or build, by its slug (slugs are the engine's device keys)."""
        return self.filter(models.Q(hardware__slug=slug) | models.Q(build__slug=slug))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Benchmark(Publishable):
    """One measurement: a model file on a device (or build) with a named runtime."""

    slug = models.SlugField(unique=True, max_length=120)
    model = models.ForeignKey(AIModel, on_delete=models.PROTECT, related_name="benchmarks")
    quantization = models.ForeignKey(Quantization, on_delete=models.PROTECT, related_name="+")
    model_file_gib = models.DecimalField(
        "model file (GiB)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    hardware = models.ForeignKey(
        Hardware, on_delete=models.PROTECT, null=True, blank=True, related_name="benchmarks"
    )
    build = models.ForeignKey(
        Build, on_delete=models.PROTECT, null=True, blank=True, related_name="benchmarks"
    )
    software = models.ForeignKey(
        Software, on_delete=models.PROTECT, null=True, blank=True, related_name="benchmarks"
    )
    software_version = models.CharField(max_length=120, blank=True)
    backend = models.CharField(max_length=10, choices=Backend)
    setup = models.CharField(
        max_length=200,
        blank=True,
        help_text="As the source describes it, e.g. “RunPod, CUDA 12.1”.",
    )
    test = models.CharField(
        max_length=40, help_text="What was measured, e.g. pp512, tg128, eval rate of a run."
    )
    context = models.PositiveIntegerField(null=True, blank=True)
    prompt_tokens = models.PositiveIntegerField(null=True, blank=True)
    generated_tokens = models.PositiveIntegerField(null=True, blank=True)
    decode_tokens_per_s = models.DecimalField(
        "decode (tok/s)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(100_000)],
    )
    prefill_tokens_per_s = models.DecimalField(
        "prefill (tok/s)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(10_000_000)],
    )
    time_to_first_token_ms = models.PositiveIntegerField(null=True, blank=True)
    vram_used_gb = models.DecimalField(
        "VRAM used (GiB)", max_digits=8, decimal_places=3, null=True, blank=True
    )
    ram_used_gb = models.DecimalField(
        "RAM used (GiB)", max_digits=8, decimal_places=3, null=True, blank=True
    )
    power_w = models.PositiveIntegerField("power (W)", null=True, blank=True)
    offloaded = models.BooleanField(
        "partly offloaded to system RAM",
        default=False,
        help_text="Weights or KV cache partly in system RAM.",
    )
    run_date = models.DateField(null=True, blank=True)
    run_date_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="When the source gives no exact date, what it does say.",
    )
    command = models.TextField(blank=True)
    source_url = models.URLField(
        "source URL",
        max_length=500,
        blank=True,
        help_text="Required, except for reader submissions (their log is the source).",
    )
    source_kind = models.CharField(max_length=12, choices=SourceKind)
    notes = models.TextField(blank=True)

    objects = BenchmarkQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 90

    class Meta(Publishable.Meta):
        ordering = ["model__name", "-decode_tokens_per_s"]
        # with_trust() looks for matches of one model on one device for every row
        # it lists; these keep that lookup to the few rows of the same set-up.
        indexes = [
            models.Index(fields=["model", "hardware"], name="benchmark_model_hardware"),
            models.Index(fields=["model", "build"], name="benchmark_model_build"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hardware__isnull=False, build__isnull=True)
                | models.Q(hardware__isnull=True, build__isnull=False),
                name="benchmark_on_hardware_or_build",
            ),
            models.CheckConstraint(
                condition=models.Q(decode_tokens_per_s__isnull=False)
                | models.Q(prefill_tokens_per_s__isnull=False),
                name="benchmark_measures_something",
            ),
        ]

    def __str__(self):
        return f"{self.model} {self.quantization} on {self.device} — {self.test}"

    def get_absolute_url(self):
        return reverse("catalog:benchmark_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def device(self):
        return self.hardware or self.build

    @property
    def trust_tier(self):
        """
        This row's rung on the trust ladder (a TrustTier).

        Read from the `trust_rank` annotation (with_related() and with_trust() add
        it); without it, one extra query computes it, so lists must annotate.
        """
        rank = getattr(self, "trust_rank", None)
        if rank is None:
            if self.pk is None:
                return TrustTier.SUBMITTED
            rank = (
                type(self)
                .objects.filter(pk=self.pk)
                .with_trust()
                .values_list("trust_rank", flat=True)
                .first()
            )
            self.trust_rank = rank or 0
        return TRUST_LADDER[rank or 0]

    def get_trust_tier_display(self):
        return self.trust_tier.label

    @property
    def is_reader_submission(self):
        return self.source_kind == SourceKind.READER

    @property
    def counts_as_measured(self):
        """
        Whether the fit engine may call this row "measured" evidence.

        Cited rows were checked against their source by an editor; a reader's
        submission counts once another published row reproduces it, and is
        "community" evidence until then.
        """
        return not self.is_reader_submission or self.trust_tier != TrustTier.SUBMITTED

    def clean(self):
        errors = {}
        if not self.source_url and not self.is_reader_submission:
            errors["source_url"] = "Cite the source: a URL where the measurement was published."
        if bool(self.hardware_id) == bool(self.build_id):
            errors["hardware"] = "Choose either one device or a build."
        if self.decode_tokens_per_s is None and self.prefill_tokens_per_s is None:
            errors["decode_tokens_per_s"] = "A benchmark measures decode or prefill speed."
        if self.run_date is None and not self.run_date_note:
            errors["run_date"] = "Give the run date, or say what the source states about it."
        if not errors and not self.offloaded:
            problem = self.offload_problem()
            if problem:
                errors["offloaded"] = problem
        if errors:
            raise ValidationError(errors)

    def offload_problem(self):
        """Why this set-up cannot hold the model on the GPU(s), per the fit engine, or None."""
        from tools import catalog_fit

        if not (self.model_id and self.quantization_id and (self.hardware_id or self.build_id)):
            return None
        try:
            spec = catalog_fit.model_spec(self.model)
        except catalog_fit.NotALanguageModel:
            return None
        device = (
            catalog_fit.device_for_build(self.build)
            if self.build_id
            else catalog_fit.device_for_hardware(self.hardware)
        )
        try:
            result = catalog_fit.fit(
                self.model,
                device,
                quant=self.quantization.name,
                context=self.context or 512,
                spec=spec,
            ).result
        except ValueError:
            return None
        if result.placement == "all-gpu":
            return None
        return (
            f"The fit engine says {self.model} at {self.quantization} needs "
            f"{result.memory.total / 1e9:.1f} GB but {device.name} offers "
            f"{result.memory.usable / 1e9:.1f} GB: mark the run as partly offloaded, or check it."
        )
