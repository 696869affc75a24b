from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from editorial.views import with_byline_and_sources
from tools import catalog_fit

from .. import fitting, queries, structured_data
from ..forms import ModelFilterForm, RunsOnForm
from ..models import AIModel
from .common import PUBLIC_CACHE, page_of, partial, with_crumbs

BENCHMARKS_SHOWN = 20


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
        evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
        reference = catalog_fit.memory_needed(model)
        context |= {
            "quant_table": fitting.quant_table(model),
            "contexts": fitting.TABLE_CONTEXTS,
            "runs_on": fitting.runs_on(
                model,
                queries.published_devices(),
                evidence=evidence,
                price_band=form.filters().get("price"),
            ),
            "commands": fitting.run_commands(model, reference),
            "runs_on_quant": fitting.RUNS_ON_QUANT,
            "runs_on_context": fitting.RUNS_ON_CONTEXT,
        }
    crumbs = [("Models", reverse("catalog:model_list")), (model.name, model.get_absolute_url())]
    with_crumbs(context, crumbs, structured_data.ai_model(model))
    return render(request, partial(request, "catalog/model_detail.html", "runs_on"), context)
