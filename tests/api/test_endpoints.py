import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.api import views as api_views


def test_model_list_returns_published_models_with_sources_and_dates(client, make_model):
    make_model(name="Llama 3.1 8B", slug="llama-3-1-8b", release_date="2024-07-23")

    response = client.get("/api/v1/models")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 1
    assert (data["page"], data["num_pages"], data["next"], data["previous"]) == (1, 1, None, None)
    model = data["results"][0]
    assert model["slug"] == "llama-3-1-8b"
    assert model["params_b"] == 8.03
    assert model["kv_heads"] == 8
    assert model["family"] == {"slug": "llama-3", "name": "Llama 3"}
    assert model["release_date"] == "2024-07-23"
    assert model["active_params_b"] is None
    assert model["url"] == "https://runlocalai.test/models/llama-3-1-8b/"
    assert model["published_at"].startswith("20")
    assert model["sources"] == [
        {
            "title": "Spec",
            "url": "https://example.com/source",
            "publisher": None,
            "accessed": "2026-01-01",
        }
    ]
    assert "notes" not in model


def test_model_detail_by_slug(client, make_model):
    make_model(name="Qwen 3 4B", slug="qwen-3-4b")

    response = client.get("/api/v1/models/qwen-3-4b")

    assert response.status_code == 200
    assert response.json()["name"] == "Qwen 3 4B"


@pytest.mark.parametrize("table", ["models", "hardware", "builds", "software", "benchmarks"])
def test_unknown_slug_is_a_json_404(client, db, table):
    response = client.get(f"/api/v1/{table}/no-such-thing")

    assert response.status_code == 404
    assert "no-such-thing" in response.json()["error"]


def test_unknown_path_under_the_api_is_a_json_404(client, db):
    response = client.get("/api/v1/gpus")

    assert response.status_code == 404
    assert response.json()["error"].startswith("No such endpoint")


def test_hardware_builds_software_and_benchmarks_serialize(
    client, make_hardware, make_build, make_software, make_benchmark
):
    gpu = make_hardware(name="RTX 3090", slug="rtx-3090", memory_gb=24)
    make_build(name="Dual RTX 3090", slug="dual-3090", hardware=gpu, count=2)
    runner = make_software(name="llama.cpp", slug="llama-cpp")
    make_benchmark(slug="bench-1", hardware=gpu, software=runner, decode_tokens_per_s="112.5")

    hardware = client.get("/api/v1/hardware/rtx-3090").json()
    build = client.get("/api/v1/builds/dual-3090").json()
    software = client.get("/api/v1/software/llama-cpp").json()
    benchmark = client.get("/api/v1/benchmarks/bench-1").json()

    assert hardware["memory_gb"] == 24.0
    assert hardware["vendor"]["slug"] == "nvidia"
    assert build["items"] == [{"hardware": {"slug": "rtx-3090", "name": "RTX 3090"}, "count": 2}]
    assert software["install"] == {"linux": "curl -fsSL https://example.com/install.sh | sh"}
    assert software["platforms"] == ["linux", "macos"]
    assert benchmark["decode_tokens_per_s"] == 112.5
    assert benchmark["hardware"]["slug"] == "rtx-3090"
    assert benchmark["build"] is None
    assert benchmark["software"]["slug"] == "llama-cpp"
    assert benchmark["trust_tier"] == "submitted"
    assert benchmark["run_date"] == "2025-06-01"


def test_list_filters_are_the_index_page_filters(client, make_model):
    make_model(name="Tiny", slug="tiny", params_b="1.5")
    make_model(name="Big", slug="big", params_b="70")

    small = client.get("/api/v1/models", {"size": "tiny"}).json()
    named = client.get("/api/v1/models", {"q": "bi"}).json()
    page = client.get("/models/", {"size": "tiny"}).text

    assert [model["slug"] for model in small["results"]] == ["tiny"]
    assert [model["slug"] for model in named["results"]] == ["big"]
    assert ">Tiny<" in page
    assert ">Big<" not in page


def test_sort_and_stable_order(client, make_hardware):
    for number, memory in enumerate([8, 24, 24, 16]):
        make_hardware(name="Same name", slug=f"gpu-{number}", memory_gb=memory)

    data = client.get("/api/v1/hardware", {"sort": "memory"}).json()

    assert [item["slug"] for item in data["results"]] == ["gpu-1", "gpu-2", "gpu-3", "gpu-0"]


def test_benchmark_filters_by_device_slug(client, make_benchmark, make_hardware, make_build):
    gpu = make_hardware(slug="card")
    make_benchmark(slug="on-card", hardware=gpu)
    make_benchmark(slug="on-build", build=make_build(slug="rig"))

    data = client.get("/api/v1/benchmarks", {"hardware": "rig"}).json()

    assert [row["slug"] for row in data["results"]] == ["on-build"]


def test_pagination_links_and_bounds(client, make_software):
    for number in range(5):
        make_software(name=f"Runner {number}", slug=f"runner-{number}")

    first = client.get("/api/v1/software", {"page_size": 2, "kind": "runner"}).json()
    last = client.get("/api/v1/software", {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert first["num_pages"] == 3
    assert [row["slug"] for row in first["results"]] == ["runner-0", "runner-1"]
    assert first["next"] == "https://runlocalai.test/api/v1/software?page_size=2&kind=runner&page=2"
    assert first["previous"] is None
    assert [row["slug"] for row in last["results"]] == ["runner-4"]
    assert last["next"] is None
    assert last["previous"].endswith("page=2")
    assert client.get("/api/v1/software", {"page_size": 2, "page": 4}).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "-1"}, "page"),
        ({"page": "99999999999"}, "page"),
        ({"page": "two"}, "page"),
        ({"size": "gigantic"}, "size"),
        ({"min_context": "-5"}, "min_context"),
        ({"min_context": "1" * 30}, "min_context"),
        ({"family": "no-such-family"}, "family"),
        ({"q": "x" * 61}, "q"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(client, db, params, field):
    response = client.get("/api/v1/models", params)

    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "Invalid request."
    assert field in data["fields"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_hardware_api_lists_builds_separately(client, db):
    response = client.get("/api/v1/hardware", {"kind": "build"})

    assert response.status_code == 400
    assert "kind" in response.json()["fields"]


def test_etag_and_conditional_get(client, make_model):
    make_model(slug="one")
    first = client.get("/api/v1/models")
    etag = first["ETag"]

    again = client.get("/api/v1/models", headers={"If-None-Match": etag})
    make_model(slug="two")
    changed = client.get("/api/v1/models", headers={"If-None-Match": etag})

    assert etag.startswith('"')
    assert len(etag) > 10
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_cache_cors_and_content_type_headers(client, make_model):
    make_model(slug="one")

    response = client.get("/api/v1/models/one", headers={"Origin": "https://elsewhere.example"})

    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


def test_cors_preflight_and_read_only_methods(client, db):
    preflight = client.options("/api/v1/models", headers={"Origin": "https://a.example"})
    post = Client(enforce_csrf_checks=False).post("/api/v1/models", {})

    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert post.status_code == 405
    assert "read-only" in post.json()["error"]


def test_rate_limit_answers_429_with_retry_after(client, db, monkeypatch):
    monkeypatch.setattr(api_views, "REQUESTS_PER_MINUTE", 3)

    statuses = [client.get("/api/v1/software").status_code for _ in range(4)]
    limited = client.get("/api/v1/software")

    assert statuses == [200, 200, 200, 429]
    assert limited["Retry-After"] == "60"
    assert limited["Cache-Control"] == "no-store"
    assert "requests a minute" in limited.json()["error"]


def test_will_it_run_gets_the_api_headers(client, make_model, make_hardware):
    make_model(slug="llama-3-1-8b")
    make_hardware(slug="gpu", memory_gb=24)

    response = client.get("/api/v1/will-it-run", {"model": "llama-3-1-8b", "hardware": "gpu"})

    assert response.status_code == 200
    assert response.json()["verdict"] == "runs comfortably"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        client.get(
            "/api/v1/will-it-run",
            {"model": "llama-3-1-8b", "hardware": "gpu"},
            headers={"If-None-Match": response["ETag"]},
        ).status_code
        == 304
    )


URLS = ["/api/v1/models", "/api/v1/benchmarks", "/api/v1/hardware", "/api/v1/builds"]


def _query_counts(client):
    counts = []
    for url in [*URLS, "/api/v1/software"]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"page_size": 100}).status_code == 200
        counts.append(len(captured.captured_queries))
    return counts


def test_list_query_count_does_not_grow_with_rows(
    client, make_benchmark, make_model, make_hardware, make_build, make_software
):
    model, gpu = make_model(), make_hardware()
    make_benchmark(model=model, hardware=gpu)
    make_build(hardware=gpu)
    make_software()
    few = _query_counts(client)
    for _ in range(20):
        make_benchmark(model=make_model(), hardware=make_hardware())
        make_build(hardware=gpu)
        make_software()

    many = _query_counts(client)

    assert many == few
    assert max(many) <= 10
