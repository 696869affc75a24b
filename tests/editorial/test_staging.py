"""Edits to live content wait in a revision; the public page keeps the approved version."""

from editorial import snapshots
from editorial.models import Revision, RevisionState, Status


def _edit_live(page, *, by, **changes):
    """What the admin does: write the edit, capture it, roll the row back."""
    from django.db import transaction

    with transaction.atomic():
        savepoint = transaction.savepoint_create()
        for name, value in changes.items():
            setattr(page, name, value)
        page.save()
        page.sources.create(
            url="https://example.com/new", title="New source", accessed="2026-11-01"
        )
        data = snapshots.capture(page)
        transaction.savepoint_rollback(savepoint)
    page.refresh_from_db()
    return Revision.capture(page, by=by, data=data)


def test_editing_a_live_page_leaves_the_public_page_unchanged(client, live_page, editor):
    revision = _edit_live(live_page, by=editor, body="Unreviewed claim.")

    response = client.get("/about-us/")
    assert "Original body." in response.text
    assert "Unreviewed claim." not in response.text
    assert "New source" not in response.text
    assert revision.number == 2
    live_page.refresh_from_db()
    assert live_page.status == Status.PUBLISHED


def test_approving_the_revision_publishes_fields_and_related_rows(
    client, live_page, editor, reviewer
):
    _edit_live(live_page, by=editor, body="Reviewed claim.")
    live_page.submit_for_review(by=editor)
    live_page.approve(by=reviewer)

    response = client.get("/about-us/")
    assert "Reviewed claim." in response.text
    assert "New source" in response.text
    assert Revision.objects.for_object(live_page).get(number=1).state == RevisionState.SUPERSEDED


def test_restoring_reproduces_the_old_revision_exactly(
    live_page, editor, reviewer, second_reviewer
):
    original = snapshots.capture(live_page)
    _edit_live(live_page, by=editor, body="Changed.", title="Changed title")
    live_page.submit_for_review(by=editor)
    live_page.approve(by=reviewer)

    first = Revision.objects.for_object(live_page).get(number=1)
    live_page.restore(first, by=reviewer)
    live_page.submit_for_review(by=reviewer)
    live_page.approve(by=second_reviewer)

    live_page.refresh_from_db()
    assert snapshots.capture(live_page) == original
    assert live_page.sources.count() == 0


def test_diff_names_each_changed_field(live_page, editor):
    revision = _edit_live(live_page, by=editor, body="New body.")
    live = Revision.objects.for_object(live_page).get(number=1)

    changes = snapshots.diff(type(live_page), live.data, revision.data)

    labels = {change.label: (change.before, change.after) for change in changes}
    assert labels["Body"] == ("Original body.", "New body.")
    assert "Sources" in labels
    assert "Title" not in labels
