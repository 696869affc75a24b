import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from editorial import contact
from editorial.models import ContactMessage

VALID = {
    "name": "Ada Reader",
    "email": "ada@example.com",
    "message": "The RTX 3090 page lists the wrong bandwidth.",
    "website": "",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def test_contact_page_sets_a_csrf_cookie_and_is_not_cached(client, db):
    response = client.get("/contact/")

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert response.cookies
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_other_pages_set_no_cookie(client, db):
    response = client.get("/contact/thanks/")

    assert not response.cookies


def test_valid_message_is_stored_and_redirects_to_thanks(client, db):
    response = client.post("/contact/", VALID)

    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    message = ContactMessage.objects.get()
    assert (message.name, message.email) == ("Ada Reader", "ada@example.com")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("message", "short"),
        ("message", "x" * 5001),
        ("name", ""),
        ("name", "n" * 101),
    ],
)
def test_invalid_input_is_a_400_with_the_field_error(client, db, field, value):
    response = client.post("/contact/", {**VALID, field: value})

    assert response.status_code == 400
    assert 'class="errorlist' in response.text
    assert not ContactMessage.objects.exists()


def test_garbage_post_is_a_400_never_a_500(client, db):
    response = client.post("/contact/", {"name": ["a", "b"], "unexpected": "\x00"})

    assert response.status_code == 400


def test_empty_post_shows_the_required_fields(client, db):
    response = client.post("/contact/", {})

    assert response.status_code == 400
    assert "This field is required." in response.text


def test_honeypot_gets_the_thanks_page_but_nothing_is_stored(client, db):
    response = client.post("/contact/", {**VALID, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not ContactMessage.objects.exists()


def test_rate_limit_per_ip(client, db):
    for _ in range(contact.MESSAGES_PER_IP_PER_HOUR):
        assert client.post("/contact/", VALID).status_code == 302

    response = client.post("/contact/", VALID)

    assert response.status_code == 429
    assert "Too many messages" in response.text
    assert ContactMessage.objects.count() == contact.MESSAGES_PER_IP_PER_HOUR


def test_post_without_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/contact/", VALID)

    assert response.status_code == 403
    assert not ContactMessage.objects.exists()


def test_post_with_csrf_token_is_accepted(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/contact/")
    token = client.cookies[next(iter(client.cookies))].value

    response = client.post("/contact/", {**VALID, "csrfmiddlewaretoken": token})

    assert response.status_code == 302


@override_settings(CONTACT_EMAIL="editors@runlocalai.test")
def test_editors_are_mailed_on_commit(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/contact/", VALID)
        assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["editors@runlocalai.test"]
    assert "ada@example.com" in sent.body
    assert "Ada Reader" not in sent.subject


@override_settings(CONTACT_EMAIL="editors@runlocalai.test")
def test_visitor_text_never_reaches_a_mail_header(client, db, django_capture_on_commit_callbacks):
    hostile = {**VALID, "name": "Eve\r\nBcc: victim@example.com", "email": "eve@example.com"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", hostile)

    sent = mail.outbox[0]
    headers = sent.message().as_string().split("\n\n", 1)[0]
    assert "victim@example.com" not in headers
    assert "eve@example.com" not in headers
    assert sent.to == ["editors@runlocalai.test"]
    assert sent.bcc == []
    assert sent.cc == []
    assert sent.reply_to == []


def test_no_mail_without_a_configured_address(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", VALID)

    assert mail.outbox == []
    assert ContactMessage.objects.exists()


def test_contact_only_answers_get_and_post(client, db):
    assert client.put("/contact/").status_code == 405


def test_messages_are_read_only_in_the_admin(admin_client, db, client):
    client.post("/contact/", VALID)
    message = ContactMessage.objects.get()

    listing = admin_client.get("/admin/editorial/contactmessage/")
    detail = admin_client.get(f"/admin/editorial/contactmessage/{message.pk}/change/")

    assert listing.status_code == 200
    assert "Ada Reader" in listing.text
    assert detail.status_code == 200
    assert 'name="message"' not in detail.text
    assert admin_client.get("/admin/editorial/contactmessage/add/").status_code == 403
