import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber, SubscriberState


@pytest.fixture
def database_tasks(settings):
    """The configured backend (django-tasks-db), as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_signup_queues_a_task_that_db_worker_sends(database_tasks, client):
    client.post("/newsletter/", {"email": "ann@example.com", "consent": "on"})

    assert mail.outbox == []
    assert DBTaskResult.objects.get().task_path == "newsletter.tasks.send_confirmation"

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    assert [m.to for m in mail.outbox] == [["ann@example.com"]]
    assert Subscriber.objects.get().state == SubscriberState.PENDING
