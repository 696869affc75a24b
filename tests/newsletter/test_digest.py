from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from editorial.models import TransitionError
from newsletter import compose
from newsletter import mail as newsletter_mail
from newsletter.models import Delivery, DeliveryState, Digest, SubscriberState
from newsletter.tasks import send_digest


def _subscribers(make_subscriber, count, state=SubscriberState.ACTIVE, prefix="reader"):
    return [make_subscriber(f"{prefix}{i}@example.com", state=state) for i in range(count)]


def test_sending_mails_every_active_subscriber_once_with_unsubscribe_headers(
    make_digest, make_subscriber, reviewer, django_capture_on_commit_callbacks
):
    digest = make_digest()
    active = _subscribers(make_subscriber, 3)

    with django_capture_on_commit_callbacks(execute=True):
        created = digest.send(by=reviewer)

    assert created == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in active)
    message = mail.outbox[0]
    subscriber = next(s for s in active if s.email == message.to[0])
    url = f"https://runlocalai.test/newsletter/unsubscribe/{subscriber.unsubscribe_key}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.subject == "RunLocalAI digest — June 2026"
    assert "Qwen 3" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>Qwen 3</strong>" in html
    digest.refresh_from_db()
    assert digest.sent_at is not None
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


@pytest.mark.parametrize(
    "state",
    [
        SubscriberState.PENDING,
        SubscriberState.UNSUBSCRIBED,
        SubscriberState.BOUNCED,
        SubscriberState.COMPLAINED,
    ],
)
def test_no_digest_for_subscribers_who_are_not_active(
    make_digest, make_subscriber, reviewer, state, django_capture_on_commit_callbacks
):
    digest = make_digest()
    make_subscriber("other@example.com", state=state)

    with django_capture_on_commit_callbacks(execute=True):
        digest.send(by=reviewer)

    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_subscriber_who_unsubscribes_mid_send_is_skipped(
    make_digest, make_subscriber, reviewer, django_capture_on_commit_callbacks
):
    digest = make_digest()
    leaver, stayer = _subscribers(make_subscriber, 2)
    with django_capture_on_commit_callbacks(execute=False):
        digest.send(by=reviewer)
    leaver.unsubscribe(method="page")

    send_digest.call(digest.pk)

    assert [m.to for m in mail.outbox] == [[stayer.email]]
    assert Delivery.objects.get(subscriber=leaver).state == DeliveryState.SKIPPED


def test_sending_twice_mails_nobody_twice(
    make_digest, make_subscriber, reviewer, django_capture_on_commit_callbacks
):
    digest = make_digest()
    _subscribers(make_subscriber, 3)

    with django_capture_on_commit_callbacks(execute=True):
        digest.send(by=reviewer)
    make_subscriber("late@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        created = digest.send(by=reviewer)

    assert created == 0
    assert len(mail.outbox) == 3
    assert Delivery.objects.count() == 3


def test_a_crash_half_way_resumes_without_duplicates_or_gaps(
    make_digest, make_subscriber, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    digest = make_digest()
    readers = _subscribers(make_subscriber, 6)
    with django_capture_on_commit_callbacks(execute=False):
        digest.send(by=reviewer)
    real_send = newsletter_mail.send_digest
    calls = []

    def crash_on_the_fourth(digest, subscriber):
        calls.append(subscriber.email)
        if len(calls) == 4:
            raise ConnectionError("worker lost the mail server")
        real_send(digest, subscriber)

    monkeypatch.setattr(newsletter_mail, "send_digest", crash_on_the_fourth)
    with pytest.raises(ConnectionError):
        send_digest.call(digest.pk)
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(state=DeliveryState.PENDING).count() == 3
    digest.refresh_from_db()
    assert digest.sent_at is None

    monkeypatch.setattr(newsletter_mail, "send_digest", real_send)
    with django_capture_on_commit_callbacks(execute=True):
        digest.send(by=reviewer)  # the reviewer resumes

    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(r.email for r in readers)
    assert len(recipients) == len(set(recipients))
    digest.refresh_from_db()
    assert digest.sent_at is not None


def test_refused_address_is_marked_failed_and_the_rest_still_get_it(
    make_digest, make_subscriber, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    digest = make_digest()
    _subscribers(make_subscriber, 3)
    real_send = newsletter_mail.send_digest

    def refuse_reader1(digest, subscriber):
        if subscriber.email == "reader1@example.com":
            raise smtplib.SMTPRecipientsRefused({subscriber.email: (550, b"no such user")})
        real_send(digest, subscriber)

    monkeypatch.setattr(newsletter_mail, "send_digest", refuse_reader1)
    with django_capture_on_commit_callbacks(execute=True):
        digest.send(by=reviewer)

    assert len(mail.outbox) == 2
    failed = Delivery.objects.get(state=DeliveryState.FAILED)
    assert failed.subscriber.email == "reader1@example.com"


def test_unpublished_digest_cannot_be_sent(make_digest, make_subscriber, reviewer):
    digest = make_digest(approve=False)
    make_subscriber()

    with pytest.raises(TransitionError):
        digest.send(by=reviewer)

    assert not Delivery.objects.exists()
    digest.refresh_from_db()
    assert digest.send_started_at is None


def test_digest_in_review_cannot_be_sent(make_digest, editor, reviewer):
    digest = make_digest(approve=False)
    digest.submit_for_review(by=editor)

    with pytest.raises(TransitionError):
        digest.send(by=reviewer)


def test_editors_cannot_send(make_digest, editor):
    digest = make_digest()

    with pytest.raises(PermissionDenied):
        digest.send(by=editor)


def test_send_action_in_the_admin(
    client, make_digest, make_subscriber, reviewer, django_capture_on_commit_callbacks
):
    digest = make_digest()
    make_subscriber()
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:newsletter_digest_changelist"),
            {"action": "send_selected", "_selected_action": [digest.pk]},
            follow=True,
        )

    assert "queued for 1 subscribers" in response.text
    assert len(mail.outbox) == 1


def test_send_action_refuses_a_draft(client, make_digest, make_subscriber, reviewer):
    digest = make_digest(approve=False)
    make_subscriber()
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:newsletter_digest_changelist"),
        {"action": "send_selected", "_selected_action": [digest.pk]},
        follow=True,
    )

    assert "Only a published digest can be sent" in response.text
    assert mail.outbox == []


def test_send_action_hidden_from_editors(client, make_digest, editor):
    make_digest()
    client.force_login(editor)

    response = client.get(reverse("admin:newsletter_digest_changelist"))

    assert response.status_code == 200
    assert 'value="send_selected"' not in response.text


def test_new_digest_form_is_prefilled_with_what_changed(
    client, make_page, editor, reviewer, second_reviewer
):
    make_page(by=editor, approver=reviewer, title="Editorial policy", slug="editorial-policy")
    client.force_login(second_reviewer)

    response = client.get(reverse("admin:newsletter_digest_add"))

    assert response.status_code == 200
    assert "[Editorial policy](https://runlocalai.test/editorial-policy/)" in response.text


def test_draft_lists_only_changes_after_the_last_sent_digest(
    make_page, make_digest, editor, reviewer, django_capture_on_commit_callbacks
):
    make_page(by=editor, approver=reviewer, title="Old page", slug="old-page")
    digest = make_digest()
    with django_capture_on_commit_callbacks(execute=True):
        digest.send(by=reviewer)
    make_page(by=editor, approver=reviewer, title="Fresh page", slug="fresh-page")

    body = compose.draft()["body"]

    assert "Fresh page" in body
    assert "Old page" not in body
    assert "New:" in body


def test_draft_marks_edited_items_as_updated(make_page, editor, reviewer):
    page = make_page(by=editor, approver=reviewer, title="Terms", slug="terms")
    page.body = "Changed."
    page.record_edit(by=editor)
    page.submit_for_review(by=editor)
    page.approve(by=reviewer)
    body = compose.draft()["body"]

    assert "New:\n\n- [Terms]" in body


def test_resume_command_requeues_unfinished_sends(
    make_digest, make_subscriber, reviewer, django_capture_on_commit_callbacks
):
    digest = make_digest()
    _subscribers(make_subscriber, 2)
    with django_capture_on_commit_callbacks(execute=False):
        digest.send(by=reviewer)
    stdout = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("resume_digests", stdout=stdout)

    assert len(mail.outbox) == 2
    assert stdout.getvalue() == "Resumed: RunLocalAI digest — June 2026 (2 pending)\n"
    assert Digest.objects.get().sent_at is not None
