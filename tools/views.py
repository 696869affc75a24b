from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from editorial.content_version import cached_fragment
from runlocalai.freshness import PUBLIC_CACHE

from . import accuracy, catalog_fit, checker
from .fit import FitInputError
from .forms import CustomBuildForm, WillItRunForm

REQUIRED = {"model", "hardware"}


def _bind(form_class, request, required):
    """Bind when the visitor asked something; a link that only pre-fills gets no errors."""
    if required <= set(request.GET):
        return form_class(request.GET)
    return form_class(initial=request.GET.dict())


def _partial(request, template, name):
    if request.htmx and not request.htmx.boosted:
        return f"{template}#{name}"
    return template


def _status(form, request):
    # htmx 2 does not swap 4xx responses; plain requests get a real 400.
    if form.is_bound and not form.is_valid() and not request.htmx:
        return 400
    return 200


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def will_it_run(request):
    form = _bind(WillItRunForm, request, REQUIRED)
    result = None
    if form.is_valid():
        try:
            result = checker.check(form.cleaned_data)
        except (FitInputError, catalog_fit.NotALanguageModel, ObjectDoesNotExist) as error:
            form.add_error(None, _message(error))
    template = _partial(request, "tools/will_it_run.html", "result")
    context = {"form": form, "check": result, "context_presets": [2048, 8192, 32768, 131072]}
    return render(request, template, context, status=_status(form, request))


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def will_it_run_custom(request):
    form = _bind(CustomBuildForm, request, {"gpu"})
    result = None
    if form.is_valid():
        try:
            result = custom_result(request, form.cleaned_data)
        except (FitInputError, ObjectDoesNotExist) as error:
            form.add_error(None, _message(error))
    template = _partial(request, "tools/will_it_run_custom.html", "result")
    return render(
        request, template, {"form": form, "result": result}, status=_status(form, request)
    )


# Rows per verdict group before "show all": every catalog model is sized, and
# the long tail of models that won't run is rarely what the visitor came for.
CUSTOM_ROWS_SHOWN = 40


def custom_result(request, data):
    """The grouped answer for a described machine: every model through the engine, cached."""
    everything = request.GET.get("show") == "all"
    inputs = {name: data[name] for name in CustomBuildForm.base_fields}

    def build():
        check = checker.check_build(data)
        context = {
            "check": check,
            "gpu": data["gpu"],
            "limit": CUSTOM_ROWS_SHOWN,
            "everything": everything,
            "rows": ":" if everything else f":{CUSTOM_ROWS_SHOWN}",
            "show_all_query": urlencode(inputs | {"show": "all"}),
        }
        html = render_to_string("tools/_custom_result.html", context)
        return {"html": html, "device_name": check.device.name}

    # Every input is a bounded choice or number, so the key space is bounded too.
    key = "custom-build:" + urlencode(inputs) + f":{everything}"
    return cached_fragment(request, key, build)


@require_GET
@cache_control(**PUBLIC_CACHE)
def api_will_it_run(request):
    """JSON twin of the checker: ?model=<slug>&hardware=<slug>[&quant&context&count…]."""
    data = request.GET.copy()
    hardware = data.get("hardware", "")
    if hardware and ":" not in hardware and hardware != "custom":
        data["hardware"] = _hardware_choice(hardware)
    form = WillItRunForm(data)
    if not form.is_valid():
        return JsonResponse({"error": "Invalid request.", "fields": _errors(form)}, status=400)
    try:
        result = checker.check(form.cleaned_data)
    except (FitInputError, catalog_fit.NotALanguageModel, ObjectDoesNotExist) as error:
        return JsonResponse({"error": _message(error)}, status=400)
    fit = result.fit
    return JsonResponse(
        {
            "model": fit.model.slug,
            "hardware": fit.device.key,
            "quant": fit.request.quant,
            "context": fit.request.context,
            "runtime": fit.request.runtime,
            **fit.result.to_dict(),
            "assumptions": list(fit.assumptions),
        }
    )


def _hardware_choice(slug):
    from catalog.models import Build

    return f"build:{slug}" if Build.objects.published().filter(slug=slug).exists() else f"hw:{slug}"


def _errors(form):
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _message(error):
    if isinstance(error, FitInputError):
        return str(error)
    if isinstance(error, ObjectDoesNotExist):
        return "That hardware is not in the catalog."
    return str(error)


@require_GET
@cache_control(**PUBLIC_CACHE)
def methodology(request):
    return render(request, "tools/methodology.html", {"groups": accuracy.report()})
