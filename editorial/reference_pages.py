"""
What a reference page shows besides its own row, fetched in bulk.

Markdown fields may hold `[[fit …]]` shortcodes; every figure comes from the fit
engine through glossary.shortcodes, given the models and devices fetched here
once per page (at most four queries, whatever the number of shortcodes). Glossary
terms are linked on first mention with one more query. Nothing here grows with
the size of the content.
"""

from django.db.models import Prefetch
from django.utils.safestring import mark_safe

from glossary import shortcodes
from glossary.autolink import Linker
from glossary.rendering import term_phrases

from . import markdown


def catalog_for(texts, *, devices=None):
    """(models, devices) by slug for the shortcodes in `texts`; `devices` are already loaded."""
    from catalog.models import AIModel, Build, BuildItem, Hardware

    model_slugs, device_slugs = shortcodes.wanted(texts)
    devices = dict(devices or {})
    models = {m.slug: m for m in AIModel.objects.published().filter(slug__in=model_slugs)}
    missing = device_slugs - set(devices)
    if missing:
        hardware = Hardware.objects.published().filter(slug__in=missing).select_related("vendor")
        devices |= {h.slug: h for h in hardware}
        missing -= set(devices)
    if missing:
        items = BuildItem.objects.select_related("hardware__vendor")
        builds = Build.objects.published().filter(slug__in=missing)
        devices |= {b.slug: b for b in builds.prefetch_related(Prefetch("items", queryset=items))}
    return models, devices


class PageText:
    """Renders one page's Markdown fields, in reading order, with figures and term links."""

    def __init__(self, texts, *, devices=None, autolink=True):
        texts = list(texts)
        self.models, self.devices = catalog_for(texts, devices=devices)
        self.phrases = term_phrases() if autolink else []
        self.linker = Linker(self.phrases) if autolink else None
        self.errors = []

    def render(self, text):
        text = shortcodes.render_shortcodes(
            text, models=self.models, hardware=self.devices, errors=self.errors
        )
        # Long commands scroll sideways; keyboard users must be able to reach them.
        html = markdown.render(text).replace("<pre>", '<pre tabindex="0">')
        if self.linker is not None:
            html = self.linker.link(html)
        return mark_safe(html)

    def glossary_links(self, slugs):
        """(term, URL) for glossary slugs, from the phrases already loaded for linking."""
        names = {phrase.key: phrase.title for phrase in self.phrases}
        return [(names[slug], f"/glossary/{slug}/") for slug in slugs if slug in names]
