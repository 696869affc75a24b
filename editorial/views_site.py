"""
Learn (courses and chapters), Pulse (with its feed) and the contact form.

Query budgets (DESIGN.md: ≤ 10, the same with 1 item or 500):
- /learn/: 1. /learn/<course>/: 4 + figures. /learn/<course>/<chapter>/: 4 + figures.
- /pulse/: 2 + one per linked kind on the page (≤ 5). /pulse/<slug>/: 3 + one per kind
  its links and figures use (≤ 5, plus a build's items).
- figures: one query per kind the page's shortcodes name, none without shortcodes.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from newsletter import ratelimit

from . import catalog_links, contact, prose
from .models import (
    Chapter,
    ContactMessage,
    Course,
    PulseEntry,
    PulseKind,
    Status,
    attach_links,
)
from .models.pulse import wanted_links
from .views import PUBLIC_CACHE, with_byline_and_sources

PULSE_PER_PAGE = 20
FEED_ITEMS = 30


# -- Learn ------------------------------------------------------------------------------


@require_GET
@cache_control(**PUBLIC_CACHE)
def course_list(request):
    published = Q(chapters__status=Status.PUBLISHED)
    courses = Course.objects.published().annotate(
        chapter_count=Count("chapters", filter=published),
        minutes=Sum("chapters__reading_minutes", filter=published),
    )
    return render(request, "editorial/course_list.html", {"courses": courses})


@require_GET
@cache_control(**PUBLIC_CACHE)
def course_detail(request, slug):
    course = get_object_or_404(with_byline_and_sources(Course.objects.published()), slug=slug)
    chapters = list(
        course.chapters.published().only(
            "course", "number", "title", "slug", "summary", "reading_minutes"
        )
    )
    context = {
        "course": course,
        "chapters": chapters,
        "minutes": sum(chapter.reading_minutes for chapter in chapters),
        "body": prose.render(course.body, prose.Figures.for_texts(course.body)),
    }
    return render(request, "editorial/course_detail.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def chapter_detail(request, course_slug, slug):
    chapters = with_byline_and_sources(Chapter.objects.published()).select_related("course")
    chapter = get_object_or_404(chapters, course__slug=course_slug, slug=slug)
    siblings = list(
        Chapter.objects.published()
        .filter(course=chapter.course_id)
        .only("course", "number", "title", "slug")
    )
    for sibling in siblings:
        sibling.course = chapter.course  # get_absolute_url without a query each
    position = next(i for i, sibling in enumerate(siblings) if sibling.pk == chapter.pk)
    texts = (chapter.body, chapter.key_insight, chapter.exercise, chapter.check_on_your_machine)
    figures = prose.Figures.for_texts(*texts)
    context = {
        "chapter": chapter,
        "course": chapter.course,
        "siblings": siblings,
        "previous": siblings[position - 1] if position > 0 else None,
        "next": siblings[position + 1] if position + 1 < len(siblings) else None,
        "body": prose.render(chapter.body, figures),
        "key_insight": prose.render(chapter.key_insight, figures),
        "exercise": prose.render(chapter.exercise, figures),
        "check": prose.render(chapter.check_on_your_machine, figures),
    }
    return render(request, "editorial/chapter_detail.html", context)


# -- Pulse ------------------------------------------------------------------------------


@require_GET
@cache_control(**PUBLIC_CACHE)
def pulse_list(request):
    kind = request.GET.get("kind", "")
    if kind not in PulseKind.values:
        kind = ""
    entries = PulseEntry.objects.published().defer("body")
    if kind:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, per_page=PULSE_PER_PAGE).get_page(request.GET.get("page"))
    attach_links(page.object_list)
    context = {"page": page, "kind": kind, "kinds": PulseKind.choices}
    return render(request, "editorial/pulse_list.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def pulse_detail(request, slug):
    entry = get_object_or_404(with_byline_and_sources(PulseEntry.objects.published()), slug=slug)
    # Links and figures share one fetch: a query per catalog kind, whatever their number.
    wanted = wanted_links([entry])
    for kind, slugs in prose.figure_slugs([entry.body]).items():
        wanted[kind] |= slugs
    found = catalog_links.fetch(wanted)
    attach_links([entry], found)
    body = prose.render(entry.body, prose.Figures.from_catalog(found))
    return render(request, "editorial/pulse_detail.html", {"entry": entry, "body": body})


class PulseFeed(Feed):
    """The newest published Pulse entries as Atom; the list page links it."""

    feed_type = Atom1Feed
    title = "RunLocalAI Pulse"

    def link(self):
        return settings.SITE_URL + reverse("editorial:pulse_list")

    subtitle = "Dated changes in local AI: model and runtime releases, price moves, benchmarks."

    def feed_url(self):
        return settings.SITE_URL + reverse("editorial:pulse_feed")

    def items(self):
        return PulseEntry.objects.published().defer("body")[:FEED_ITEMS]

    def item_link(self, item):
        # Absolute from SITE_URL, like the canonical links, never from the Host header.
        return settings.SITE_URL + item.get_absolute_url()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.date:%Y-%m-%d} · {item.get_kind_display()}: {item.summary}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


pulse_feed = cache_control(**PUBLIC_CACHE)(PulseFeed())


# -- Contact ----------------------------------------------------------------------------


# The form carries its own CSRF token, so this page (and only this one) sets the
# CSRF cookie; never_cache keeps it out of shared caches.
@require_http_methods(["GET", "POST"])
@csrf_protect
@never_cache
def contact_form(request):
    status = 200
    form = contact.ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        within_limit = ratelimit.hit(
            "contact:" + ratelimit.client_ip(request),
            limit=contact.MESSAGES_PER_IP_PER_HOUR,
            window_seconds=3600,
        )
        if not within_limit:
            form.add_error(None, "Too many messages from your network this hour. Try later.")
            status = 429
        elif form.is_valid():
            # Bots that fill the honeypot see the same thanks page; nothing is kept.
            if not form.is_bot:
                _store_and_notify(form.cleaned_data)
            return redirect("editorial:contact_thanks")
        else:
            status = 400
    return render(request, "editorial/contact_form.html", {"form": form}, status=status)


def _store_and_notify(data):
    with transaction.atomic():
        message = ContactMessage.objects.create(
            name=data["name"], email=data["email"], message=data["message"]
        )
        # Mail only once the row is committed, and never from inside a rolled-back request.
        transaction.on_commit(lambda: contact.notify_editors(message))
    return message


@require_GET
@cache_control(**PUBLIC_CACHE)
def contact_thanks(request):
    return render(request, "editorial/contact_thanks.html")
