"""
Fuzzing every public form and query-string parameter: hostile input never causes a 5xx.

Each page's own inputs (its forms, and the parameters of links back to itself) are
found by reading the page, so a field added to a form is fuzzed without editing this
file. Hypothesis runs derandomized with a fixed number of examples: the same requests
every run, in a few seconds per page.
"""

import math
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.urls import path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlocalai.audit import formscan

# One line per page that takes input. (The path the page's inputs are sent to is the
# page's own; an API endpoint borrows the parameters of the page it mirrors.)
FUZZED = [
    "/",
    "/models/",
    "/models/qwen-2-5-14b/",
    "/hardware/",
    "/hardware/nvidia-geforce-rtx-3090/",
    "/hardware/leaderboard/",
    "/tools/",
    "/benchmarks/",
    "/compare/",
    "/glossary/",
    "/search/?q=rtx",
    "/will-it-run/",
    "/will-it-run/custom/",
    "/errors/",
    "/errors/cuda-out-of-memory/feedback/",
    "/pulse/",
    "/newsletter/",
    "/contact/",
]
API_MIRRORS = {"/api/v1/will-it-run": "/will-it-run/"}
# Listed pages must offer inputs of their own (the home page only sends to others).
# Every query also gets a couple of parameters no form has (page, sort, …).
WITHOUT_OWN_INPUTS = {"/"}

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "-0",
            "1.5",
            "1e309",
            "-1e309",
            "NaN",
            "nan",
            "inf",
            "-Infinity",
            "9" * 40,
            "0x10",
            "1_000",
            "١٢٣",  # Arabic-Indic digits: int() accepts them
            "null",
            "[]",
            "'; select 1; --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "%00",
            "\x00",
            "a\x00b",
            "hw:",
            "build:",
            "custom",
            "x" * 10_000,
            "é" * 3_000,
            "🦙" * 500,
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(lambda f: repr(f) if not math.isnan(f) else "nan"),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30),
)
FUZZ_SETTINGS = settings(
    derandomize=True,
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

pytestmark = pytest.mark.django_db


def value_for(values):
    """A value the page offers (so the rest of the form can be valid), or a hostile one."""
    if values:
        return st.one_of(st.sampled_from(sorted(values)), HOSTILE)
    return HOSTILE


def query_for(params):
    """Each parameter left out, sent once, or repeated; sometimes an unknown extra one."""
    fields = {
        name: st.one_of(
            st.none(),
            value_for(values).map(lambda value: [value]),
            st.lists(value_for(values), min_size=2, max_size=4),
        )
        for name, values in sorted(params.items())
    }
    extra = st.dictionaries(
        st.sampled_from(["page", "sort", "order", "utm_source", "q[]", "x" * 300]),
        HOSTILE.map(lambda value: [value]),
        max_size=2,
    )
    return st.tuples(st.fixed_dictionaries(fields), extra).map(
        lambda pair: {
            name: value for name, value in {**pair[1], **pair[0]}.items() if value is not None
        }
    )


def fuzz(client, target, path=None):
    path = path or target.action

    @FUZZ_SETTINGS
    @given(query=query_for(target.params))
    def run(query):
        send = client.post if target.method == "post" else client.get
        response = send(path, query)
        assert response.status_code < 500, (target.method, path, query)

    run()


def own_targets(client, page):
    response = client.get(page)
    assert response.status_code == 200, page
    targets = formscan.scan(page, response.content.decode())
    return [target for target in targets if target.action == urlsplit(page).path]


@pytest.mark.parametrize("page", FUZZED)
def test_hostile_input_never_causes_a_server_error(shipped_module, db, client, page):
    targets = own_targets(client, page)
    assert targets or page in WITHOUT_OWN_INPUTS, f"{page} has no inputs of its own"

    for target in targets:
        fuzz(client, target)


@pytest.mark.parametrize(("endpoint", "page"), API_MIRRORS.items())
def test_hostile_api_queries_never_cause_a_server_error(shipped_module, db, client, endpoint, page):
    (target,) = [target for target in own_targets(client, page) if target.method == "get"]

    fuzz(client, target, endpoint)


def test_the_scanner_finds_the_checkers_fields(shipped_module, db, client):
    (target,) = [t for t in own_targets(client, "/will-it-run/") if t.method == "get"]

    assert {"model", "hardware", "context", "quant"} <= set(target.params)
    assert "hw:nvidia-geforce-rtx-3090" in target.params["hardware"]


def crashes_on_negative_counts(request):
    try:
        count = int(request.GET.get("count", "1"))
    except ValueError:
        return HttpResponse(status=400)
    return HttpResponse(str(10 // (count >= 0)))


urlpatterns = [path("crash/", crashes_on_negative_counts)]


@pytest.mark.urls(__name__)
def test_the_fuzzer_finds_a_server_error(client):
    target = formscan.Target("get", "/crash/", {"count": {"1"}})

    with pytest.raises(ZeroDivisionError):
        fuzz(client, target)
