"""
Loading content shipped with the project (YAML/Markdown files) as published items.

Upserts by slug under the team byline. An item is only overwritten from its
file while its live version is still the shipped one: once an editor has changed
it through the workflow, their reviewed version wins and the loader says so.
"""

import hashlib
import json
from pathlib import Path

import pghistory
import yaml
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder

from .models import Person, Revision, RevisionState


def read_markdown(path: Path) -> tuple[dict, str]:
    """A Markdown file with a YAML header between `---` lines: (header, body)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: missing the YAML header")
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header) or {}, body.strip() + "\n"


def upsert_shipped(model, *, slug, fields, sources=(), children=None, team=None):
    """
    Create or update one shipped item; returns "created", "updated", "unchanged" or "kept".

    `children` maps a related accessor (e.g. a build's "items") to the rows it should
    hold. A fingerprint of everything shipped is kept in the live revision's summary,
    so an unchanged file costs two queries and changes nothing.
    """
    team = team or Person.team()
    fingerprint = _fingerprint(fields, sources, children)
    obj = model.objects.filter(slug=slug).first()
    created = obj is None
    live = None if created else _live_revision(obj)
    if not created:
        if (live is not None and live.changed_by_id is not None) or obj.open_revision():
            return "kept"
        if live is not None and fingerprint in live.summary:
            return "unchanged"
    with pghistory.context(command="load_content"):
        obj = obj or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        try:
            obj.full_clean(exclude=["author"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ValidationError(f"{model._meta.verbose_name} {slug!r}: {error}") from error
        obj.save()
        obj.sources.all().delete()
        for position, source in enumerate(sources, start=1):
            obj.sources.create(position=position, **source)
        for name, rows in (children or {}).items():
            manager = getattr(obj, name)
            manager.all().delete()
            for row in rows:
                manager.create(**row)
        obj.publish_shipped(team=team, summary=f"Shipped with the project ({fingerprint}).")
    return "created" if created else "updated"


def _live_revision(obj):
    return Revision.objects.for_object(obj).filter(state=RevisionState.LIVE).first()


def _fingerprint(fields, sources, children):
    def plain(value):
        return getattr(value, "pk", value)

    payload = {
        "fields": {name: plain(value) for name, value in fields.items()},
        "sources": list(sources),
        "children": {
            name: [{key: plain(value) for key, value in row.items()} for row in rows]
            for name, rows in (children or {}).items()
        },
    }
    encoded = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder).encode()
    return "sha256:" + hashlib.sha256(encoded).hexdigest()[:16]
