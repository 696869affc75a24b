"""
Revisions as data: capture an item's content as JSON, apply it back, diff two.

A snapshot holds the item's own content fields (never its workflow fields) and
the rows of each relation named in REVISION_CHILDREN, so a revision carries an
entry's sources or a guide's picks with it and a restore reproduces them exactly.
Values go through DjangoJSONEncoder once, so dates and decimals compare equal
whether they come from the database or from a stored revision.
"""

import json
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.core.serializers.json import DjangoJSONEncoder


def jsonable(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def content_fields(model):
    excluded = getattr(model, "WORKFLOW_FIELDS", frozenset())
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in excluded
    ]


def _row_fields(model, link_names):
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in link_names
    ]


def _child_links(obj, name):
    """The related manager for a child relation and the fields that tie rows to `obj`."""
    relation = obj._meta.get_field(name)
    manager = getattr(obj, name)
    if isinstance(relation, GenericRelation):
        return manager, {relation.content_type_field_name, relation.object_id_field_name}
    return manager, {relation.field.name}


def capture(obj):
    fields = {field.attname: field.value_from_object(obj) for field in content_fields(type(obj))}
    for field in obj._meta.many_to_many:
        if field.name not in getattr(obj, "WORKFLOW_FIELDS", ()):
            fields[field.name] = sorted(related.pk for related in field.value_from_object(obj))
    children = {}
    for name in getattr(obj, "REVISION_CHILDREN", ()):
        manager, links = _child_links(obj, name)
        row_fields = _row_fields(manager.model, links)
        children[name] = [
            {field.attname: field.value_from_object(row) for field in row_fields}
            for row in manager.all()
        ]
    return jsonable({"fields": fields, "children": children})


def apply(obj, data):
    """Write a snapshot onto `obj` and replace its child rows. The caller saves `obj`."""
    by_attname = {field.attname: field for field in content_fields(type(obj))}
    for attname, value in data["fields"].items():
        field = by_attname.get(attname)
        if field is not None:
            setattr(obj, attname, None if value is None else field.to_python(value))
    obj.save()
    for field in obj._meta.many_to_many:
        if field.name in data["fields"]:
            getattr(obj, field.name).set(data["fields"][field.name])
    for name, rows in data.get("children", {}).items():
        manager, links = _child_links(obj, name)
        by_attname = {field.attname: field for field in _row_fields(manager.model, links)}
        manager.all().delete()
        for row in rows:
            manager.create(
                **{
                    attname: None if value is None else by_attname[attname].to_python(value)
                    for attname, value in row.items()
                    if attname in by_attname
                }
            )


@dataclass(frozen=True)
class Change:
    label: str
    before: object
    after: object


def diff(model, before, after):
    """Field-by-field changes between two snapshots of `model` (before may be None)."""
    before = before or {"fields": {}, "children": {}}
    labels = {field.attname: field.verbose_name for field in content_fields(model)}
    labels.update({field.name: field.verbose_name for field in model._meta.many_to_many})
    changes = []
    for key, value in after["fields"].items():
        old = before["fields"].get(key)
        if old != value:
            changes.append(Change(str(labels.get(key, key)).capitalize(), old, value))
    for name, rows in after.get("children", {}).items():
        old_rows = before.get("children", {}).get(name, [])
        if old_rows != rows:
            label = str(model._meta.get_field(name).related_model._meta.verbose_name_plural)
            changes.append(Change(label.capitalize(), _describe(old_rows), _describe(rows)))
    return changes


def _describe(rows):
    return "\n".join(
        " · ".join(str(value) for value in row.values() if value not in (None, "")) for row in rows
    )
