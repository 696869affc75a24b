from copy import copy

from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Abs
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from tools import catalog_fit

from .. import fitting, queries, structured_data
from ..forms import HardwareFilterForm
from ..models import AffiliateOffer, Build, Hardware
from .common import PUBLIC_CACHE, cached_fragment, page_of, partial, show_all, with_crumbs

COMPARE_SUGGESTIONS = 4
# Rows of "What fits" before `?show=all`: the best verdicts and largest models.
WHAT_FITS_SHOWN = 40
LEADERBOARD_PAGE = 50


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def hardware_list(request):
    form = HardwareFilterForm(request.GET)
    if form.wants_builds:
        items = form.apply_to_builds(queries.builds_with_items())
    else:
        items = form.apply(Hardware.objects.published().select_related("vendor"))
    page = page_of(items, request, per_page=100)
    context = {"form": form, "page": page, "builds": form.wants_builds}
    with_crumbs(context, [("Hardware", reverse("catalog:hardware_list"))])
    return render(request, partial(request, "catalog/hardware_list.html", "results"), context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def hardware_detail(request, slug):
    item = queries.device_page_item(slug)
    if item is None:
        raise Http404("No published hardware or build with that name.")
    is_build = isinstance(item, Build)
    device = queries.device_for(item) if not is_build or item.items.all() else None
    benchmarks = list(queries.benchmarks().filter_device(slug).order_by("-decode_tokens_per_s"))
    offers = list(AffiliateOffer.objects.for_device(item))
    context = {
        "item": item,
        "is_build": is_build,
        "device": device,
        "what_fits": what_fits_section(request, item, device, benchmarks),
        "benchmarks": benchmarks[:20],
        "benchmark_count": len(benchmarks),
        "offers": offers,
        "compare_with": compare_candidates(item),
    }
    crumbs = [("Hardware", reverse("catalog:hardware_list")), (item.name, item.get_absolute_url())]
    with_crumbs(context, crumbs, structured_data.product(item, offers))
    return render(request, "catalog/hardware_detail.html", context)


def what_fits_section(request, item, device, benchmarks):
    """
    The "What fits" section (a fit-engine pass over every published model) and
    its verdict counts, which the page description repeats; cached.
    """
    everything = show_all(request)

    def build():
        fits = []
        if device is not None:
            evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
            fits = fitting.what_fits(device, queries.language_models(), evidence=evidence)
        counts = fitting.verdict_counts(fits) | {"total": len(fits)}
        context = {
            "item": item,
            "is_build": isinstance(item, Build),
            "device": device,
            "fits": fits if everything else fits[:WHAT_FITS_SHOWN],
            "counts": counts,
            "context_tokens": fitting.RUNS_ON_CONTEXT,
        }
        return {"html": render_to_string("catalog/_what_fits.html", context), "counts": counts}

    kind = "build" if isinstance(item, Build) else "hardware"
    return cached_fragment(request, f"what-fits:{kind}:{item.pk}:{everything}", build)


def compare_candidates(item):
    if isinstance(item, Build):
        others = Build.objects.published().exclude(pk=item.pk).order_by("name")
    else:
        others = Hardware.objects.published().exclude(pk=item.pk).filter(kind=item.kind)
        if item.memory_gb is not None:
            distance = Abs(F("memory_gb") - item.memory_gb)
            others = others.exclude(memory_gb=None).annotate(distance=distance)
            others = others.order_by("distance", "name")
    return list(others.only("name", "slug")[:COMPARE_SUGGESTIONS])


@require_GET
@cache_control(**PUBLIC_CACHE)
def hardware_leaderboard(request):
    reference = queries.language_models().filter(slug=fitting.REFERENCE_MODEL).first()
    context = {
        "reference": reference,
        "weights": fitting.WEIGHTS,
        "quant": fitting.RUNS_ON_QUANT,
        "context_tokens": fitting.RUNS_ON_CONTEXT,
        "ranking": leaderboard_table(request, reference),
    }
    crumbs = [
        ("Hardware", reverse("catalog:hardware_list")),
        ("Leaderboard", reverse("catalog:hardware_leaderboard")),
    ]
    with_crumbs(context, crumbs)
    return render(request, "catalog/hardware_leaderboard.html", context)


def leaderboard_table(request, reference):
    """One page of the ranking: every published device through the engine, cached per page."""
    raw = request.GET.get("page", "")
    number = int(raw) if raw.isdigit() and len(raw) < 6 else 1

    def build():
        ranked = []
        if reference is not None:
            evidence = catalog_fit.Evidence.from_benchmarks(
                queries.benchmarks().filter(model=reference)
            )
            ranked = fitting.leaderboard(queries.published_devices(), reference, evidence=evidence)
        context = {
            "page": Paginator(ranked, LEADERBOARD_PAGE).get_page(number),
            "reference": reference,
        }
        # Page links are built from this page number alone: whatever else the
        # first visitor's URL carried must not end up in the cached links.
        clean = copy(request)
        clean.GET = QueryDict(f"page={number}")
        return render_to_string("catalog/_leaderboard_table.html", context, request=clean)

    return cached_fragment(request, f"leaderboard:{number}", build)
