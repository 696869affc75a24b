from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from runlocalai.freshness import PUBLIC_CACHE

from . import search as site_search
from . import sections


@require_GET
@cache_control(**PUBLIC_CACHE)
def home(request):
    return render(request, "home.html", {"sections": sections.SECTIONS})


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /healthz",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    # Pages link the SVG icon; this only serves clients that ask for the old name.
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
@never_cache
def healthz(request):
    # Deliberately no session or template work: this must answer even when
    # the cache or the session store is unwell, and only fail on the database.
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "version": settings.SITE_VERSION})


def server_error(request):
    # Rendered without context processors: whatever broke may be among them.
    return render(request, "500.html", {"site_version": settings.SITE_VERSION}, status=500)


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def search(request):
    raw = request.GET.get("q", "")
    query = site_search.clean_query(raw)
    hits = site_search.search(query)
    template = "search.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    context = {
        "query": query,
        "truncated": len(raw.strip()) > site_search.MAX_QUERY_LENGTH,
        "groups": site_search.grouped(hits),
        "count": len(hits),
    }
    return render(request, template, context)
