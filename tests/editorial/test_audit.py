"""Every change leaves an audit event naming the user, even outside the admin."""

import pghistory
from django.urls import reverse
from pghistory.models import Events

from editorial.models import Page


def _events_for(obj):
    # One transaction gives every event the same timestamp; the id breaks the tie.
    return Events.objects.tracks(obj).order_by("pgh_created_at", "pgh_id")


def test_changes_in_the_shell_are_audited(make_page):
    page = make_page()
    page.title = "Renamed"
    page.save()

    events = list(_events_for(page))
    assert [event.pgh_label for event in events] == ["insert", "update"]
    assert events[0].pgh_data["title"] == "About us"
    assert events[1].pgh_data["title"] == "Renamed"


def test_bulk_updates_are_audited_row_by_row(make_page):
    pages = [make_page(slug=f"p{i}") for i in range(3)]

    with pghistory.context(command="test"):
        Page.objects.update(summary="Bulk summary")

    for page in pages:
        last = _events_for(page).last()
        assert last.pgh_data["summary"] == "Bulk summary"
        assert last.pgh_context["command"] == "test"


def test_admin_bulk_action_records_one_event_per_object_with_the_user(
    client, make_page, editor, reviewer
):
    pages = [make_page(by=editor, slug=f"page-{i}") for i in range(3)]
    for page in pages:
        page.submit_for_review(by=editor)
    client.force_login(reviewer)

    client.post(
        reverse("admin:editorial_page_changelist"),
        {"action": "approve_selected", "_selected_action": [page.pk for page in pages]},
    )

    for page in pages:
        events = list(_events_for(page))
        publications = [
            event
            for before, event in zip(events, events[1:], strict=False)
            if before.pgh_data["status"] != "published" and event.pgh_data["status"] == "published"
        ]
        assert len(publications) == 1
        assert publications[0].pgh_context["user"] == reviewer.pk
