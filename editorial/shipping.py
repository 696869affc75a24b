"""
Loading content shipped with the project (YAML/Markdown files) as published items.

Upserts by slug under the team byline. An item is only overwritten from its
file while its live version is still the shipped one: once an editor has changed
it through the workflow, their reviewed version wins and the loader says so.
"""

from pathlib import Path

import pghistory
import yaml

from . import snapshots
from .models import Person, Revision, RevisionState


def read_markdown(path: Path) -> tuple[dict, str]:
    """A Markdown file with a YAML header between `---` lines: (header, body)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: missing the YAML header")
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header) or {}, body.strip() + "\n"


def upsert_shipped(model, *, slug, fields, sources=(), team=None):
    """Create or update one shipped item; returns "created", "updated", "unchanged" or "kept"."""
    team = team or Person.team()
    with pghistory.context(command="load_content"):
        obj = model.objects.filter(slug=slug).first()
        created = obj is None
        if created:
            obj = model(slug=slug)
        elif _edited_by_someone(obj):
            return "kept"
        for name, value in fields.items():
            setattr(obj, name, value)
        if not created and _same_as_live(obj, sources):
            return "unchanged"
        obj.save()
        obj.sources.all().delete()
        for position, source in enumerate(sources, start=1):
            obj.sources.create(position=position, **source)
        obj.publish_shipped(team=team)
    return "created" if created else "updated"


def _edited_by_someone(obj):
    live = Revision.objects.for_object(obj).filter(state=RevisionState.LIVE).first()
    pending = obj.open_revision()
    return (live is not None and live.changed_by_id is not None) or pending is not None


def _same_as_live(obj, sources):
    live = Revision.objects.for_object(obj).filter(state=RevisionState.LIVE).first()
    if live is None:
        return False
    wanted = snapshots.capture(obj)["fields"]
    current_sources = [
        {key: row[key] for key in ("url", "title", "publisher", "accessed", "note")}
        for row in live.data["children"].get("sources", [])
    ]
    shipped_sources = snapshots.jsonable(
        [
            {key: source.get(key, "") for key in ("url", "title", "publisher", "accessed", "note")}
            for source in sources
        ]
    )
    return live.data["fields"] == wanted and current_sources == shipped_sources
