import pytest
from django.test import Client

from newsletter.models import SubscriberState, UnsubscribeRecord


def test_one_click_post_without_cookies_unsubscribes_at_once(make_subscriber):
    subscriber = make_subscriber()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/newsletter/unsubscribe/{subscriber.unsubscribe_key}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You're unsubscribed" in response.text
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.UNSUBSCRIBED
    assert subscriber.unsubscribes.get().method == UnsubscribeRecord.Method.ONE_CLICK


def test_unsubscribe_get_only_asks(client, make_subscriber):
    subscriber = make_subscriber()

    response = client.get(f"/newsletter/unsubscribe/{subscriber.unsubscribe_key}/")

    assert response.status_code == 200
    assert '<button class="button button--primary" type="submit">Unsubscribe</button>' in (
        response.text
    )
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.ACTIVE


def test_unsubscribe_button_records_the_page_method(client, make_subscriber):
    subscriber = make_subscriber()

    client.post(f"/newsletter/unsubscribe/{subscriber.unsubscribe_key}/")

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.UNSUBSCRIBED
    assert subscriber.unsubscribes.get().method == UnsubscribeRecord.Method.PAGE


def test_unsubscribing_twice_is_harmless(client, make_subscriber):
    subscriber = make_subscriber()
    url = f"/newsletter/unsubscribe/{subscriber.unsubscribe_key}/"

    client.post(url)
    response = client.post(url)

    assert response.status_code == 200
    assert subscriber.unsubscribes.count() == 2


def test_unknown_unsubscribe_key_is_404(client, db):
    assert client.post("/newsletter/unsubscribe/nope/").status_code == 404


@pytest.mark.parametrize("method", ["put", "delete"])
def test_unsubscribe_wrong_methods_are_405(client, make_subscriber, method):
    subscriber = make_subscriber()

    response = getattr(client, method)(f"/newsletter/unsubscribe/{subscriber.unsubscribe_key}/")

    assert response.status_code == 405
