"""
Cloud prices the "Cost vs cloud" calculator compares a local machine against.

Both tables are reviewed like any other content: a price is a claim, so it
carries the date it was seen and the page it was seen on, and nothing reaches
the calculator before a second person approved it. Prices move quickly, hence
a 30-day review cadence.
"""

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from catalog.models import AIModel, Hardware
from editorial.models import Publishable, PublishableQuerySet


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class APIPrice(Publishable):
    """A pay-per-token API: what one provider charges per million tokens for one model."""

    slug = models.SlugField(unique=True, max_length=120)
    provider = models.CharField(max_length=120)
    model_name = models.CharField(max_length=160, help_text="As the provider names it.")
    served_model = models.ForeignKey(
        AIModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="api_prices",
        help_text="The catalog model this API serves, when it is an open model we list.",
    )
    input_per_million = models.DecimalField(
        "USD per million input tokens",
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    output_per_million = models.DecimalField(
        "USD per million output tokens",
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    seen = models.DateField("price seen on")
    source_url = models.URLField("source URL", max_length=500)
    note = models.CharField(max_length=300, blank=True, help_text="Shown next to the price.")

    objects = PublishableQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 30

    class Meta(Publishable.Meta):
        verbose_name = "API price"
        ordering = ["provider", "model_name"]

    def __str__(self):
        return f"{self.provider}: {self.model_name}"

    def natural_key(self):
        return (self.slug,)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class GPURental(Publishable):
    """A rented GPU instance billed by the hour."""

    slug = models.SlugField(unique=True, max_length=120)
    provider = models.CharField(max_length=120)
    gpu_name = models.CharField("GPU", max_length=120, help_text="As the provider names it.")
    hardware = models.ForeignKey(
        Hardware,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rentals",
        help_text="The catalog device, when the exact variant is known; the calculator "
        "then uses the engine's speed for it.",
    )
    gpu_count = models.PositiveSmallIntegerField(
        "GPUs per instance", default=1, validators=[MinValueValidator(1), MaxValueValidator(16)]
    )
    price_per_hour = models.DecimalField(
        "USD per instance-hour",
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(0.0001), MaxValueValidator(10_000)],
    )
    seen = models.DateField("price seen on")
    source_url = models.URLField("source URL", max_length=500)
    note = models.CharField(max_length=300, blank=True, help_text="Shown next to the price.")

    objects = PublishableQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 30

    class Meta(Publishable.Meta):
        verbose_name = "GPU rental price"
        ordering = ["price_per_hour", "provider"]

    def __str__(self):
        count = f"{self.gpu_count}× " if self.gpu_count > 1 else ""
        return f"{self.provider}: {count}{self.gpu_name}"

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.hardware_id and self.hardware.kind != "gpu":
            raise ValidationError({"hardware": "Choose a GPU."})
