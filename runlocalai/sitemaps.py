"""
The sitemap: /sitemap.xml for search engines and /sitemap/ for people.

Every published item of every public content type, in ONE query: each type
contributes `(kind, slug, title, parent slug, updated_at)` rows and the rows are
combined with UNION ALL, so the count stays at one whatever the number of types
or items. Types are discovered: every Publishable model with a public page is
included automatically (a new app's guides or errors appear without touching
this file, titled from their `title`/`name` field); TYPES only adds what
discovery cannot know — a nicer section name, a composite title, a URL that
needs a parent's slug — and EXCLUDED lists models without a page of their own.

Implemented here rather than with django.contrib.sitemaps so that the settings
need no new app and the whole sitemap costs one query (the contrib framework
runs one query per Sitemap class plus its pagination count).
"""

from dataclasses import dataclass
from itertools import groupby
from xml.sax.saxutils import escape

from django.apps import apps
from django.conf import settings
from django.db.models import CharField, DateTimeField, F, Value
from django.db.models.functions import Coalesce, Concat
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from editorial.models import publishable_models
from runlocalai.freshness import PUBLIC_CACHE

from . import navigation

# Models that are Publishable but have no page of their own.
EXCLUDED = {"catalog.affiliateoffer"}
TITLE_FIELDS = ("title", "name", "term", "subject", "question")


@dataclass(frozen=True)
class SitemapType:
    model: str
    section: str
    order: int = 100
    # A field name or an expression; by default the first of TITLE_FIELDS it has.
    title: object = None
    # Field path of a parent slug the URL needs (e.g. a chapter's course).
    parent: str | None = None
    # (slug, parent slug) → path; by default Model(slug=slug).get_absolute_url().
    url: object = None
    published: bool = True


def _chapter_url(slug, parent):
    return reverse("editorial:chapter_detail", args=[parent, slug])


def _benchmark_title():
    return Concat(
        "model__name",
        Value(" "),
        "quantization__name",
        Value(" on "),
        Coalesce("hardware__name", "build__name"),
        Value(" — "),
        "test",
        output_field=CharField(),
    )


TYPES = [
    SitemapType("catalog.AIModel", "Models", 10),
    SitemapType("catalog.Hardware", "Hardware", 20),
    SitemapType("catalog.Build", "Multi-device builds", 21),
    SitemapType("catalog.Software", "Tools", 30),
    SitemapType("catalog.Benchmark", "Benchmarks", 40, title=_benchmark_title),
    SitemapType("glossary.Term", "Glossary", 60),
    SitemapType("glossary.Category", "Glossary categories", 61, published=False),
    SitemapType("editorial.Course", "Learn: courses", 70),
    SitemapType(
        "editorial.Chapter", "Learn: chapters", 71, parent="course__slug", url=_chapter_url
    ),
    SitemapType("editorial.PulseEntry", "Pulse", 80),
    SitemapType("editorial.Page", "About the site", 90),
    SitemapType("newsletter.Digest", "Newsletter archive", 95),
]


@dataclass(frozen=True)
class Entry:
    section: str
    title: str
    path: str
    updated_at: object = None


def sitemap_types():
    """TYPES plus every other Publishable model with a public page, in section order."""
    known = {t.model.lower(): t for t in TYPES}
    types = [t for t in TYPES if _model(t) is not None]
    for model in publishable_models():
        label = model._meta.label_lower
        if label in known or label in EXCLUDED or not hasattr(model, "get_absolute_url"):
            continue
        section = str(model._meta.verbose_name_plural).capitalize()
        types.append(SitemapType(model._meta.label, section))
    return sorted(types, key=lambda t: (t.order, t.section))


def _model(sitemap_type):
    try:
        return apps.get_model(sitemap_type.model)
    except LookupError:
        return None


def _rows(sitemap_type, filters):
    model = _model(sitemap_type)
    queryset = model.objects.published() if sitemap_type.published else model.objects.all()
    names = {field.name for field in model._meta.get_fields()}
    if any(key.split("__")[0] not in names for key in filters):
        return None  # the filter does not apply to this type (e.g. glossary categories)
    queryset = queryset.filter(**filters)
    title = sitemap_type.title() if callable(sitemap_type.title) else sitemap_type.title
    if title is None:
        names = {field.name for field in model._meta.get_fields()}
        title = next((name for name in TITLE_FIELDS if name in names), "slug")
    has_updated = any(field.name == "updated_at" for field in model._meta.concrete_fields)
    return (
        queryset.order_by()
        .annotate(
            sm_kind=Value(sitemap_type.model, output_field=CharField()),
            sm_slug=F("slug"),
            sm_title=F(title) if isinstance(title, str) else title,
            sm_parent=F(sitemap_type.parent)
            if sitemap_type.parent
            else Value("", output_field=CharField()),
            sm_changed=F("updated_at") if has_updated else Value(None, DateTimeField()),
        )
        .values_list("sm_kind", "sm_slug", "sm_title", "sm_parent", "sm_changed")
    )


def entries(**filters):
    """
    Every published item as an Entry, grouped by section and sorted by title (1 query).

    `filters` narrow every type alike, e.g. reviewed_by=person for an author's page.
    """
    types = sitemap_types()
    by_model = {t.model: t for t in types}
    querysets = [rows for t in types if (rows := _rows(t, filters)) is not None]
    # order_by(): no default ordering on the combined query; entries are sorted below.
    combined = querysets[0].union(*querysets[1:], all=True).order_by()
    result = []
    for kind, slug, title, parent, changed in combined:
        sitemap_type = by_model[kind]
        path = _path(sitemap_type, slug, parent)
        if path is not None:
            result.append(Entry(sitemap_type.section, str(title), path, changed))
    order = {t.section: i for i, t in enumerate(types)}
    return sorted(result, key=lambda e: (order[e.section], e.title.casefold()))


def _path(sitemap_type, slug, parent):
    try:
        if sitemap_type.url is not None:
            return sitemap_type.url(slug, parent)
        return _model(sitemap_type)(slug=slug).get_absolute_url()
    except NoReverseMatch:
        # The type's pages are not routed yet.
        return None


def section_paths():
    """
    Index pages people reach from the header and footer, plus the home page.

    Navigation links that are content items themselves (About is a Page, Best GPU
    a guide) are left to entries(): they are listed only while published.
    """
    paths = ["/"]
    for path in navigation.all_paths():
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if path != "/" and not (match.url_name or "").endswith("_detail"):
            paths.append(path)
    return paths


@require_GET
@cache_control(**PUBLIC_CACHE)
def sitemap_xml(request):
    items = entries()
    seen = {entry.path for entry in items}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in section_paths():
        if path not in seen:
            lines.append(f"<url><loc>{escape(settings.SITE_URL + path)}</loc></url>")
    for entry in items:
        lastmod = f"<lastmod>{entry.updated_at:%Y-%m-%d}</lastmod>" if entry.updated_at else ""
        lines.append(f"<url><loc>{escape(settings.SITE_URL + entry.path)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines) + "\n", content_type="application/xml; charset=utf-8")


@require_GET
@cache_control(**PUBLIC_CACHE)
def sitemap_html(request):
    items = entries()
    groups = [(section, list(rows)) for section, rows in groupby(items, key=lambda e: e.section)]
    labels = {link.path: link.label for _, links in navigation.FOOTER for link in links}
    labels |= {link.path: link.label for link in navigation.HEADER}
    sections = sorted((labels.get(path, path), path) for path in section_paths()[1:])
    context = {"groups": groups, "sections": sections, "count": len(items)}
    return render(request, "sitemap.html", context)
