import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from .workflow import Publishable


class GuideFormat(models.TextChoices):
    SHORT_ANSWER = "short-answer", "Short answer"
    RANKED_PICKS = "ranked-picks", "Ranked picks"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Guide(Publishable):
    """A buyer guide: a boxed short answer, or ranked picks of catalog hardware."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; also the page's meta description."
    )
    format = models.CharField(max_length=20, choices=GuideFormat)
    short_answer = models.TextField(
        blank=True, help_text="Markdown, 2–4 sentences: the boxed answer (short-answer format)."
    )
    body = models.TextField(blank=True, help_text="Markdown: the sections after the answer.")

    # Prices in picks move: re-verify quarterly, like the hardware they link.
    REVIEW_CADENCE_DAYS = 90
    REVISION_CHILDREN = (*Publishable.REVISION_CHILDREN, "picks")

    class Meta(Publishable.Meta):
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial:guide_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_ranked(self):
        return self.format == GuideFormat.RANKED_PICKS

    def clean(self):
        if self.format == GuideFormat.SHORT_ANSWER and not self.short_answer.strip():
            raise ValidationError({"short_answer": "A short-answer guide needs its answer."})


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class GuidePick(models.Model):
    """One ranked pick: a catalog device or build with why it wins and who should skip it."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="picks")
    rank = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    label = models.CharField(max_length=120, help_text="E.g. “Best overall value”.")
    hardware = models.ForeignKey(
        "catalog.Hardware", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    build = models.ForeignKey(
        "catalog.Build", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    why = models.TextField("why it wins", help_text="Markdown; fit shortcodes for engine numbers.")
    buy_if = models.TextField("buy if", help_text="Markdown.")
    skip_if = models.TextField("skip if", help_text="Markdown.")

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hardware__isnull=False, build__isnull=True)
                | models.Q(hardware__isnull=True, build__isnull=False),
                name="pick_is_hardware_or_build",
            ),
        ]

    def __str__(self):
        return f"#{self.rank} {self.label}"

    def clean(self):
        if bool(self.hardware_id) == bool(self.build_id):
            raise ValidationError({"hardware": "Choose either one device or a build."})
