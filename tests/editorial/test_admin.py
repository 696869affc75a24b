import pytest
from django.urls import reverse

from editorial.models import Page, Revision, RevisionState, Status


def _change_url(page):
    return reverse("admin:editorial_page_change", args=[page.pk])


def _form_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "author": "",
        "last_verified": "",
        "editorial-source-content_type-object_id-TOTAL_FORMS": "0",
        "editorial-source-content_type-object_id-INITIAL_FORMS": "0",
        "editorial-correction-content_type-object_id-TOTAL_FORMS": "0",
        "editorial-correction-content_type-object_id-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_editor_creates_a_draft_in_the_admin(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:editorial_page_add"),
        _form_data(Page(title="New", slug="new", summary="A summary.", body="Body.")),
    )

    assert response.status_code == 302
    page = Page.objects.get(slug="new")
    assert page.status == Status.DRAFT
    assert page.open_revision().changed_by == editor


def test_admin_edit_of_a_live_page_becomes_a_pending_revision(client, live_page, editor):
    client.force_login(editor)

    response = client.post(_change_url(live_page), _form_data(live_page, body="Edited in admin."))

    assert response.status_code == 302
    live_page.refresh_from_db()
    assert live_page.body == "Original body."
    revision = live_page.open_revision()
    assert revision.data["fields"]["body"] == "Edited in admin."
    assert revision.changed_by == editor
    assert "Original body." in client.get("/about-us/").text


def test_reviewer_approves_through_the_review_page(client, live_page, editor, reviewer):
    client.force_login(editor)
    client.post(_change_url(live_page), _form_data(live_page, body="Edited in admin."))
    client.post(reverse("admin:editorial_page_workflow", args=[live_page.pk, "submit"]))
    client.force_login(reviewer)

    review = client.get(reverse("admin:editorial_page_review", args=[live_page.pk]))
    assert "Edited in admin." in review.text
    assert "Original body." in review.text
    client.post(
        reverse("admin:editorial_page_workflow", args=[live_page.pk, "approve"]),
        {"note": "Checked."},
    )

    live_page.refresh_from_db()
    assert live_page.body == "Edited in admin."
    assert live_page.review_note == "Checked."


def test_self_approval_through_the_admin_is_refused_and_changes_nothing(
    client, live_page, reviewer
):
    client.force_login(reviewer)
    client.post(_change_url(live_page), _form_data(live_page, body="My own change."))
    client.post(reverse("admin:editorial_page_workflow", args=[live_page.pk, "submit"]))

    response = client.post(
        reverse("admin:editorial_page_workflow", args=[live_page.pk, "approve"]), follow=True
    )

    assert "another reviewer must approve it" in response.text
    live_page.refresh_from_db()
    assert live_page.body == "Original body."
    assert live_page.open_revision().state == RevisionState.IN_REVIEW


def test_review_page_hides_the_approve_form_from_the_author_of_the_change(
    client, live_page, reviewer
):
    client.force_login(reviewer)
    client.post(_change_url(live_page), _form_data(live_page, body="Mine."))
    client.post(reverse("admin:editorial_page_workflow", args=[live_page.pk, "submit"]))

    response = client.get(reverse("admin:editorial_page_review", args=[live_page.pk]))

    assert "another reviewer must approve it" in response.text
    assert "/workflow/approve/" not in response.text


def test_editors_do_not_see_the_approve_action(client, live_page, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:editorial_page_changelist"))

    assert 'value="submit_selected"' in response.text
    assert 'value="approve_selected"' not in response.text


def test_editor_cannot_approve_through_the_workflow_url(
    client, make_page, editor, django_user_model
):
    page = make_page(by=editor)
    page.submit_for_review(by=editor)
    other = django_user_model.objects.create_user("other", is_staff=True)
    other.groups.set(editor.groups.all())
    client.force_login(other)

    client.post(reverse("admin:editorial_page_workflow", args=[page.pk, "approve"]))

    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW


def test_staff_without_permissions_cannot_open_the_workflow_pages(client, live_page, staff_user):
    client.force_login(staff_user)

    for name in ["review", "revisions", "preview"]:
        response = client.get(reverse(f"admin:editorial_page_{name}", args=[live_page.pk]))
        assert response.status_code in (403, 404), name


def test_workflow_url_refuses_get(client, live_page, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("admin:editorial_page_workflow", args=[live_page.pk, "archive"]))

    assert response.status_code == 405


def test_bulk_submit_and_approve(client, make_page, editor, reviewer):
    pages = [make_page(by=editor, slug=f"page-{i}", title=f"Page {i}") for i in range(3)]
    ids = [page.pk for page in pages]
    client.force_login(editor)
    client.post(
        reverse("admin:editorial_page_changelist"),
        {"action": "submit_selected", "_selected_action": ids},
    )
    client.force_login(reviewer)

    client.post(
        reverse("admin:editorial_page_changelist"),
        {"action": "approve_selected", "_selected_action": ids},
    )

    assert Page.objects.published().count() == 3


def test_bulk_approve_reports_refusals_and_approves_the_rest(client, make_page, editor, reviewer):
    theirs = make_page(by=editor, slug="theirs")
    mine = make_page(by=reviewer, slug="mine")
    for page, author in [(theirs, editor), (mine, reviewer)]:
        page.submit_for_review(by=author)
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:editorial_page_changelist"),
        {"action": "approve_selected", "_selected_action": [theirs.pk, mine.pk]},
        follow=True,
    )

    assert "another reviewer must approve it" in response.text
    assert list(Page.objects.published()) == [theirs]


def test_revisions_page_lists_history_and_restores(client, live_page, editor):
    client.force_login(editor)
    client.post(_change_url(live_page), _form_data(live_page, body="Second."))

    history = client.get(reverse("admin:editorial_page_revisions", args=[live_page.pk]))
    assert "Revision 2" in history.text
    assert "Revision 1" in history.text
    client.post(
        reverse("admin:editorial_page_workflow", args=[live_page.pk, "restore"]), {"revision": 1}
    )

    assert (
        live_page.open_revision().data == Revision.objects.for_object(live_page).get(number=1).data
    )


def test_preview_shows_the_pending_revision_on_the_real_page_without_publishing(
    client, live_page, editor
):
    client.force_login(editor)
    client.post(_change_url(live_page), _form_data(live_page, body="Previewed body."))

    response = client.get(reverse("admin:editorial_page_preview", args=[live_page.pk]))

    assert response.status_code == 200
    assert "Previewed body." in response.text
    assert "Preview" in response.text
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    live_page.refresh_from_db()
    assert live_page.body == "Original body."


def test_preview_of_a_draft_does_not_publish_it(client, make_page, editor):
    page = make_page(by=editor, body="Draft text.")
    client.force_login(editor)

    response = client.get(reverse("admin:editorial_page_preview", args=[page.pk]))

    assert "Draft text." in response.text
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    assert client.get("/about-us/").status_code == 404


def test_changelist_filters_by_status_and_searches(client, live_page, make_page, reviewer):
    make_page(slug="draft-page", title="Drafty")
    client.force_login(reviewer)

    response = client.get(reverse("admin:editorial_page_changelist"), {"status": "published"})
    assert "About us" in response.text
    assert "Drafty" not in response.text
    response = client.get(reverse("admin:editorial_page_changelist"), {"q": "Drafty"})
    assert "Drafty" in response.text


@pytest.mark.parametrize("group", ["editor", "reviewer"])
def test_change_form_loads_for_each_role(client, live_page, group, request):
    client.force_login(request.getfixturevalue(group))

    response = client.get(_change_url(live_page))

    assert response.status_code == 200
    assert "Workflow" in response.text
