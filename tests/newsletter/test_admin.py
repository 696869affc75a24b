import csv
import io
import json

from django.urls import reverse

from newsletter.models import ConsentRecord, Subscriber, SubscriberState, UnsubscribeRecord

CHANGELIST = "admin:newsletter_subscriber_changelist"


def test_export_json_has_everything_stored_about_a_subscriber(admin_client, make_subscriber):
    subscriber = make_subscriber()
    make_subscriber("other@example.com")
    subscriber.unsubscribe(method=UnsubscribeRecord.Method.PAGE)

    response = admin_client.post(
        reverse(CHANGELIST), {"action": "export_json", "_selected_action": [subscriber.pk]}
    )

    assert response["Content-Disposition"] == 'attachment; filename="subscribers.json"'
    [data] = json.loads(response.content)
    assert data["email"] == "ann@example.com"
    assert data["state"] == SubscriberState.UNSUBSCRIBED
    assert data["consents"][0]["version"] == "2026-06"
    assert data["consents"][0]["text"].startswith("Send me the RunLocalAI monthly digest")
    assert data["unsubscribes"][0]["method"] == "page"
    assert "other@example.com" not in response.text


def test_export_csv(admin_client, make_subscriber):
    subscriber = make_subscriber()

    response = admin_client.post(
        reverse(CHANGELIST), {"action": "export_csv", "_selected_action": [subscriber.pk]}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["email", "record", "at", "detail", "extra"]
    assert [row[1] for row in rows[1:]] == ["state", "consent"]


def test_deleting_a_subscriber_deletes_their_records(admin_client, make_subscriber):
    subscriber = make_subscriber()

    admin_client.post(
        reverse("admin:newsletter_subscriber_delete", args=[subscriber.pk]), {"post": "yes"}
    )

    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_subscribers_cannot_be_added_by_hand(admin_client, db):
    response = admin_client.get(reverse("admin:newsletter_subscriber_add"))

    assert response.status_code == 403


def test_subscriber_admin_is_closed_to_editors(client, editor):
    client.force_login(editor)

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 403


def test_mark_bounced_action(admin_client, make_subscriber):
    subscriber = make_subscriber()

    admin_client.post(
        reverse(CHANGELIST), {"action": "mark_bounced", "_selected_action": [subscriber.pk]}
    )

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.BOUNCED


def test_changelist_and_search_load(admin_client, make_subscriber):
    make_subscriber()

    response = admin_client.get(reverse(CHANGELIST), {"q": "ann"})

    assert "ann@example.com" in response.text
