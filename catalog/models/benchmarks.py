import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from editorial.models import Publishable, PublishableQuerySet

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


class TrustTier(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    REPRODUCED = "reproduced", "Reproduced"
    INDEPENDENTLY_REPRODUCED = "independently-reproduced", "Independently reproduced"


class BenchmarkQuerySet(PublishableQuerySet):
    def with_related(self):
        return self.select_related("model", "quantization", "hardware", "build", "software")

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
    source_url = models.URLField("source URL", max_length=500)
    source_kind = models.CharField(max_length=12, choices=SourceKind)
    trust_tier = models.CharField(
        max_length=30, choices=TrustTier, default=TrustTier.SUBMITTED, editable=False
    )
    notes = models.TextField(blank=True)

    objects = BenchmarkQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 90

    class Meta(Publishable.Meta):
        ordering = ["model__name", "-decode_tokens_per_s"]
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

    def clean(self):
        errors = {}
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
