"""
A starting point for the next digest: what went live since the last one was sent.

Reads approved revisions (live now, or live then and superseded since) whose
approval is newer than the last sent digest, and lists the items that are
still published, grouped by content type: new (first revision) or updated.
The editor rewrites it into prose; nothing here is sent without review.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch
from django.utils import timezone

from editorial.models import Revision, RevisionState, publishable_models

from .models import Digest


def changes_since(since):
    """[(verbose_name_plural, new items, updated items)] for content approved after `since`."""
    revisions = Revision.objects.filter(state__in=[RevisionState.LIVE, RevisionState.SUPERSEDED])
    if since is not None:
        revisions = revisions.filter(reviewed_at__gt=since)
    first_numbers = defaultdict(dict)
    for content_type_id, object_id, number in revisions.values_list(
        "content_type_id", "object_id", "number"
    ):
        known = first_numbers[content_type_id].get(object_id)
        first_numbers[content_type_id][object_id] = min(number, known or number)

    groups = []
    for model in publishable_models():
        if model is Digest:
            continue
        changed = first_numbers.get(ContentType.objects.get_for_model(model).pk)
        if not changed:
            continue
        related = [
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one and field.name not in ("author", "reviewed_by")
        ]
        items = model.objects.published().filter(pk__in=changed)
        if related:
            items = items.select_related(*related)
        new, updated = [], []
        for item in items:
            (new if changed[item.pk] == 1 else updated).append(item)
        if new or updated:
            groups.append((str(model._meta.verbose_name_plural), new, updated))
    return groups


def _line(item):
    try:
        url = settings.SITE_URL + item.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return f"- {item}"
    return f"- [{item}]({url})"


def draft(*, now=None):
    """Initial subject, slug, intro and Markdown body for a new digest."""
    now = now or timezone.now()
    last = Digest.objects.last_sent()
    since = last.send_started_at if last else None
    lines = []
    for label, new, updated in changes_since(since):
        lines.append(f"## {label[:1].upper()}{label[1:]}")
        lines.append("")
        if new:
            lines += ["New:", ""] + [_line(item) for item in new] + [""]
        if updated:
            lines += ["Updated:", ""] + [_line(item) for item in updated] + [""]
    if not lines:
        lines = ["Nothing new went live since the last issue."]
    period = f"since {since:%Y-%m-%d}" if since else "so far"
    return {
        "subject": f"{settings.SITE_NAME} digest — {now:%B %Y}",
        "slug": f"digest-{now:%Y-%m}",
        "intro": f"What changed in the catalog {period}.",
        "body": "\n".join(lines).strip() + "\n",
    }
