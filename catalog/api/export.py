"""
CSV files and the dated full export, built from the API's serializers.

A CSV column per API field, in the same order; nested values are flattened the
same way everywhere: a linked item becomes its slug, a list of words is joined
with "; ", anything richer (sources, install commands, build items) is JSON.
Unknown values are empty cells.
"""

import csv
import io
import json
import zipfile

from django.conf import settings

from . import openapi
from .tables import TABLES

# Spreadsheets run cells that start with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LICENCE_NOTE = (
    "RunLocalAI open data, exported {date}. Site version {version}.\n"
    "Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/) for RunLocalAI's own "
    "data: credit RunLocalAI and link the item's page (its `url`).\n"
    "Figures taken from third parties keep the terms of their sources, listed with each "
    "item (`sources`, and `source_url` for benchmarks).\n"
    "Only reviewed, published content is included. Field reference: {site}/api/\n"
)


def columns(table):
    return list(openapi.SCHEMAS[table.schema]["properties"])


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict) and set(value) == {"slug", "name"}:
        value = value["slug"]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = "; ".join(value)
    elif isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def table_csv(table, rows):
    """The serialized `rows` of `table` as CSV text (with a header even when empty)."""
    names = columns(table)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        data = table.serialize(row)
        writer.writerow([cell(data[name]) for name in names])
    return output.getvalue()


def archive_name(date):
    return f"runlocalai-data-{date.isoformat()}.zip"


def archive(date):
    """
    Every published table as CSV plus one JSON file, zipped; the same bytes for the
    same data on the same date (entries carry the export date, not the clock time).
    """
    buffer = io.BytesIO()
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    everything = {
        "exported": date.isoformat(),
        "licence": openapi.LICENCE,
        "api_version": openapi.VERSION,
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:

        def add(name, text):
            bundle.writestr(zipfile.ZipInfo(name, date_time=stamp), text.encode())

        add(
            "README.txt",
            LICENCE_NOTE.format(date=date, version=settings.SITE_VERSION, site=settings.SITE_URL),
        )
        for table in TABLES.values():
            queryset = table.queryset()
            rows = list(queryset.order_by(*queryset.model._meta.ordering, "pk"))
            add(f"{table.name}.csv", table_csv(table, rows))
            everything[table.name] = [table.serialize(row) for row in rows]
        add("runlocalai-data.json", json.dumps(everything, ensure_ascii=False, indent=1))
    return buffer.getvalue()
