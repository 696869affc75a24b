import pytest

from tests.catalog.conftest import (  # noqa: F401 — shared catalog factories
    family,
    lab,
    make_benchmark,
    make_build,
    make_hardware,
    make_model,
    make_software,
    q4,
    vendor,
)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with an empty request counter (it lives in the cache)."""
    from django.core.cache import cache

    cache.clear()
