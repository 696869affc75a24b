import pghistory
from django.db import models
from django.urls import reverse

from editorial.models import Publishable, PublishableQuerySet

from .fields import lines, split_lines, tag_list
from .reference import Organization


class SoftwareKind(models.TextChoices):
    RUNNER = "runner", "Runner"
    SERVER = "server", "Inference server"
    UI = "ui", "Desktop / web UI"
    AGENT = "agent", "Agent / coding tool"
    LIBRARY = "library", "Library"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Software(Publishable):
    """Software for running models: llama.cpp, Ollama, LM Studio, vLLM, UIs, agents…"""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=10, choices=SoftwareKind)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="software"
    )
    license = models.CharField("licence", max_length=120, blank=True)
    open_source = models.BooleanField(null=True)
    pricing = models.CharField(max_length=200, blank=True)
    platforms = tag_list("platforms")
    backends = tag_list("backends")
    model_formats = tag_list("model formats")
    install = models.JSONField(
        default=dict, blank=True, help_text='Platform → command, e.g. {"linux": "curl … | sh"}.'
    )
    run_example = models.TextField("run command", blank=True)
    repository = models.URLField(blank=True)
    website = models.URLField(blank=True)
    stars = models.PositiveIntegerField(null=True, blank=True)
    stars_date = models.DateField(null=True, blank=True)
    summary = models.TextField()
    strengths = lines("strengths")
    weaknesses = lines("weaknesses")
    verdict_score = models.PositiveSmallIntegerField("verdict /10", null=True, blank=True)
    notes = models.TextField(blank=True, help_text="Caveats for reviewers; not shown publicly.")

    objects = PublishableQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 180

    class Meta(Publishable.Meta):
        verbose_name_plural = "software"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:software_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def strengths_list(self):
        return split_lines(self.strengths)

    @property
    def weaknesses_list(self):
        return split_lines(self.weaknesses)
