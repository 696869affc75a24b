"""
What a reviewer needs to see first: what waits for them, what they sent back,
what has gone stale, and warnings that other apps contribute.

Another app adds a warning source with `register_warning_source(fn)`, where `fn()`
returns an iterable of `Warning(title, detail, url)`; the fit engine uses this to
flag prose that contradicts its numbers.
"""

from dataclasses import dataclass

from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .models import Revision, RevisionState, publishable_models

_warning_sources = []


@dataclass(frozen=True)
class Warning:
    title: str
    detail: str
    url: str


def register_warning_source(source):
    if source not in _warning_sources:
        _warning_sources.append(source)
    return source


def warnings():
    return [warning for source in _warning_sources for warning in source()]


def _publishable_types_for(user):
    types = []
    for model in publishable_models():
        codename = get_permission_codename("publish", model._meta)
        if user.has_perm(f"{model._meta.app_label}.{codename}"):
            types.append(ContentType.objects.get_for_model(model))
    return types


def awaiting_review(user):
    return (
        Revision.objects.awaiting_review_by(user)
        .filter(content_type__in=_publishable_types_for(user))
        .prefetch_related("content_object")
        .order_by("submitted_at")
    )


def changes_requested_by(user):
    return (
        Revision.objects.filter(state=RevisionState.CHANGES_REQUESTED, reviewed_by=user)
        .select_related("content_type", "changed_by")
        .prefetch_related("content_object")
        .order_by("-reviewed_at")
    )


def sent_back_to(user):
    """The user's own revisions that a reviewer returned with a note."""
    return (
        Revision.objects.filter(state=RevisionState.CHANGES_REQUESTED, changed_by=user)
        .select_related("content_type", "reviewed_by")
        .prefetch_related("content_object")
        .order_by("-reviewed_at")
    )


def stale_content(limit=20):
    """Per content type: published items not verified within their cadence."""
    groups = []
    for model in publishable_models():
        stale = model.objects.stale().order_by("last_verified")
        items = list(stale[:limit])
        if items:
            groups.append(
                {
                    "label": model._meta.verbose_name_plural,
                    "days": model.REVIEW_CADENCE_DAYS,
                    "count": stale.count(),
                    "items": [(item, admin_change_url(item)) for item in items],
                }
            )
    return groups


def admin_change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
