"""
The served OpenAPI description is valid and the API keeps it: schemathesis generates
requests from /api/v1/openapi.json, sends them to the WSGI app in-process (no
network) and checks every response: never a 5xx, a documented status code and
content type, and a body that matches the schema.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks

from catalog.api import openapi
from catalog.api import views as api_views

CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    # Anything outside the description (bounds, enums, lengths) must be a 4xx.
    checks.negative_data_rejection,
    # Not positive_data_acceptance: slug filters (family=…) are any slug-shaped string in
    # the description, and a slug the catalog does not have is a 400 by design.
]


@pytest.fixture
def catalog(make_model, make_hardware, make_build, make_software, make_benchmark):
    """A small catalog holding the slugs the description gives as examples."""
    model = make_model(slug="llama-3-1-8b", release_date="2024-07-23")
    gpu = make_hardware(slug="nvidia-geforce-rtx-3090", memory_gb=24)
    make_build(slug="dual-rtx-3090", hardware=gpu)
    software = make_software(slug="llama-cpp")
    make_benchmark(model=model, hardware=gpu, software=software)
    make_model(draft=True, slug="a-draft")


@pytest.fixture
def keep_test_connection():
    """
    Django closes the database connection after each WSGI request; the test client
    prevents that and so must a raw WSGI app, or the test's transaction is lost.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_openapi_description(catalog, keep_test_connection, monkeypatch, mode):
    # Hundreds of generated requests come from one address within a minute.
    monkeypatch.setattr(api_views, "REQUESTS_PER_MINUTE", 1_000_000)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    # Every documented operation but the description's own path, which schemathesis skips.
    assert len(operations) == 12

    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not [*operation.query, *operation.path_parameters]:
            continue  # Nothing to get wrong.

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            # The in-process transport does not decompress; production clients do.
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

        conforms()


def test_served_description_is_the_module_description(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json() == openapi.description()
    assert response.json()["openapi"].startswith("3.1")
    assert response.json()["info"]["license"]["name"] == "CC BY 4.0"
