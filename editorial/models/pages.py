import pghistory
from django.db import models

from .workflow import Publishable


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Page(Publishable):
    """A standalone page such as About, Privacy or the editorial policy, served at /<slug>/."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences; also the page's meta description."
    )
    body = models.TextField(help_text="Markdown.")

    REVIEW_CADENCE_DAYS = 365

    class Meta(Publishable.Meta):
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/{self.slug}/"

    def natural_key(self):
        return (self.slug,)
