"""The content version, and the conditional-GET and compression headers built on it."""

import gzip

import pytest
from django.apps import apps
from django.db import connection, transaction

from catalog.models import Hardware, Organization
from editorial.content_version import PRIVATE_MODELS, TRIGGER, content_models
from editorial.models import ContactMessage, ContentVersion

pytestmark = pytest.mark.django_db


def _number():
    return ContentVersion.current().number


def test_every_table_behind_a_public_page_has_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        triggered = {row[0] for row in cursor.fetchall()}

    expected = {model._meta.db_table for model in content_models()}
    private = {apps.get_model(label)._meta.db_table for label in PRIVATE_MODELS if _exists(label)}

    assert {"catalog_hardware", "catalog_aimodel", "editorial_source", "glossary_term"} <= expected
    assert expected <= triggered
    assert not private & triggered


def _exists(label):
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def test_saves_bulk_updates_and_raw_sql_all_move_the_version():
    vendor = Organization.objects.create(name="Vendor", slug="vendor", kind="vendor")
    after_insert = _number()

    Organization.objects.filter(pk=vendor.pk).update(name="Renamed")
    after_update = _number()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_organization SET name = 'Raw' WHERE id = %s", [vendor.pk])
    after_raw = _number()

    assert 0 < after_insert < after_update < after_raw


def test_private_rows_leave_the_version_alone():
    Organization.objects.create(name="Vendor", slug="vendor", kind="vendor")
    before = _number()

    ContactMessage.objects.create(name="Ann", email="ann@example.com", message="Hello")

    assert _number() == before


def test_a_number_seen_inside_a_rolled_back_transaction_is_never_handed_out_again():
    """Previews render in a transaction that is rolled back; what they cache stays unreachable."""
    Organization.objects.create(name="Vendor", slug="vendor", kind="vendor")
    seen_in_preview = _change_and_roll_back()
    after_rollback = _number()

    Organization.objects.update(name="Published")

    assert after_rollback < seen_in_preview < _number()


def _change_and_roll_back():
    sid = transaction.savepoint()
    Organization.objects.update(name="Previewed")
    seen = _number()
    transaction.savepoint_rollback(sid)
    return seen


def test_public_pages_answer_304_to_a_revalidation_by_etag_or_date(client):
    Organization.objects.create(name="Vendor", slug="vendor", kind="vendor")
    first = client.get("/glossary/")

    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]
    by_etag = client.get("/glossary/", headers={"if-none-match": first["ETag"]})
    by_date = client.get("/glossary/", headers={"if-modified-since": first["Last-Modified"]})
    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.content == b""


def test_a_content_change_makes_the_old_etag_and_date_stale(client):
    vendor = Organization.objects.create(name="Vendor", slug="vendor", kind="vendor")
    Hardware(vendor=vendor, name="Old name", slug="gpu", kind="gpu", memory_gb=8).save()
    hardware = Hardware.objects.get(slug="gpu")
    hardware.publish_shipped(team=_team())
    first = client.get("/hardware/")

    Hardware.objects.filter(pk=hardware.pk).update(name="New name")
    again = client.get(
        "/hardware/",
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )

    assert again.status_code == 200
    assert "New name" in again.text


def _team():
    from editorial.models import Person

    return Person.team()


def test_html_is_compressed_for_clients_that_accept_it_and_stays_cookie_free(client):
    response = client.get("/glossary/", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "<html" in gzip.decompress(response.content).decode()
    assert not response.cookies


def test_private_responses_get_no_last_modified(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert not response.has_header("Last-Modified")
