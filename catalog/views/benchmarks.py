from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from editorial.views import with_byline_and_sources

from .. import fitting, queries, structured_data
from ..forms import BenchmarkFilterForm
from .common import PUBLIC_CACHE, cached_fragment, page_of, partial, with_crumbs

COHORT_SIZE = 8


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def benchmark_list(request):
    form = BenchmarkFilterForm(request.GET)
    page = page_of(form.apply(queries.benchmarks()), request, per_page=50)
    context = {"form": form, "page": page}
    with_crumbs(context, [("Benchmarks", reverse("catalog:benchmark_list"))])
    return render(request, partial(request, "catalog/benchmark_list.html", "results"), context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def benchmark_detail(request, slug):
    rows = with_byline_and_sources(queries.benchmarks()).select_related(
        "hardware__vendor", "model__organization"
    )
    benchmark = get_object_or_404(
        rows.prefetch_related("build__items__hardware__vendor"), slug=slug
    )
    context = {
        "benchmark": benchmark,
        "estimate": fitting.benchmark_estimate(benchmark),
        "cohorts": cached_fragment(
            request, f"benchmark-cohorts:{benchmark.pk}", lambda: cohorts_section(benchmark)
        ),
    }
    device = benchmark.device
    crumbs = [
        ("Benchmarks", reverse("catalog:benchmark_list")),
        (f"{benchmark.model} on {device}", benchmark.get_absolute_url()),
    ]
    with_crumbs(context, crumbs, structured_data.benchmark_dataset(benchmark))
    return render(request, "catalog/benchmark_detail.html", context)


def cohorts_section(benchmark):
    """Rows to compare with: same pair other software, other hardware, other models."""
    device = benchmark.device
    others = queries.benchmarks().exclude(pk=benchmark.pk).order_by("-decode_tokens_per_s")
    same_pair = others.filter(model=benchmark.model).filter_device(device.slug)
    context = {
        "other_software": list(
            same_pair.exclude(software=benchmark.software)[:COHORT_SIZE]
            if benchmark.software_id
            else same_pair.exclude(software=None)[:COHORT_SIZE]
        ),
        "other_hardware": list(
            others.filter(model=benchmark.model, quantization=benchmark.quantization)
            .exclude(hardware__slug=device.slug)
            .exclude(build__slug=device.slug)[:COHORT_SIZE]
        ),
        "other_models": list(
            others.filter_device(device.slug).exclude(model=benchmark.model)[:COHORT_SIZE]
        ),
    }
    return render_to_string("catalog/_benchmark_cohorts.html", context)
