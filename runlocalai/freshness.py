"""
Last-Modified for public pages, from the content version.

ConditionalGetMiddleware (above this one in MIDDLEWARE) adds an ETag from the
body and answers 304 when a browser or CDN revalidates; this adds the date the
content last changed so caches that revalidate by date can do the same.
"""

from datetime import UTC, datetime, time

from django.db import DatabaseError
from django.utils.http import http_date

from editorial import content_version

# Public pages: any cache (browser, CDN) may keep them five minutes, then
# revalidate with the ETag / Last-Modified below.
PUBLIC_CACHE = {"public": True, "max_age": 300}


def is_public(response):
    directives = response.get("Cache-Control", "").split(",")
    return "public" in {directive.split("=")[0].strip().lower() for directive in directives}


class LastModifiedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Last-Modified")
            and is_public(response)
        ):
            try:
                changed_at = content_version.for_request(request).changed_at
            except DatabaseError:
                # A page that needed no database (home, about) must not fail
                # over an optional header while the database is unreachable.
                return response
            if changed_at is not None:
                response["Last-Modified"] = http_date(_last_change(changed_at).timestamp())
        return response


def _last_change(changed_at):
    # Some pages also change with the date alone (stale-review notes, "this
    # month" lists), so a page is never older than today's start.
    start_of_today = datetime.combine(datetime.now(UTC).date(), time.min, tzinfo=UTC)
    return max(changed_at, start_of_today)
