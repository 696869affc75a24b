from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from . import catalog_fit, cost_check
from .fit import FitInputError
from .forms_cost import CostForm, published_prices
from .views import PUBLIC_CACHE, _message, _partial, _status

REQUIRED = {"model", "hardware"}


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def cost_vs_cloud(request):
    apis, rentals = published_prices()
    prices = {"api_prices": apis, "rental_prices": rentals}
    # Bind when the visitor asked something; a link that only pre-fills gets no errors.
    if set(request.GET) >= REQUIRED:
        form = CostForm(request.GET, **prices)
    else:
        form = CostForm(initial=request.GET.dict(), **prices)
    result = None
    if form.is_valid():
        try:
            result = cost_check.check(form.cleaned_data)
        except cost_check.MissingInput as error:
            form.add_error(error.field, str(error))
        except (FitInputError, catalog_fit.NotALanguageModel, ObjectDoesNotExist) as error:
            form.add_error(None, _message(error))
    template = _partial(request, "tools/cost_vs_cloud.html", "result")
    context = {"form": form, "check": result, "apis": apis, "rentals": rentals}
    return render(request, template, context, status=_status(form, request))
