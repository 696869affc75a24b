import hashlib
from functools import wraps

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from newsletter import ratelimit

from . import export, openapi
from .tables import TABLES

# Requests per client address per minute that reach the application (responses a
# CDN or browser cache serves do not count). Documented on /api/.
REQUESTS_PER_MINUTE = 120
CACHE = {"public": True, "max_age": 300}
ERROR_CACHE = {"public": True, "max_age": 60}
CORS = {
    # Public, read-only data: any origin may read it, never with credentials.
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag",
}


def api_endpoint(view):
    """
    What every /api/v1/ response gets: GET/HEAD only (OPTIONS for CORS preflight),
    the rate limit, an ETag with conditional GET, cache headers and CORS headers.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error(405, "Only GET and HEAD are supported: the API is read-only.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        elif not ratelimit.hit(
            f"api:{ratelimit.client_ip(request)}", limit=REQUESTS_PER_MINUTE, window_seconds=60
        ):
            response = error(429, f"More than {REQUESTS_PER_MINUTE} requests a minute.")
            response["Retry-After"] = "60"
            # One client's limit must not be cached by a shared cache for everybody.
            response["Cache-Control"] = "no-store"
        else:
            response = with_etag(request, view(request, *args, **kwargs))
        if "Cache-Control" not in response:
            patch_cache_control(response, **(CACHE if response.status_code < 400 else ERROR_CACHE))
        for header, value in CORS.items():
            response[header] = value
        return response

    return wrapper


def with_etag(request, response):
    """A strong ETag from the body; a matching If-None-Match turns the response into a 304."""
    if response.status_code != 200 or response.streaming:
        return response
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    # Set before the 304 is made: it copies Cache-Control from this response.
    patch_cache_control(response, **CACHE)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def error(status, message, fields=None):
    data = {"error": message}
    if fields:
        data["fields"] = fields
    response = JsonResponse(data, status=status)
    patch_cache_control(response, **ERROR_CACHE)
    return response


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


class PageForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=openapi.MAX_PAGE)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=openapi.MAX_PAGE_SIZE)


def _field_errors(form):
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def bind_filters(table, query):
    """The table's filter form bound to the query, and every problem with the query."""
    form = table.form_class(query)
    paging = PageForm(query)
    errors = _field_errors(form) | _field_errors(paging)
    allowed = set(table.form_class.base_fields) | set(PageForm.base_fields)
    for name in sorted(set(query) - allowed):
        errors[name] = [f"Unknown parameter; this endpoint accepts: {', '.join(sorted(allowed))}."]
    return form, paging, errors


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return f"{settings.SITE_URL}{request.path}?{query.urlencode()}"


@api_endpoint
def item_list(request, table_name):
    table = TABLES[table_name]
    form, paging, errors = bind_filters(table, request.GET)
    if errors:
        return error(400, "Invalid request.", errors)
    size = paging.cleaned_data["page_size"] or openapi.DEFAULT_PAGE_SIZE
    number = paging.cleaned_data["page"] or 1
    paginator = Paginator(table.select(form), size)
    if number > paginator.num_pages:
        return error(404, f"There are {paginator.num_pages} pages of results.")
    page = paginator.page(number)
    return _json(
        {
            "count": paginator.count,
            "page": number,
            "page_size": size,
            "num_pages": paginator.num_pages,
            "next": _page_url(request, number + 1) if page.has_next() else None,
            "previous": _page_url(request, number - 1) if page.has_previous() else None,
            "results": [table.serialize(row) for row in page.object_list],
        }
    )


@api_endpoint
def item_detail(request, table_name, slug):
    table = TABLES[table_name]
    item = table.queryset().filter(slug=slug).first()
    if item is None:
        return error(404, f"No published item in {table_name} is called {slug!r}.")
    return _json(table.serialize(item))


@api_endpoint
def openapi_json(request):
    return _json(openapi.description())


@api_endpoint
def full_export(request):
    today = timezone.localdate()
    response = HttpResponse(export.archive(today), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.archive_name(today)}"'
    return response


@api_endpoint
def not_found(request, rest=""):
    return error(404, "No such endpoint. The list is at /api/v1/openapi.json.")


# (table, the index page whose download serves it, query)
CSV_LINKS = [
    ("models", "models", ""),
    ("hardware", "hardware", ""),
    ("builds", "hardware", "?kind=build"),
    ("software", "software", ""),
    ("benchmarks", "benchmarks", ""),
]


@require_GET
@cache_control(**CACHE)
def table_csv(request, table_name):
    """An index page's rows as CSV, its current filters applied (the page number is not)."""
    table = TABLES[table_name]
    if table_name == "hardware" and request.GET.get("kind") == "build":
        # The hardware index lists builds under kind=build; so does its download.
        table = TABLES["builds"]
    form = table.form_class(request.GET)
    if not form.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in _field_errors(form).items()
        )
        return HttpResponse(f"Invalid filter. {problems}\n", status=400, content_type="text/plain")
    rows = list(table.select(form))
    response = HttpResponse(export.table_csv(table, rows), content_type="text/csv; charset=utf-8")
    filename = f"runlocalai-{table.name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _shown(parameter):
    """A parameter as the docs table shows it: filters list their values, not "or empty"."""
    schema = parameter["schema"]
    return {**parameter, "schema": schema["anyOf"][0]} if "anyOf" in schema else parameter


@require_GET
@cache_control(**CACHE)
def api_docs(request):
    description = openapi.description()
    endpoints = []
    for path, operation in description["paths"].items():
        parameters = operation["get"].get("parameters", [])
        endpoints.append(
            {
                "path": path,
                "summary": operation["get"]["summary"],
                # The shared page/page_size parameters are references; the text names them.
                "parameters": [
                    _shown(parameter) for parameter in parameters if "$ref" not in parameter
                ],
                "paged": any("$ref" in parameter for parameter in parameters),
            }
        )
    context = {
        "endpoints": endpoints,
        "version": openapi.VERSION,
        "licence": openapi.LICENCE,
        "site_url": settings.SITE_URL,
        "requests_per_minute": REQUESTS_PER_MINUTE,
        "max_page_size": openapi.MAX_PAGE_SIZE,
        "default_page_size": openapi.DEFAULT_PAGE_SIZE,
        "export_name": export.archive_name(timezone.localdate()),
        "csv_links": [
            (TABLES[name].title, reverse(f"catalog_api:{page}_csv") + query)
            for name, page, query in CSV_LINKS
        ],
        "example_query": urlencode({"size": "small", "sort": "-size", "page_size": 10}),
    }
    return render(request, "catalog/api_docs.html", context)
