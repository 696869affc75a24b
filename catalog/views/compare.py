from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tools import catalog_fit

from .. import fitting, queries
from ..forms import CompareForm
from .common import PUBLIC_CACHE, cached_fragment, show_all, with_crumbs

# Rows of "What each runs" before `?show=all`: the largest models first.
ROWS_SHOWN = 40

SUGGESTED = [
    ("nvidia-geforce-rtx-3060", "nvidia-geforce-rtx-4060-ti"),
    ("nvidia-geforce-rtx-3090", "nvidia-geforce-rtx-4090"),
    ("nvidia-geforce-rtx-4090", "dual-rtx-3090"),
]


@require_GET
@cache_control(**PUBLIC_CACHE)
def compare_index(request):
    form = CompareForm(request.GET or None)
    if form.is_valid():
        return redirect("catalog:compare_hardware", slugs=form.slugs())
    context = {"form": form, "suggested": SUGGESTED}
    with_crumbs(context, [("Compare", reverse("catalog:compare_index"))])
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "catalog/compare_index.html", context, status=status)


@require_GET
@cache_control(**PUBLIC_CACHE)
def compare_hardware(request, slugs):
    if len(set(slugs)) != len(slugs):
        raise Http404("Compare different items.")
    found = {entry.item.slug: entry for entry in queries.published_devices(slugs=slugs)}
    if any(slug not in found for slug in slugs):
        raise Http404("No published hardware or build with that name.")
    entries = [found[slug] for slug in slugs]
    names = " vs ".join(entry.item.name for entry in entries)
    context = {"names": names, "body": compare_body(request, slugs, entries)}
    crumbs = [
        ("Compare", reverse("catalog:compare_index")),
        (names, reverse("catalog:compare_hardware", kwargs={"slugs": slugs})),
    ]
    with_crumbs(context, crumbs)
    return render(request, "catalog/compare_hardware.html", context)


def compare_body(request, slugs, entries):
    """Everything below the heading: a fit-engine pass over every model per side, cached."""
    everything = show_all(request)

    def build():
        models = list(queries.language_models())
        benchmarks = list(
            queries.benchmarks().filter(hardware__slug__in=slugs)
            | queries.benchmarks().filter(build__slug__in=slugs)
        )
        evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
        sides = fitting.compare_sides(entries, models, evidence=evidence)
        rows = fitting.compare_rows(sides, models)
        context = {
            "entries": entries,
            "sides": sides,
            "rows": rows if everything else rows[:ROWS_SHOWN],
            "row_count": len(rows),
            "rules": fitting.decision_rules(sides, models),
            "benchmarks": fitting.benchmarks_by_model(benchmarks, slugs),
            "context_tokens": fitting.RUNS_ON_CONTEXT,
        }
        return render_to_string("catalog/_compare_body.html", context)

    return cached_fragment(request, f"compare:{'/'.join(slugs)}:{everything}", build)
