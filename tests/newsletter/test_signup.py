import re
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from newsletter.models import ConsentRecord, Subscriber, SubscriberState

URL = "/newsletter/"


def _signup(client, email="ann@example.com", **extra):
    data = {"email": email, "consent": "on", "page": "/models/", "website": "", **extra}
    return client.post(URL, data)


def _confirm_url(message):
    return re.search(r"https://runlocalai\.test(/newsletter/confirm/[^/\s]+/)", message.body)[1]


def test_signup_page_shows_form_privacy_note_and_unticked_consent(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "Send me the RunLocalAI monthly digest" in response.text
    assert re.search(
        r'<input type="checkbox" name="consent" id="id_consent" required>', response.text
    )
    assert "We store your address" in response.text
    assert "no-cache" in response["Cache-Control"]


def test_signup_creates_pending_subscriber_with_consent_record_and_mails_a_link(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, " Ann@Example.COM ")

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ann@example.com"
    assert subscriber.state == SubscriberState.PENDING
    consent = subscriber.consents.get()
    assert (consent.version, consent.page, consent.confirmed_at) == ("2026-06", "/models/", None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ann@example.com"]
    assert "/newsletter/confirm/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"


def test_signup_without_javascript_redirects_and_shows_the_message(client, db):
    response = _signup(client)
    page = client.get(response["Location"])

    assert response["Location"] == URL
    assert "we sent a confirmation link to that address" in page.text


def test_signup_with_htmx_returns_the_thanks_fragment(client, db):
    response = client.post(
        URL,
        {"email": "ann@example.com", "consent": "on", "page": "/"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert '<div id="newsletter-form"' in response.text
    assert "Check your inbox" in response.text
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]


def test_htmx_get_returns_the_form_fragment_with_the_page_it_came_from(client, db):
    response = client.get(URL, {"from": "/hardware/rtx-4090/"}, headers={"HX-Request": "true"})

    assert '<form id="newsletter-form"' in response.text
    assert 'value="/hardware/rtx-4090/"' in response.text
    assert "<html" not in response.text


def test_consent_is_required(client, db):
    response = client.post(URL, {"email": "ann@example.com"})

    assert response.status_code == 200
    assert "Tick the box" in response.text
    assert not Subscriber.objects.exists()


def test_invalid_address_is_refused(client, db):
    response = client.post(URL, {"email": "not-an-address", "consent": "on"})

    assert "Enter a valid email address" in response.text
    assert not Subscriber.objects.exists()


def test_foreign_page_value_is_replaced(client, db):
    _signup(client, page="https://evil.example/")

    assert ConsentRecord.objects.get().page == "/newsletter/"


def test_honeypot_answers_like_success_but_stores_nothing(client, db):
    response = _signup(client, website="http://spam.example")

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("state", [None, *SubscriberState.values])
def test_response_is_identical_whatever_the_address_state(client, make_subscriber, state):
    if state:
        make_subscriber(state=state)
    reference = Client().post(
        URL, {"email": "new@example.com", "consent": "on"}, headers={"HX-Request": "true"}
    )

    response = client.post(
        URL, {"email": "ann@example.com", "consent": "on"}, headers={"HX-Request": "true"}
    )
    plain = Client().post(URL, {"email": "ann@example.com", "consent": "on"})
    plain_reference = Client().post(URL, {"email": "other@example.com", "consent": "on"})

    assert response.status_code == reference.status_code == 200
    assert response.content == reference.content
    assert plain.status_code == plain_reference.status_code == 302
    assert plain["Location"] == plain_reference["Location"]


def test_signup_does_the_same_queries_for_new_and_existing_addresses(
    client, make_subscriber, django_assert_num_queries
):
    make_subscriber(state=SubscriberState.ACTIVE)
    Client().post(URL, {"email": "warm@example.com", "consent": "on"})  # warm caches

    with django_assert_num_queries(5) as new:
        _signup(client, "new@example.com")
    with django_assert_num_queries(5) as existing:
        _signup(client, "ann@example.com")

    assert [q["sql"].split()[0] for q in new] == [q["sql"].split()[0] for q in existing]


@pytest.mark.parametrize("state", [SubscriberState.ACTIVE, SubscriberState.COMPLAINED])
def test_no_confirmation_mail_for_active_or_complained_addresses(
    client, make_subscriber, state, django_capture_on_commit_callbacks
):
    make_subscriber(state=state)

    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)

    assert mail.outbox == []


def test_mail_is_not_sent_inside_the_request(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _signup(client)

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_confirmation_resend_is_throttled_per_address(
    client, db, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                _signup(client)
        assert len(mail.outbox) == 1

        traveller.shift(16 * 60)
        with django_capture_on_commit_callbacks(execute=True):
            _signup(client)

    assert len(mail.outbox) == 2


def test_signup_posts_are_rate_limited_per_ip(client, db, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 3
    for i in range(3):
        assert _signup(client, f"n{i}@example.com").status_code == 302

    blocked = _signup(client, "late@example.com")
    other_ip = client.post(
        URL, {"email": "late@example.com", "consent": "on"}, REMOTE_ADDR="10.0.0.9"
    )

    assert blocked.status_code == 429
    assert "Too many signups" in blocked.text
    assert other_ip.status_code == 302


def test_rate_limit_window_ends_after_an_hour(client, db, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 1
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        _signup(client, "a@example.com")
        assert _signup(client, "b@example.com").status_code == 429
        traveller.shift(3601)
        assert _signup(client, "c@example.com").status_code == 302


def test_rate_limit_reads_the_client_ip_behind_the_configured_proxy(client, db, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 1
    settings.NEWSLETTER_PROXY_COUNT = 1
    _signup(client, "a@example.com", HTTP_X_FORWARDED_FOR="203.0.113.1")

    response = client.post(
        URL,
        {"email": "b@example.com", "consent": "on"},
        headers={"X-Forwarded-For": "203.0.113.2"},
    )

    assert response.status_code == 302


def test_signup_form_enforces_csrf(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(URL, {"email": "ann@example.com", "consent": "on"})

    assert response.status_code == 403
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_signup_wrong_methods_are_405(client, db, method):
    assert getattr(client, method)(URL).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_signups_leave_one_row():
    barrier = threading.Barrier(2)
    errors = []

    def submit():
        try:
            barrier.wait()
            Subscriber.sign_up("race@example.com", page="/newsletter/")
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Subscriber.objects.filter(email="race@example.com").count() == 1
    assert ConsentRecord.objects.count() == 2


# -- confirming -----------------------------------------------------------------


def _pending_link(client, django_capture_on_commit_callbacks, email="ann@example.com"):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client, email)
    return _confirm_url(mail.outbox[-1])


def test_confirm_link_asks_then_activates(client, db, django_capture_on_commit_callbacks):
    link = _pending_link(client, django_capture_on_commit_callbacks)

    asked = client.get(link)
    assert "Yes, send me the digest" in asked.text
    assert Subscriber.objects.get().state == SubscriberState.PENDING

    confirmed = client.post(link)

    assert "You're subscribed" in confirmed.text
    subscriber = Subscriber.objects.get()
    assert subscriber.state == SubscriberState.ACTIVE
    assert subscriber.confirmed_at is not None
    assert subscriber.consents.get().confirmed_at is not None


def test_used_confirm_link_shows_the_neutral_page(client, db, django_capture_on_commit_callbacks):
    link = _pending_link(client, django_capture_on_commit_callbacks)
    client.post(link)

    again = client.get(link)

    assert "This link no longer works" in again.text
    assert 'href="/newsletter/"' in again.text


def test_expired_confirm_link_shows_the_neutral_page(
    client, db, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        link = _pending_link(client, django_capture_on_commit_callbacks)
        traveller.shift(71 * 3600)
        assert "Yes, send me the digest" in client.get(link).text
        traveller.shift(2 * 3600)

        response = client.post(link)

    assert "This link no longer works" in response.text
    assert Subscriber.objects.get().state == SubscriberState.PENDING


def test_forged_confirm_link_shows_the_neutral_page(client, db):
    response = client.get(reverse("newsletter:confirm", args=["MQ:forged:signature"]))

    assert response.status_code == 200
    assert "This link no longer works" in response.text


def test_unsubscribed_address_can_subscribe_again(
    client, make_subscriber, django_capture_on_commit_callbacks
):
    make_subscriber(state=SubscriberState.UNSUBSCRIBED)
    link = _pending_link(client, django_capture_on_commit_callbacks)

    client.post(link)

    assert Subscriber.objects.get().state == SubscriberState.ACTIVE
