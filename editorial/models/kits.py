import pghistory
from django.db import models
from django.urls import reverse

from .fields import tag_list
from .workflow import Publishable


class KitTask(models.TextChoices):
    CODING = "coding", "Coding"
    SUMMARISING = "summarising", "Summarising"
    EXTRACTION = "extraction", "Extraction"
    RAG = "rag", "Answering from documents (RAG)"
    WRITING = "writing", "Writing"
    TRANSLATION = "translation", "Translation"
    CLASSIFICATION = "classification", "Classification"
    REASONING = "reasoning", "Reasoning"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PromptingKit(Publishable):
    """Tested prompt templates for one task, the model sizes they suit and template caveats."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; also the page's meta description."
    )
    task = models.CharField(max_length=20, choices=KitTask)
    model_sizes = models.TextField(help_text="Which model sizes the templates suit.")
    tested_with = tag_list("tested with", help_text="Slugs of catalog models.")
    templates = models.TextField(help_text="Markdown: ### name, then a ```text block per template.")
    caveats = models.TextField("chat-template caveats", help_text="Markdown.")
    tips = models.TextField(blank=True, help_text="Markdown.")

    REVIEW_CADENCE_DAYS = 365

    class Meta(Publishable.Meta):
        verbose_name = "prompting kit"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial:prompting_kit_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)
