from datetime import date

from django.urls import reverse

from editorial import dashboard


def test_dashboard_shows_what_awaits_me_but_not_my_own_changes(client, make_page, editor, reviewer):
    theirs = make_page(by=editor, slug="theirs", title="Their page")
    mine = make_page(by=reviewer, slug="mine", title="My page")
    theirs.submit_for_review(by=editor)
    mine.submit_for_review(by=reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("admin:dashboard"))

    awaiting = response.text.split("Awaiting my review")[1].split("Changes I requested")[0]
    assert "Their page" in awaiting
    assert "My page" not in awaiting


def test_dashboard_lists_changes_i_requested_and_stale_content(client, make_page, editor, reviewer):
    page = make_page(by=editor, slug="sent-back", title="Sent back page")
    page.submit_for_review(by=editor)
    page.request_changes(by=reviewer, note="Needs a source.")
    make_page(
        by=editor, approver=reviewer, slug="old", title="Old page", last_verified=date(2020, 1, 1)
    )
    client.force_login(reviewer)

    response = client.get(reverse("admin:dashboard"))

    assert "Needs a source." in response.text
    assert "Old page" in response.text
    assert "not verified in 365 days" in response.text


def test_dashboard_shows_registered_warnings(client, reviewer):
    def source():
        return [dashboard.Warning("Qwen page", "says it fits 8 GB; the engine disagrees", "/x/")]

    dashboard.register_warning_source(source)
    client.force_login(reviewer)
    try:
        response = client.get(reverse("admin:dashboard"))
    finally:
        dashboard._warning_sources.remove(source)

    assert "the engine disagrees" in response.text


def test_dashboard_requires_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader"))

    response = client.get(reverse("admin:dashboard"))

    assert response.status_code == 302
