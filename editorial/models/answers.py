import pghistory
from django.db import models
from django.urls import reverse

from .workflow import Publishable


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class QuickAnswer(Publishable):
    """A question, a direct answer in two to four sentences, and the page that goes deeper."""

    title = models.CharField("question", max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; also the page's meta description."
    )
    answer = models.TextField(help_text="Markdown, 2–4 sentences; fit shortcodes allowed.")
    deeper = models.CharField(
        "deeper page", max_length=200, help_text="A path on this site, e.g. /guides/16gb-vs-24gb/."
    )
    body = models.TextField(blank=True, help_text="Markdown: at most a short paragraph.")

    REVIEW_CADENCE_DAYS = 180

    class Meta(Publishable.Meta):
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial:quick_answer_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)
