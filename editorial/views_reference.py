"""
Public pages of the reference content: buyer guides, errors, troubleshooting,
quick answers and prompting kits.

Every page is cacheable and sets no cookie; the one form that writes (error
feedback) lives on its own URL and is pulled into the error page with htmx.
"""

from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from catalog import structured_data
from catalog.models import AffiliateOffer, AIModel, BuildItem
from newsletter.ratelimit import client_ip, hit

from .forms import ErrorFeedbackForm, ErrorFilterForm
from .models import (
    ErrorCategory,
    ErrorEntry,
    ErrorFeedback,
    Guide,
    PromptingKit,
    QuickAnswer,
    TroubleshootingGuide,
)
from .reference_pages import PageText
from .views import PUBLIC_CACHE, with_byline_and_sources

# "Did this fix it?" answers per client address per hour.
FEEDBACK_PER_IP_PER_HOUR = getattr(settings, "ERROR_FEEDBACK_PER_IP_PER_HOUR", 10)


def _partial(request, template, name):
    if request.htmx and not request.htmx.boosted:
        return f"{template}#{name}"
    return template


def _crumbs(context, crumbs, *structured):
    context["crumbs"] = crumbs
    context["structured"] = [structured_data.breadcrumb_list(crumbs), *structured]
    return context


# -- buyer guides ---------------------------------------------------------------------


@require_GET
@cache_control(**PUBLIC_CACHE)
def guide_list(request):
    guides = Guide.objects.published().only("title", "slug", "summary", "format")
    ranked = [guide for guide in guides if guide.is_ranked]
    short = [guide for guide in guides if not guide.is_ranked]
    context = {"ranked": ranked, "short": short}
    _crumbs(context, [("Buyer guides", reverse("editorial:guide_list"))])
    return render(request, "editorial/guide_list.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def guide_detail(request, slug):
    guide = get_object_or_404(with_byline_and_sources(Guide.objects.published()), slug=slug)
    picks = list(
        guide.picks.select_related("hardware__vendor", "build").prefetch_related(
            _build_items("build__items")
        )
    )
    # Unpublished catalog rows are never shown, even through a pick.
    for pick in picks:
        pick.device = _published_or_none(pick.hardware) or _published_or_none(pick.build)
    devices = {pick.device.slug: pick.device for pick in picks if pick.device}
    text = PageText(
        [guide.short_answer, *[t for p in picks for t in (p.why, p.buy_if, p.skip_if)], guide.body],
        devices=devices,
    )
    guide.short_answer_html = text.render(guide.short_answer)
    offers = _offers_by_device(picks)
    for pick in picks:
        pick.why_html = text.render(pick.why)
        pick.buy_if_html = text.render(pick.buy_if)
        pick.skip_if_html = text.render(pick.skip_if)
        pick.offers = offers.get(_device_key(pick.device), [])
    context = {"guide": guide, "picks": picks, "body_html": text.render(guide.body)}
    crumbs = [
        ("Buyer guides", reverse("editorial:guide_list")),
        (guide.title, guide.get_absolute_url()),
    ]
    _crumbs(context, crumbs, _article(guide))
    return render(request, "editorial/guide_detail.html", context)


def _build_items(lookup):
    return Prefetch(lookup, queryset=BuildItem.objects.select_related("hardware__vendor"))


def _published_or_none(obj):
    return obj if obj is not None and obj.is_published else None


def _device_key(device):
    return None if device is None else (type(device).__name__, device.pk)


def _offers_by_device(picks):
    """Reviewed offers for every pick's device, in one query, cheapest first."""
    hardware = [p.device.pk for p in picks if p.device and p.hardware_id]
    builds = [p.device.pk for p in picks if p.device and p.build_id]
    if not hardware and not builds:
        return {}
    offers = AffiliateOffer.objects.published().filter(
        Q(hardware__in=hardware) | Q(build__in=builds)
    )
    by_device = {}
    for offer in offers.order_by("price", "retailer"):
        key = ("Hardware", offer.hardware_id) if offer.hardware_id else ("Build", offer.build_id)
        by_device.setdefault(key, []).append(offer)
    return by_device


# -- errors ---------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def error_list(request):
    form = ErrorFilterForm(request.GET)
    entries = form.apply(
        ErrorEntry.objects.published().only(
            "title", "slug", "summary", "error_string", "category", "runtimes", "platforms"
        )
    )
    labels = dict(ErrorCategory.choices)
    order = {value: position for position, value in enumerate(labels)}
    entries = sorted(entries, key=lambda e: (order.get(e.category, 99), e.title.casefold()))
    groups = [
        (category, labels.get(category, category), list(items))
        for category, items in groupby(entries, key=lambda e: e.category)
    ]
    context = {"form": form, "groups": groups, "count": len(entries)}
    _crumbs(context, [("Errors", reverse("editorial:error_list"))])
    return render(request, _partial(request, "editorial/error_list.html", "results"), context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def error_detail(request, slug):
    entry = get_object_or_404(with_byline_and_sources(ErrorEntry.objects.published()), slug=slug)
    text = PageText(entry.markdown_fields)
    related = {
        e.slug: e
        for e in ErrorEntry.objects.published()
        .filter(slug__in=entry.related)
        .only("title", "slug", "error_string")
    }
    context = {
        "entry": entry,
        "what_it_means": text.render(entry.what_it_means),
        "causes": text.render(entry.causes),
        "fix": text.render(entry.fix),
        "alternatives": text.render(entry.alternatives),
        "see_also": text.render(entry.see_also),
        "related": [related[s] for s in entry.related if s in related],
        "glossary_links": text.glossary_links(entry.glossary),
    }
    crumbs = [("Errors", reverse("editorial:error_list")), (entry.title, entry.get_absolute_url())]
    _crumbs(context, crumbs, _article(entry))
    return render(request, "editorial/error_detail.html", context)


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def error_feedback(request, slug):
    entry = get_object_or_404(ErrorEntry.objects.published().only("title", "slug"), slug=slug)
    template = "editorial/error_feedback.html"
    context = {"entry": entry}
    if request.method == "GET":
        context["form"] = ErrorFeedbackForm()
        context["sent"] = "sent" in request.GET
        return render(request, _partial(request, template, "feedback"), context)

    form = ErrorFeedbackForm(request.POST)
    context["form"] = form
    if not hit(
        f"error-feedback:{client_ip(request)}", limit=FEEDBACK_PER_IP_PER_HOUR, window_seconds=3600
    ):
        context["limited"] = True
        return render(request, _partial(request, template, "feedback"), context, status=429)
    if form.is_spam:
        # Answer a bot exactly like a person, and store nothing.
        return _feedback_done(request, entry)
    if not form.is_valid():
        # htmx 2 only swaps 2xx responses: the fragment with its errors is a 200 there.
        status = 200 if request.htmx else 400
        return render(request, _partial(request, template, "feedback"), context, status=status)
    ErrorFeedback.objects.create(
        error=entry, helped=form.cleaned_data["helped"], comment=form.cleaned_data["comment"]
    )
    return _feedback_done(request, entry)


def _feedback_done(request, entry):
    if request.htmx:
        return render(request, "editorial/error_feedback.html#thanks", {"entry": entry})
    return redirect(reverse("editorial:error_feedback", args=[entry.slug]) + "?sent")


# -- troubleshooting ------------------------------------------------------------------


@require_GET
@cache_control(**PUBLIC_CACHE)
def troubleshooting_list(request):
    guides = TroubleshootingGuide.objects.published().only(
        "title", "slug", "summary", "symptom", "platforms"
    )
    context = {"guides": guides}
    _crumbs(context, [("Troubleshooting", reverse("editorial:troubleshooting_list"))])
    return render(request, "editorial/troubleshooting_list.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def troubleshooting_detail(request, slug):
    guide = get_object_or_404(
        with_byline_and_sources(TroubleshootingGuide.objects.published()).prefetch_related(
            "causes"
        ),
        slug=slug,
    )
    causes = list(guide.causes.all())
    text = PageText([guide.intro, *[t for c in causes for t in (c.diagnose, c.fix)]])
    intro = text.render(guide.intro)
    for cause in causes:
        cause.diagnose_html = text.render(cause.diagnose)
        cause.fix_html = text.render(cause.fix)
    context = {"guide": guide, "intro": intro, "causes": causes}
    crumbs = [
        ("Troubleshooting", reverse("editorial:troubleshooting_list")),
        (guide.title, guide.get_absolute_url()),
    ]
    _crumbs(context, crumbs, _article(guide))
    return render(request, "editorial/troubleshooting_detail.html", context)


# -- quick answers --------------------------------------------------------------------


@require_GET
@cache_control(**PUBLIC_CACHE)
def quick_answer_list(request):
    answers = list(QuickAnswer.objects.published().only("title", "slug", "answer", "deeper"))
    text = PageText([a.answer for a in answers], autolink=False)
    for answer in answers:
        answer.answer_html = text.render(answer.answer)
    context = {"answers": answers}
    crumbs = [("Quick answers", reverse("editorial:quick_answer_list"))]
    _crumbs(context, crumbs, _faq_page(answers))
    return render(request, "editorial/quick_answer_list.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def quick_answer_detail(request, slug):
    answer = get_object_or_404(with_byline_and_sources(QuickAnswer.objects.published()), slug=slug)
    text = PageText([answer.answer, answer.body])
    answer.answer_html = text.render(answer.answer)
    context = {"answer": answer, "body_html": text.render(answer.body)}
    crumbs = [
        ("Quick answers", reverse("editorial:quick_answer_list")),
        (answer.title, answer.get_absolute_url()),
    ]
    _crumbs(context, crumbs, _faq_page([answer]))
    return render(request, "editorial/quick_answer_detail.html", context)


def _faq_page(answers):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": answer.title,
                "url": structured_data.absolute(answer.get_absolute_url()),
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": strip_tags(answer.answer_html).strip(),
                },
            }
            for answer in answers
        ],
    }


# -- prompting kits -------------------------------------------------------------------


@require_GET
@cache_control(**PUBLIC_CACHE)
def prompting_kit_list(request):
    kits = PromptingKit.objects.published().only("title", "slug", "summary", "task")
    context = {"kits": kits}
    _crumbs(context, [("Prompting kits", reverse("editorial:prompting_kit_list"))])
    return render(request, "editorial/prompting_kit_list.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def prompting_kit_detail(request, slug):
    kit = get_object_or_404(with_byline_and_sources(PromptingKit.objects.published()), slug=slug)
    text = PageText([kit.templates, kit.caveats, kit.tips])
    models = {
        m.slug: m
        for m in AIModel.objects.published().filter(slug__in=kit.tested_with).only("name", "slug")
    }
    context = {
        "kit": kit,
        "templates": text.render(kit.templates),
        "caveats": text.render(kit.caveats),
        "tips": text.render(kit.tips),
        "tested_with": [models[s] for s in kit.tested_with if s in models],
    }
    crumbs = [
        ("Prompting kits", reverse("editorial:prompting_kit_list")),
        (kit.title, kit.get_absolute_url()),
    ]
    _crumbs(context, crumbs, _article(kit))
    return render(request, "editorial/prompting_kit_detail.html", context)


# -- shared ---------------------------------------------------------------------------


def _article(item):
    data = {
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": item.title,
        "description": item.summary,
        "url": structured_data.absolute(item.get_absolute_url()),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if item.reviewed_at:
        data["dateModified"] = item.reviewed_at.date().isoformat()
    if item.author:
        data["author"] = {"@type": "Organization", "name": str(item.author)}
    return data
