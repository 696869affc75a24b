from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from editorial.views import with_byline_and_sources
from tools import catalog_fit

from .. import fitting, queries, structured_data
from ..forms import ModelFilterForm, RunsOnForm
from ..models import AIModel
from .common import PUBLIC_CACHE, cached_fragment, page_of, partial, show_all, with_crumbs

BENCHMARKS_SHOWN = 20
# Rows per verdict group in "Runs on"; `?show=all` lists every device.
RUNS_ON_SHOWN = 25


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def model_list(request):
    form = ModelFilterForm(request.GET)
    models = form.apply(AIModel.objects.published().select_related("family", "organization"))
    page = page_of(models, request, per_page=100)
    context = with_crumbs({"form": form, "page": page}, [("Models", reverse("catalog:model_list"))])
    return render(request, partial(request, "catalog/model_list.html", "results"), context)


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def model_detail(request, slug):
    models = with_byline_and_sources(AIModel.objects.published())
    model = get_object_or_404(models.select_related("family", "organization"), slug=slug)
    form = RunsOnForm(request.GET)
    benchmarks = list(queries.benchmarks().filter(model=model).order_by("-decode_tokens_per_s"))
    context = {
        "model": model,
        "form": form,
        "benchmarks": benchmarks[:BENCHMARKS_SHOWN],
        "benchmark_count": len(benchmarks),
        "language_model": fitting.is_language_model(model),
    }
    if context["language_model"]:
        reference = catalog_fit.memory_needed(model)
        context |= {
            "quant_table": fitting.quant_table(model),
            "contexts": fitting.TABLE_CONTEXTS,
            "runs_on_html": runs_on_section(request, model, form, benchmarks),
            "commands": fitting.run_commands(model, reference),
            "runs_on_quant": fitting.RUNS_ON_QUANT,
            "runs_on_context": fitting.RUNS_ON_CONTEXT,
        }
    crumbs = [("Models", reverse("catalog:model_list")), (model.name, model.get_absolute_url())]
    with_crumbs(context, crumbs, structured_data.ai_model(model))
    return render(request, partial(request, "catalog/model_detail.html", "runs_on"), context)


def runs_on_section(request, model, form, benchmarks):
    """The "Runs on" section: a fit-engine pass over every published device, cached."""
    everything = show_all(request)
    limit = None if everything else RUNS_ON_SHOWN

    def build():
        runs_on = fitting.runs_on(
            model,
            queries.published_devices(),
            evidence=catalog_fit.Evidence.from_benchmarks(benchmarks),
            price_band=form.filters().get("price"),
        )
        context = {
            "model": model,
            "form": form,
            "runs_on": runs_on,
            "comfortable": runs_on.comfortable[:limit],
            "trade_offs": runs_on.trade_offs[:limit],
            "truncated": limit is not None
            and max(len(runs_on.comfortable), len(runs_on.trade_offs)) > limit,
            "runs_on_quant": fitting.RUNS_ON_QUANT,
            "runs_on_context": fitting.RUNS_ON_CONTEXT,
        }
        return render_to_string("catalog/_runs_on.html", context)

    if not form.is_valid():
        return build()  # the error message echoes what was typed: never cached
    band = form.cleaned_data.get("price") or "any"
    return cached_fragment(request, f"runs-on:{model.pk}:{band}:{everything}", build)
