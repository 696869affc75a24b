import pytest

from newsletter.models import ConsentRecord, Digest, Subscriber, SubscriberState


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run inline when their on_commit hook fires (the worker has its own test)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_subscriber(db):
    """A subscriber in the given state, with a confirmed consent record when active."""

    def make(email="ann@example.com", state=SubscriberState.ACTIVE):
        subscriber = Subscriber.objects.create(email=email, state=state)
        ConsentRecord.objects.create(subscriber=subscriber, version="2026-06", page="/newsletter/")
        return subscriber

    return make


@pytest.fixture
def make_digest(db, editor, reviewer):
    """A digest written by the editor; approved by the reviewer unless told otherwise."""

    def make(*, approve=True, **fields):
        fields.setdefault("subject", "RunLocalAI digest — June 2026")
        fields.setdefault("slug", "digest-2026-06")
        fields.setdefault("intro", "What changed in June.")
        fields.setdefault("body", "## New models\n\n- **Qwen 3** arrived.")
        digest = Digest.objects.create(**fields)
        digest.record_edit(by=editor)
        if approve:
            digest.submit_for_review(by=editor)
            digest.approve(by=reviewer)
            digest.refresh_from_db()
        return digest

    return make
