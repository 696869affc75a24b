"""Benchmark submissions from readers, the thanks page and the trust-ladder methodology."""

from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from newsletter import ratelimit

from ..models import Benchmark
from ..models.benchmarks import REPRODUCTION_TOLERANCE, TRUST_LADDER
from ..submissions import forms, parsers, plausibility, services
from .common import PUBLIC_CACHE, with_crumbs

SUBMISSIONS_PER_IP_PER_HOUR = 10
# A "Reproduce this run" link may preset these fields (never the numbers).
PRESETS = ("model", "quantization", "device", "software", "backend")


# The form carries its own CSRF token, so this page sets the CSRF cookie;
# never_cache keeps it out of shared caches.
@require_http_methods(["GET", "POST"])
@csrf_protect
@never_cache
def benchmark_submit(request):
    status, parsed = 200, None
    if request.method == "GET":
        initial = {key: request.GET[key][:200] for key in PRESETS if key in request.GET}
        form = forms.BenchmarkSubmissionForm(initial=initial)
    elif request.POST.get("action") == "read-log":
        # Stores nothing: shows what the log says and fills in empty numbers.
        form, parsed = forms.read_log(request.POST)
    else:
        form = forms.BenchmarkSubmissionForm(request.POST)
        within_limit = ratelimit.hit(
            "benchmark-submit:" + ratelimit.client_ip(request),
            limit=SUBMISSIONS_PER_IP_PER_HOUR,
            window_seconds=3600,
        )
        if not within_limit:
            form.add_error(None, "Too many submissions from your network this hour. Try later.")
            status = 429
        elif form.is_valid():
            # The same answer for everyone, bots that fill the honeypot included.
            if not form.is_bot:
                services.receive(form)
            return redirect("catalog:benchmark_submit_thanks")
        else:
            status = 400
    context = {
        "form": form,
        "parsed": parsed,
        "log_tolerance_percent": percent(parsers.LOG_TOLERANCE),
    }
    with_crumbs(
        context,
        [
            ("Benchmarks", reverse("catalog:benchmark_list")),
            ("Submit a benchmark", reverse("catalog:benchmark_submit")),
        ],
    )
    return render(request, "catalog/benchmark_submit.html", context, status=status)


@require_GET
@cache_control(**PUBLIC_CACHE)
def benchmark_submit_thanks(request):
    context = with_crumbs(
        {},
        [
            ("Benchmarks", reverse("catalog:benchmark_list")),
            ("Submission received", reverse("catalog:benchmark_submit_thanks")),
        ],
    )
    return render(request, "catalog/benchmark_submit_thanks.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def benchmark_methodology(request):
    counts = dict(
        Benchmark.objects.published()
        .with_trust()
        .order_by()
        .values_list("trust_rank")
        .annotate(rows=Count("pk"))
    )
    context = {
        "ladder": [(tier, counts.get(rank, 0)) for rank, tier in enumerate(TRUST_LADDER)],
        "tolerance_percent": percent(REPRODUCTION_TOLERANCE),
        "log_tolerance_percent": percent(parsers.LOG_TOLERANCE),
        "far_factor": plausibility.FAR_FACTOR,
    }
    with_crumbs(
        context,
        [
            ("Benchmarks", reverse("catalog:benchmark_list")),
            ("Methodology", reverse("catalog:benchmark_methodology")),
        ],
    )
    return render(request, "catalog/benchmark_methodology.html", context)


def percent(fraction):
    return int(fraction * 100)
