import pghistory
from django.db import models
from django.urls import reverse

from .fields import PLATFORM_NAMES, RUNTIME_NAMES, display_names, tag_list
from .workflow import Publishable


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class TroubleshootingGuide(Publishable):
    """A symptom and its causes, most likely first, each with diagnose and fix commands."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; also the page's meta description."
    )
    symptom = models.TextField(help_text="What the reader sees, in their words.")
    platforms = tag_list("platforms")
    runtimes = tag_list("runtimes")
    intro = models.TextField(blank=True, help_text="Markdown: before the first cause.")

    REVIEW_CADENCE_DAYS = 180
    REVISION_CHILDREN = (*Publishable.REVISION_CHILDREN, "causes")

    class Meta(Publishable.Meta):
        verbose_name = "troubleshooting guide"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial:troubleshooting_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def runtime_names(self):
        return display_names(self.runtimes, RUNTIME_NAMES)

    @property
    def platform_names(self):
        return display_names(self.platforms, PLATFORM_NAMES)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class TroubleshootingCause(models.Model):
    guide = models.ForeignKey(TroubleshootingGuide, on_delete=models.CASCADE, related_name="causes")
    position = models.PositiveSmallIntegerField(help_text="1 is the most likely cause.")
    name = models.CharField(max_length=200)
    diagnose = models.TextField(help_text="Markdown: commands and the output to expect.")
    fix = models.TextField(help_text="Markdown: commands.")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.name}"
