from unittest import mock

from django.db import OperationalError, connection


def test_healthz_reports_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.cookies == {}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_unavailable_when_the_database_is_down(client, transactional_db):
    # A real connection failure: the connection is pointed at a socket folder
    # where no server listens.
    original = connection.settings_dict.copy()
    connection.close()
    connection.settings_dict.update(HOST="/nonexistent-socket-dir", PORT="5999")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(original)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_healthz_reports_unavailable_when_a_query_fails(client, db):
    with mock.patch(
        "runlocalai.views.connection.cursor",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503


def test_healthz_does_not_touch_sessions(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/healthz")
