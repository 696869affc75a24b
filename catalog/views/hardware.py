from django.db.models import F
from django.db.models.functions import Abs
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from tools import catalog_fit

from .. import fitting, queries, structured_data
from ..forms import HardwareFilterForm
from ..models import AffiliateOffer, Build, Hardware
from .common import PUBLIC_CACHE, page_of, partial, with_crumbs

COMPARE_SUGGESTIONS = 4


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
    fits = []
    if device is not None:
        evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
        fits = fitting.what_fits(device, queries.language_models(), evidence=evidence)
    offers = list(AffiliateOffer.objects.for_device(item))
    context = {
        "item": item,
        "is_build": is_build,
        "device": device,
        "fits": fits,
        "counts": fitting.verdict_counts(fits),
        "benchmarks": benchmarks[:20],
        "benchmark_count": len(benchmarks),
        "offers": offers,
        "compare_with": compare_candidates(item),
        "context_tokens": fitting.RUNS_ON_CONTEXT,
    }
    crumbs = [("Hardware", reverse("catalog:hardware_list")), (item.name, item.get_absolute_url())]
    with_crumbs(context, crumbs, structured_data.product(item, offers))
    return render(request, "catalog/hardware_detail.html", context)


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
    ranked = []
    if reference is not None:
        evidence = catalog_fit.Evidence.from_benchmarks(
            queries.benchmarks().filter(model=reference)
        )
        ranked = fitting.leaderboard(queries.published_devices(), reference, evidence=evidence)
    page = page_of(ranked, request, per_page=50)
    context = {
        "page": page,
        "reference": reference,
        "weights": fitting.WEIGHTS,
        "quant": fitting.RUNS_ON_QUANT,
        "context_tokens": fitting.RUNS_ON_CONTEXT,
    }
    crumbs = [
        ("Hardware", reverse("catalog:hardware_list")),
        ("Leaderboard", reverse("catalog:hardware_leaderboard")),
    ]
    with_crumbs(context, crumbs)
    return render(request, "catalog/hardware_leaderboard.html", context)
