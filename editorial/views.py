from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from runlocalai import sitemaps
from runlocalai.freshness import PUBLIC_CACHE

from . import prose
from .models import Page, Person

# A reviewer page lists this many items per section, then a count.
PER_SECTION = 12


def with_byline_and_sources(queryset):
    """What every public detail page needs in one go: byline people, sources, corrections."""
    return queryset.select_related("author", "reviewed_by").prefetch_related(
        "sources", "corrections"
    )


@require_GET
@cache_control(**PUBLIC_CACHE)
def page_detail(request, slug):
    page = get_object_or_404(with_byline_and_sources(Page.objects.published()), slug=slug)
    # Figures cost a query per catalog kind the page's shortcodes name, none without any.
    body, headings = prose.with_heading_ids(
        prose.render(page.body, prose.Figures.for_texts(page.body))
    )
    context = {"page": page, "body": body, "headings": headings}
    return render(request, "editorial/page_detail.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def person_list(request):
    people = Person.objects.all()
    return render(request, "editorial/person_list.html", {"people": people})


@require_GET
@cache_control(**PUBLIC_CACHE)
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    # One query across every content type (the sitemap's UNION), not one per type.
    sections = groupby(sitemaps.entries(reviewed_by=person), key=lambda entry: entry.section)
    reviewed = []
    for section, entries in sections:
        entries = list(entries)
        reviewed.append((section, entries[:PER_SECTION], len(entries)))
    return render(request, "editorial/person_detail.html", {"person": person, "reviewed": reviewed})
