"""Only published rows leave the site: not drafts, items in review, or archived ones."""

import io
import json
import zipfile

import pytest
from django.db import transaction

from editorial import snapshots
from editorial.models import Revision

TABLE_PATHS = {
    "models": ("/api/v1/models", "/models/export.csv"),
    "hardware": ("/api/v1/hardware", "/hardware/export.csv"),
    "builds": ("/api/v1/builds", "/hardware/export.csv?kind=build"),
    "software": ("/api/v1/software", "/tools/export.csv"),
    "benchmarks": ("/api/v1/benchmarks", "/benchmarks/export.csv"),
}


def _everywhere(client, table, slug):
    """Where `slug` shows up: API list, API detail, CSV download, full export (CSV and JSON)."""
    list_url, csv_url = TABLE_PATHS[table]
    listed = [row["slug"] for row in client.get(list_url).json()["results"]]
    detail = client.get(f"/api/v1/{table}/{slug}").status_code
    csv_text = client.get(csv_url).content.decode()
    with zipfile.ZipFile(io.BytesIO(client.get("/api/v1/export.zip").content)) as bundle:
        exported_csv = bundle.read(f"{table}.csv").decode()
        exported_json = json.loads(bundle.read("runlocalai-data.json"))[table]
    return {
        "list": slug in listed,
        "detail": detail == 200,
        "csv": f"\r\n{slug}," in csv_text,
        "export_csv": f"\r\n{slug}," in exported_csv,
        "export_json": slug in [row["slug"] for row in exported_json],
    }


NOWHERE = dict.fromkeys(["list", "detail", "csv", "export_csv", "export_json"], False)
EVERYWHERE = dict.fromkeys(NOWHERE, True)


@pytest.fixture
def makers(make_model, make_hardware, make_build, make_software, make_benchmark):
    return {
        "models": make_model,
        "hardware": make_hardware,
        "builds": make_build,
        "software": make_software,
        "benchmarks": make_benchmark,
    }


@pytest.mark.parametrize("table", list(TABLE_PATHS))
def test_an_item_is_public_only_while_published(client, makers, editor, reviewer, table):
    item = makers[table](draft=True, slug="walked")
    assert _everywhere(client, table, "walked") == NOWHERE

    item.record_edit(by=editor)
    item.submit_for_review(by=editor)
    assert item.status == "in_review"
    assert _everywhere(client, table, "walked") == NOWHERE

    item.approve(by=reviewer)
    item.refresh_from_db()
    assert item.status == "published"
    assert _everywhere(client, table, "walked") == EVERYWHERE

    item.archive(by=reviewer)
    assert _everywhere(client, table, "walked") == NOWHERE


def test_changes_requested_stays_private(client, make_model, editor, reviewer):
    model = make_model(draft=True, slug="walked")
    model.record_edit(by=editor)
    model.submit_for_review(by=editor)
    model.request_changes(by=reviewer, note="Cite the config.")

    assert _everywhere(client, "models", "walked") == NOWHERE


def _edit_live(item, *, by, **changes):
    """What the admin does with an edit to live content: capture it, roll the row back."""
    with transaction.atomic():
        savepoint = transaction.savepoint_create()
        for name, value in changes.items():
            setattr(item, name, value)
        item.save()
        item.sources.create(
            url="https://example.com/new", title="Unreviewed", accessed="2026-11-01"
        )
        data = snapshots.capture(item)
        transaction.savepoint_rollback(savepoint)
    item.refresh_from_db()
    return Revision.capture(item, by=by, data=data)


def test_a_pending_edit_to_a_live_item_stays_out_until_approved(
    client, make_model, editor, reviewer
):
    model = make_model(slug="live", summary="Approved summary.")
    _edit_live(model, by=editor, summary="Unreviewed claim.")
    model.submit_for_review(by=editor)

    pending = client.get("/api/v1/models/live").json()
    pending_csv = client.get("/models/export.csv").content.decode()
    pending_zip = client.get("/api/v1/export.zip").content

    model.approve(by=reviewer)
    approved = client.get("/api/v1/models/live").json()

    assert pending["summary"] == "Approved summary."
    assert "Unreviewed" not in str(pending["sources"])
    assert "Unreviewed" not in pending_csv
    with zipfile.ZipFile(io.BytesIO(pending_zip)) as bundle:
        assert b"Unreviewed" not in bundle.read("runlocalai-data.json")
    assert approved["summary"] == "Unreviewed claim."
    assert "Unreviewed" in str(approved["sources"])
