"""
Pulse: dated entries of what changed in local AI, newest first.

An entry links the catalog entries it concerns by kind and slug (`links`), the
same vocabulary as glossary see-also links. Slugs rather than foreign keys keep
editorial content loadable before the catalog and let one entry point at any
catalog type; `attach_links()` resolves a page of entries with one query per
kind, and the content test checks every shipped link resolves.

The newsletter digest pre-fills from `PulseEntry.objects.published().between(…)`.
"""

from collections import defaultdict

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from ..catalog_links import CATALOG_MODELS
from ..catalog_links import fetch as fetch_catalog
from .workflow import Publishable, PublishableQuerySet

LINK_KINDS = tuple(CATALOG_MODELS)
# Slugs that would shadow a fixed route under /pulse/.
RESERVED_SLUGS = {"feed"}


class PulseKind(models.TextChoices):
    MODEL_RELEASE = "model-release", "Model release"
    RUNTIME_RELEASE = "runtime-release", "Runtime release"
    PRICE_MOVE = "price-move", "Price move"
    BENCHMARK = "benchmark", "Benchmark"
    SITE = "site", "Site"


class PulseEntryQuerySet(PublishableQuerySet):
    def between(self, start, end):
        """Entries dated start ≤ date ≤ end (what a monthly digest covers)."""
        return self.filter(date__gte=start, date__lte=end)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class PulseEntry(Publishable):
    date = models.DateField(help_text="When it happened (not when it was written up).")
    kind = models.CharField(max_length=20, choices=PulseKind)
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; the feed and the digest show it."
    )
    body = models.TextField(blank=True, help_text="Markdown; [[fit …]] shortcodes allowed.")
    links = models.JSONField(
        default=list,
        blank=True,
        help_text='Catalog entries it concerns: [{"kind": "model", "slug": "qwen3-8b"}, …]; '
        f"kinds: {', '.join(LINK_KINDS)}.",
    )

    objects = PulseEntryQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 365

    class Meta(Publishable.Meta):
        verbose_name = "Pulse entry"
        verbose_name_plural = "Pulse entries"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["-date"], name="pulse_date_idx")]

    def __str__(self):
        return f"{self.date}: {self.title}"

    def get_absolute_url(self):
        return reverse("editorial:pulse_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is taken by a Pulse page."
        links = self.links if isinstance(self.links, list) else [self.links]
        kinds = ", ".join(LINK_KINDS)
        for link in links:
            if (
                not isinstance(link, dict)
                or link.get("kind") not in LINK_KINDS
                or not isinstance(link.get("slug"), str)
            ):
                errors["links"] = f"{link!r}: each link needs a kind ({kinds}) and a slug."
        if errors:
            raise ValidationError(errors)


def wanted_links(entries):
    """{kind: {slugs}} that the entries link."""
    wanted = defaultdict(set)
    for entry in entries:
        for link in entry.links:
            wanted[link.get("kind")].add(link.get("slug"))
    return wanted


def attach_links(entries, found=None):
    """
    Set `entry.linked` to the published catalog objects each entry links, in order.

    `found` is what editorial.catalog_links.fetch() returned for (at least) these
    entries' links; without it, one query per kind used on the page. Links to
    anything unpublished or missing are left out.
    """
    entries = list(entries)
    if found is None:
        found = fetch_catalog(wanted_links(entries))
    for entry in entries:
        entry.linked = [
            found[link["kind"]][link["slug"]]
            for link in entry.links
            if link.get("slug") in found.get(link.get("kind"), {})
        ]
    return entries
