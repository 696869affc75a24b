import pytest


def pytest_sessionfinish(session, exitstatus):
    # A test run that had to start the embedded PostgreSQL stops it again;
    # one that found it running (say, under `make run`) leaves it alone.
    from runlocalai import embedded_db

    if embedded_db.started_here():
        embedded_db.stop()


@pytest.fixture
def staff_user(django_user_model):
    """A staff account with no permissions beyond logging in to the admin."""
    return django_user_model.objects.create_user(
        "staff", "staff@example.com", "a long enough passphrase", is_staff=True
    )
