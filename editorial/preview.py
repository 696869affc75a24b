"""
Preview a draft or pending revision on its real public page.

The revision is applied and the item marked published inside a transaction that
is always rolled back, and the public view itself renders the page. So the
preview is exactly what readers would see, through the same view, template and
queries — and nothing about it survives the request.
"""

from copy import copy

from django.db import transaction
from django.http import Http404
from django.urls import Resolver404, resolve

from . import snapshots
from .models import Status
from .models.workflow import _allow_status_writes


class _Rollback(Exception):
    pass


def render_preview(request, obj, revision):
    response = None
    try:
        with transaction.atomic():
            if revision is not None:
                snapshots.apply(obj, revision.data)
            with _allow_status_writes():
                obj.status = Status.PUBLISHED
                obj.save()
            response = _render_public_page(request, obj.get_absolute_url(), revision)
            raise _Rollback
    except _Rollback:
        pass
    # Staff-only content: never stored by a browser or a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_public_page(request, url, revision):
    try:
        match = resolve(url)
    except Resolver404 as error:
        raise Http404("This content has no public page to preview.") from error
    public_request = copy(request)
    public_request.path = public_request.path_info = url
    public_request.method = "GET"
    public_request.editorial_preview = revision or True
    response = match.func(public_request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response
