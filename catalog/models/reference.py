"""Lookup tables the catalog entries point at: makers, model families, quantizations."""

import pghistory
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from editorial.models import Source


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class OrganizationKind(models.TextChoices):
    LAB = "lab", "AI lab"
    VENDOR = "vendor", "Hardware vendor"
    PROJECT = "project", "Software project"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Organization(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=10, choices=OrganizationKind)
    website = models.URLField(blank=True)
    sources = GenericRelation(Source)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ModelFamily(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="families"
    )
    summary = models.TextField(blank=True)
    sources = GenericRelation(Source)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "model families"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class QuantFormat(models.TextChoices):
    GGUF = "gguf", "GGUF"
    MLX = "mlx", "MLX"
    AWQ = "awq", "AWQ"
    GPTQ = "gptq", "GPTQ"
    EXL2 = "exl2", "EXL2"
    FP8 = "fp8", "FP8"
    SAFETENSORS = "safetensors", "Safetensors"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Quantization(models.Model):
    name = models.CharField(max_length=40, unique=True, help_text="E.g. Q4_K_M, MLX-4bit, FP8.")
    slug = models.SlugField(unique=True)
    format = models.CharField(max_length=12, choices=QuantFormat)
    bits_per_weight = models.DecimalField(
        "effective bits per weight",
        max_digits=6,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Including scales; empty when it depends on the file.",
    )
    summary = models.TextField(blank=True)
    sources = GenericRelation(Source)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["format", "-bits_per_weight"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)
