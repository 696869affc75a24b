from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from editorial.views import with_byline_and_sources

from .. import compatibility, queries, structured_data
from ..forms import SoftwareFilterForm
from ..models import Software
from .common import PUBLIC_CACHE, cached_fragment, page_of, partial, with_crumbs

BENCHMARKS_SHOWN = 20
PLATFORM_LABELS = {"linux": "Linux", "macos": "macOS", "windows": "Windows", "docker": "Docker"}


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def software_list(request):
    form = SoftwareFilterForm(request.GET)
    software = form.apply(Software.objects.published().select_related("organization"))
    page = page_of(software, request, per_page=30)
    context = with_crumbs(
        {"form": form, "page": page}, [("Tools", reverse("catalog:software_list"))]
    )
    return render(request, partial(request, "catalog/software_list.html", "results"), context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def software_detail(request, slug):
    entries = with_byline_and_sources(Software.objects.published()).select_related("organization")
    software = get_object_or_404(entries, slug=slug)
    install = [
        (PLATFORM_LABELS.get(platform, platform.capitalize()), command)
        for platform, command in (software.install or {}).items()
    ]
    context = {
        "software": software,
        "install": install,
        "benchmark_section": cached_fragment(
            request, f"software-benchmarks:{software.pk}", lambda: benchmark_section(software)
        ),
        "formats": compatibility.parse_tags(software.model_formats),
        "backends": compatibility.parse_tags(software.backends),
    }
    crumbs = [
        ("Tools", reverse("catalog:software_list")),
        (software.name, software.get_absolute_url()),
    ]
    with_crumbs(context, crumbs, structured_data.software_application(software))
    return render(request, "catalog/software_detail.html", context)


def benchmark_section(software):
    """The fastest benchmarks run with this software and a link to all of them."""
    benchmarks = queries.benchmarks().filter(software=software).order_by("-decode_tokens_per_s")
    context = {
        "software": software,
        "benchmarks": list(benchmarks[:BENCHMARKS_SHOWN]),
        "benchmark_count": benchmarks.count(),
    }
    return render_to_string("catalog/_software_benchmarks.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def compatibility_matrix(request):
    software = Software.objects.published().order_by("name")
    rows = [
        (entry, compatibility.row(entry), compatibility.other_tags(entry)) for entry in software
    ]
    context = {"columns": compatibility.columns(), "rows": rows}
    with_crumbs(context, [("Compatibility", reverse("catalog:compatibility"))])
    return render(request, "catalog/compatibility.html", context)
