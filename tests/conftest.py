from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from editorial.models import Page, Person
from editorial.roles import EDITORS, REVIEWERS


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached fragments or rate-limit counters from another test."""
    cache.clear()
    yield
    cache.clear()


def pytest_sessionfinish(session, exitstatus):
    # A test run that had to start the embedded PostgreSQL stops it again;
    # one that found it running (say, under `make run`) leaves it alone.
    from runlocalai import embedded_db

    if embedded_db.started_here():
        embedded_db.stop()


@pytest.fixture
def shipped_content(db):
    """Everything the project ships (make run loads the same), for tests about the whole site."""
    from django.core.management import call_command

    call_command("load_content", stdout=StringIO())


@pytest.fixture(scope="module")
def shipped_module(django_db_setup, django_db_blocker):
    """
    The shipped content, loaded once for a whole test module and rolled back after it.

    Loading everything takes seconds; tests that only read it share one load. Each
    test still runs in its own savepoint (request `db` too), so writes stay local.
    """
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_content", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def staff_user(django_user_model):
    """A staff account with no permissions beyond logging in to the admin."""
    return django_user_model.objects.create_user(
        "staff", "staff@example.com", "a long enough passphrase", is_staff=True
    )


def _member_of(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "a long enough passphrase", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    """A member of Editors: writes and submits, cannot publish."""
    return _member_of(django_user_model, "edith", EDITORS)


@pytest.fixture
def reviewer(django_user_model):
    """A member of Reviewers."""
    return _member_of(django_user_model, "rita", REVIEWERS)


@pytest.fixture
def second_reviewer(django_user_model):
    return _member_of(django_user_model, "ravi", REVIEWERS)


@pytest.fixture
def make_page(db):
    """Build a Page through the workflow: a draft, or published by a reviewer when asked."""

    def make(*, by=None, approver=None, **fields):
        fields.setdefault("title", "About us")
        fields.setdefault("slug", "about-us")
        fields.setdefault("summary", "Who runs the site and why it exists.")
        fields.setdefault("body", "Original body.")
        page = Page.objects.create(**fields)
        if by is not None:
            page.record_edit(by=by)
            if approver is not None:
                page.submit_for_review(by=by)
                page.approve(by=approver)
                page.refresh_from_db()
        return page

    return make


@pytest.fixture
def live_page(make_page, editor, reviewer):
    """A page written by the editor and published by the reviewer."""
    return make_page(by=editor, approver=reviewer)


@pytest.fixture
def team(db):
    return Person.team()
