import pghistory
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from editorial.models import Publishable, PublishableQuerySet

from .fields import lines, split_lines, tag_list
from .reference import ModelFamily, Organization


class AttentionKind(models.TextChoices):
    FULL = "full", "Full multi-head"
    GQA = "gqa", "Grouped-query (GQA)"
    MLA = "mla", "Multi-head latent (MLA)"
    HYBRID = "hybrid", "Hybrid (linear/SSM + attention)"


class SizeBand(models.TextChoices):
    TINY = "tiny", "Under 4B"
    SMALL = "small", "4–10B"
    MEDIUM = "medium", "10–40B"
    LARGE = "large", "40–100B"
    HUGE = "huge", "Over 100B"


SIZE_BANDS = {
    SizeBand.TINY: (0, 4),
    SizeBand.SMALL: (4, 10),
    SizeBand.MEDIUM: (10, 40),
    SizeBand.LARGE: (40, 100),
    SizeBand.HUGE: (100, 100_000),
}


class AIModelQuerySet(PublishableQuerySet):
    def in_size_band(self, band):
        low, high = SIZE_BANDS[band]
        return self.filter(params_b__gte=low, params_b__lt=high)


def _positive(maximum):
    return [MinValueValidator(1), MaxValueValidator(maximum)]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AIModel(Publishable):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    family = models.ForeignKey(ModelFamily, on_delete=models.PROTECT, related_name="models")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="models")
    variant = models.CharField(max_length=300, blank=True, help_text="Which checkpoint is meant.")

    # Architecture, from the published config.
    params_b = models.DecimalField(
        "parameters (billions)",
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(0.01), MaxValueValidator(10_000)],
    )
    active_params_b = models.DecimalField(
        "active parameters (billions)",
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
        help_text="Mixture-of-experts models only.",
    )
    layers = models.PositiveIntegerField(null=True, blank=True, validators=_positive(1000))
    attention_heads = models.PositiveIntegerField(null=True, blank=True, validators=_positive(1024))
    kv_heads = models.PositiveIntegerField(
        "KV heads", null=True, blank=True, validators=_positive(1024)
    )
    head_dim = models.PositiveIntegerField(null=True, blank=True, validators=_positive(1024))
    hidden_size = models.PositiveIntegerField(null=True, blank=True, validators=_positive(100_000))
    vocab_size = models.PositiveIntegerField(
        null=True, blank=True, validators=_positive(10_000_000)
    )
    intermediate_size = models.PositiveIntegerField(
        null=True, blank=True, validators=_positive(1_000_000)
    )
    sliding_window = models.PositiveIntegerField(
        "sliding window (tokens)", null=True, blank=True, validators=_positive(10_000_000)
    )
    sliding_window_layers = models.PositiveIntegerField(
        "layers using the window", null=True, blank=True, validators=_positive(1000)
    )
    attention_kind = models.CharField(
        max_length=10,
        choices=AttentionKind,
        blank=True,
        help_text="Empty for non-transformer-LLM models.",
    )
    kv_lora_rank = models.PositiveIntegerField("KV LoRA rank (MLA)", null=True, blank=True)
    qk_rope_head_dim = models.PositiveIntegerField("RoPE head dim (MLA)", null=True, blank=True)
    kv_layers = models.PositiveIntegerField(
        "layers with a KV cache (hybrid)", null=True, blank=True
    )
    experts_total = models.PositiveIntegerField(null=True, blank=True)
    experts_active = models.PositiveIntegerField(null=True, blank=True)
    context_length = models.PositiveIntegerField(
        "context length (tokens)", null=True, blank=True, validators=_positive(100_000_000)
    )

    # What it is and may be used for.
    modalities = tag_list("input modalities")
    outputs = models.CharField(max_length=40, default="text")
    languages = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    license = models.CharField("licence", max_length=200)
    license_url = models.URLField("licence URL", blank=True)
    commercial_use = models.BooleanField(null=True, help_text="Empty when unclear.")
    license_notes = models.TextField("licence notes", blank=True)
    release_date = models.DateField(null=True, blank=True)
    hf_repo = models.CharField("Hugging Face repo", max_length=200, blank=True)
    ollama_tag = models.CharField(max_length=100, blank=True)

    # Editorial.
    summary = models.TextField()
    positioning = models.CharField(max_length=300, blank=True)
    strengths = lines("strengths")
    limitations = lines("limitations")
    run_locally = models.TextField("should you run it locally?", blank=True)
    verdict_score = models.PositiveSmallIntegerField(
        "verdict /10", null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    notes = models.TextField(blank=True, help_text="Caveats for reviewers; not shown publicly.")

    objects = AIModelQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 180
    REVISION_CHILDREN = (*Publishable.REVISION_CHILDREN, "files")

    class Meta(Publishable.Meta):
        verbose_name = "AI model"
        ordering = ["name"]
        indexes = [models.Index(fields=["params_b"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:model_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if self.active_params_b and self.params_b and self.active_params_b > self.params_b:
            errors["active_params_b"] = "Active parameters cannot exceed the total."
        if self.kv_heads and self.attention_heads and self.kv_heads > self.attention_heads:
            errors["kv_heads"] = "A model has at most as many KV heads as attention heads."
        for field in ("sliding_window_layers", "kv_layers"):
            value = getattr(self, field)
            if value and self.layers and value > self.layers:
                errors[field] = "Cannot exceed the number of layers."
        if self.experts_active and self.experts_total and self.experts_active > self.experts_total:
            errors["experts_active"] = "Cannot exceed the number of experts."
        if errors:
            raise ValidationError(errors)

    @property
    def is_moe(self):
        return self.active_params_b is not None

    @property
    def strengths_list(self):
        return split_lines(self.strengths)

    @property
    def limitations_list(self):
        return split_lines(self.limitations)


class ModelFile(models.Model):
    """A published file of a model at one quantization, with its exact size when known."""

    model = models.ForeignKey(AIModel, on_delete=models.CASCADE, related_name="files")
    quantization = models.ForeignKey(
        "catalog.Quantization", on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=300, blank=True)
    size_bytes = models.PositiveBigIntegerField(
        "exact size (bytes)",
        null=True,
        blank=True,
        help_text="From the file listing; empty when not known (the engine then estimates).",
    )
    source_url = models.URLField("source URL", max_length=500, blank=True)

    class Meta:
        ordering = ["quantization__name"]
        constraints = [
            models.UniqueConstraint(fields=["model", "quantization"], name="one_file_per_quant")
        ]

    def __str__(self):
        return f"{self.model} {self.quantization}"
