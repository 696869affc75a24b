import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from editorial.models import Publishable, PublishableQuerySet

from .fields import lines, split_lines, tag_list
from .reference import Organization


class HardwareKind(models.TextChoices):
    GPU = "gpu", "GPU"
    APPLE = "apple", "Apple silicon"
    APU = "apu", "APU / unified-memory PC"
    CPU = "cpu", "CPU"


class MarketTier(models.TextChoices):
    ENTRY = "entry", "Entry"
    MID = "mid", "Mid-range"
    HIGH = "high", "High-end"
    WORKSTATION = "workstation", "Workstation"
    DATACENTER = "datacenter", "Datacenter"
    LAPTOP = "laptop", "Laptop"
    EMBEDDED = "embedded", "Embedded"


class PriceBand(models.TextChoices):
    UNDER_500 = "under-500", "Under $500"
    UNDER_1000 = "under-1000", "Under $1,000"
    UNDER_2500 = "under-2500", "Under $2,500"
    OVER_2500 = "over-2500", "$2,500 and up"


PRICE_BANDS = {
    PriceBand.UNDER_500: (0, 500),
    PriceBand.UNDER_1000: (0, 1000),
    PriceBand.UNDER_2500: (0, 2500),
    PriceBand.OVER_2500: (2500, 10_000_000),
}


class HardwareQuerySet(PublishableQuerySet):
    def in_price_band(self, band):
        low, high = PRICE_BANDS[band]
        return self.filter(price_usd__gte=low, price_usd__lt=high)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Hardware(Publishable):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=10, choices=HardwareKind)
    vendor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="hardware")
    memory_gb = models.DecimalField(
        "memory (GB)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.5), MaxValueValidator(4096)],
        help_text="For Apple chips and APUs: the largest unified-memory configuration. "
        "Empty for CPUs, whose memory is whatever RAM is installed.",
    )
    memory_configs = models.CharField("memory configurations", max_length=120, blank=True)
    memory_type = models.CharField(max_length=60, blank=True)
    unified = models.BooleanField("unified memory", default=False)
    bandwidth_gbs = models.DecimalField(
        "memory bandwidth (GB/s)",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    fp16_tflops = models.DecimalField(
        "FP16 tensor TFLOPS (dense)",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.1), MaxValueValidator(100_000)],
    )
    fp32_tflops = models.DecimalField(
        "FP32 TFLOPS", max_digits=8, decimal_places=2, null=True, blank=True
    )
    tdp_w = models.PositiveIntegerField(
        "TDP (W)", null=True, blank=True, validators=[MaxValueValidator(5000)]
    )
    release_date = models.DateField(null=True, blank=True)
    msrp_usd = models.DecimalField(
        "launch MSRP (USD)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    street_price_low_usd = models.DecimalField(
        "street price from (USD)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    street_price_high_usd = models.DecimalField(
        "street price to (USD)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    street_price_seen = models.DateField("street price seen on", null=True, blank=True)
    # Derived on save: the street price when known, else MSRP; used for filters and scores.
    price_usd = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, editable=False, db_index=True
    )
    market_tier = models.CharField(max_length=12, choices=MarketTier, blank=True)
    form_factor = models.CharField(max_length=20, blank=True)
    backends = tag_list("backends")
    best_for = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    strengths = lines("what it does well")
    weaknesses = lines("where it breaks")
    verdict_score = models.PositiveSmallIntegerField(
        "verdict /10", null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    notes = models.TextField(blank=True, help_text="Caveats for reviewers; not shown publicly.")

    objects = HardwareQuerySet.as_manager()

    # Prices move: re-verify quarterly.
    REVIEW_CADENCE_DAYS = 90

    class Meta(Publishable.Meta):
        verbose_name_plural = "hardware"
        ordering = ["name"]
        indexes = [models.Index(fields=["memory_gb"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.price_usd = self.street_price_low_usd or self.msrp_usd
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:hardware_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        low, high = self.street_price_low_usd, self.street_price_high_usd
        if low and high and low > high:
            errors["street_price_high_usd"] = "The upper price is below the lower one."
        if (low or high) and not self.street_price_seen:
            errors["street_price_seen"] = "A street price needs the date it was seen."
        if self.kind != HardwareKind.CPU and self.memory_gb is None:
            errors["memory_gb"] = "Every accelerator has a memory size."
        if self.kind == HardwareKind.APPLE and not self.unified:
            errors["unified"] = "Apple silicon always has unified memory."
        if errors:
            raise ValidationError(errors)

    @property
    def strengths_list(self):
        return split_lines(self.strengths)

    @property
    def weaknesses_list(self):
        return split_lines(self.weaknesses)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Build(Publishable):
    """Several devices used together, such as “dual RTX 3090”."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    aliases = tag_list("aliases", help_text="Other names, e.g. as benchmark sources write them.")
    system_ram_gb = models.PositiveIntegerField("system RAM (GB)", null=True, blank=True)
    summary = models.TextField()
    price_usd = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, editable=False
    )

    objects = PublishableQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 90
    REVISION_CHILDREN = (*Publishable.REVISION_CHILDREN, "items")

    class Meta(Publishable.Meta):
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:build_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class BuildItem(models.Model):
    build = models.ForeignKey(Build, on_delete=models.CASCADE, related_name="items")
    hardware = models.ForeignKey(Hardware, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(64)]
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.count}× {self.hardware}"
