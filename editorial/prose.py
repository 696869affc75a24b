"""
Editorial Markdown as a page shows it: `[[fit …]]` figures from the engine,
ids on headings for in-page links, and focusable code blocks.

`Figures.for_texts()` fetches the models and devices every shortcode on a page
needs in one go (a query per kind, none when there are no shortcodes), so
rendering a page costs the same whatever its number of figures. A page that also
fetches catalog links passes `figure_slugs()` to the same fetch instead.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from glossary import shortcodes

from . import catalog_links, markdown

_H2 = re.compile(r"<h2>(.*?)</h2>", re.S)


@dataclass
class Figures:
    models: dict = field(default_factory=dict)
    hardware: dict = field(default_factory=dict)

    @classmethod
    def for_texts(cls, *texts):
        return cls.from_catalog(catalog_links.fetch(figure_slugs(texts)))

    @classmethod
    def from_catalog(cls, found):
        """From catalog_links.fetch() output; a device slug may name hardware or a build."""
        return cls(models=found["model"], hardware={**found["build"], **found["hardware"]})


def figure_slugs(texts):
    """{kind: {slugs}} the shortcodes in `texts` need, for catalog_links.fetch()."""
    models, devices = shortcodes.wanted(texts)
    return {"model": models, "hardware": devices, "build": devices}


@dataclass(frozen=True)
class Heading:
    anchor: str
    text: str


def render(text, figures=None, *, errors=None):
    """Markdown → safe HTML with shortcodes replaced by engine figures."""
    figures = figures or Figures()
    text = shortcodes.render_shortcodes(
        text, models=figures.models, hardware=figures.hardware, errors=errors
    )
    # Long commands scroll sideways; keyboard users must be able to reach them.
    return mark_safe(markdown.render(text).replace("<pre>", '<pre tabindex="0">'))


def with_heading_ids(html, *, reserved=("main", "sources-title", "corrections-title")):
    """Give every <h2> an id from its text; returns (html, headings) for a contents list."""
    headings, taken = [], set(reserved)

    def anchor(match):
        text = unescape(strip_tags(match.group(1))).strip()
        base = slugify(text) or "section"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        headings.append(Heading(slug, text))
        return f'<h2 id="{slug}">{match.group(1)}</h2>'

    return mark_safe(_H2.sub(anchor, str(html))), headings
