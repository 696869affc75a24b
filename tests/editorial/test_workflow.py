from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from editorial.models import (
    FourEyesError,
    Page,
    Person,
    Revision,
    RevisionState,
    Status,
    TransitionError,
)


def test_new_content_starts_as_an_unpublished_draft(make_page, editor):
    page = make_page(by=editor)

    assert page.status == Status.DRAFT
    assert Page.objects.published().count() == 0
    assert page.open_revision().changed_by == editor


def test_status_cannot_be_assigned_directly(make_page):
    page = make_page()
    page.status = Status.PUBLISHED

    with pytest.raises(TransitionError):
        page.save()


def test_status_cannot_be_changed_with_a_bulk_update(make_page):
    make_page()

    with pytest.raises(TransitionError):
        Page.objects.update(status=Status.PUBLISHED)


def test_content_cannot_be_created_already_published(db):
    with pytest.raises(TransitionError):
        Page.objects.create(
            title="Sneaky", slug="sneaky", summary="s", body="b", status=Status.PUBLISHED
        )


def test_full_cycle_draft_review_changes_requested_published(make_page, editor, reviewer):
    page = make_page(by=editor)

    page.submit_for_review(by=editor)
    assert page.status == Status.IN_REVIEW
    page.request_changes(by=reviewer, note="Cite the licence.")
    assert page.status == Status.CHANGES_REQUESTED
    assert page.open_revision().note == "Cite the licence."
    page.body = "Now with a citation."
    page.save()
    page.record_edit(by=editor)
    page.submit_for_review(by=editor)
    page.approve(by=reviewer, note="Thanks.")

    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    assert page.reviewed_by == Person.for_user(reviewer)
    assert page.review_note == "Thanks."
    assert page.published_at is not None
    assert page.revision_number == 1
    assert Page.objects.published().get() == page


def test_reviewer_cannot_approve_their_own_change(make_page, reviewer):
    page = make_page(by=reviewer)
    page.submit_for_review(by=reviewer)

    with pytest.raises(FourEyesError):
        page.approve(by=reviewer)

    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW
    assert page.open_revision().state == RevisionState.IN_REVIEW


def test_superuser_cannot_approve_their_own_change(make_page, admin_user):
    page = make_page(by=admin_user)
    page.submit_for_review(by=admin_user)

    with pytest.raises(FourEyesError):
        page.approve(by=admin_user)


def test_reviewer_who_edits_a_revision_cannot_then_approve_it(
    make_page, editor, reviewer, second_reviewer
):
    page = make_page(by=editor)
    page.submit_for_review(by=editor)
    page.body = "Reviewer's wording."
    page.save()
    page.record_edit(by=reviewer)
    page.submit_for_review(by=reviewer)

    with pytest.raises(FourEyesError):
        page.approve(by=reviewer)
    page.approve(by=second_reviewer)
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED


def test_editors_cannot_approve(make_page, editor, django_user_model):
    other_editor = django_user_model.objects.create_user("other", is_staff=True)
    other_editor.groups.set(editor.groups.all())
    page = make_page(by=editor)
    page.submit_for_review(by=editor)

    with pytest.raises(PermissionDenied):
        page.approve(by=other_editor)


def test_request_changes_needs_a_note(make_page, editor, reviewer):
    page = make_page(by=editor)
    page.submit_for_review(by=editor)

    with pytest.raises(TransitionError):
        page.request_changes(by=reviewer, note="  ")


def test_approving_needs_a_submitted_revision(make_page, editor, reviewer):
    page = make_page(by=editor)

    with pytest.raises(TransitionError):
        page.approve(by=reviewer)


def test_archive_hides_published_content_and_unarchive_returns_a_draft(live_page, reviewer):
    live_page.archive(by=reviewer)

    assert Page.objects.published().count() == 0
    live_page.unarchive(by=reviewer)
    assert live_page.status == Status.DRAFT


def test_republishing_keeps_the_first_publication_date(live_page, editor, reviewer):
    first_published_at = live_page.published_at
    live_page.body = "Second version."
    live_page.record_edit(by=editor)
    live_page.submit_for_review(by=editor)
    live_page.approve(by=reviewer)

    live_page.refresh_from_db()
    assert live_page.published_at == first_published_at
    assert live_page.revision_number == 2


def test_scheduled_approval_waits_for_its_go_live_time(make_page, editor, reviewer):
    page = make_page(by=editor)
    page.submit_for_review(by=editor)
    page.approve(by=reviewer, go_live_at=timezone.now() + timedelta(hours=2))

    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW
    assert page.open_revision().state == RevisionState.SCHEDULED


def test_restore_creates_a_new_revision_that_needs_review(live_page, editor, reviewer):
    first = Revision.objects.for_object(live_page).get(number=1)

    restored = live_page.restore(first, by=editor)

    assert restored.number == 2
    assert restored.state == RevisionState.DRAFT
    assert restored.restored_from == first
    assert restored.data == first.data
