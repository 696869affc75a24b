import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

URL = "/api/v1/will-it-run"


def test_api_returns_the_engine_result(client, llama, rtx_3060):
    response = client.get(URL, {"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060"})

    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "runs comfortably"
    assert data["quant"] == "Q4_K_M"
    assert data["context"] == 8192
    assert set(data["memory"]) >= {"weights_gb", "kv_cache_gb", "total_gb", "usable_gb"}
    assert set(data["decode_tokens_per_s"]) == {"low", "expected", "high"}
    assert data["evidence"] == "estimated"


def test_api_accepts_builds_and_counts(client, llama_70b, dual_4090):
    response = client.get(URL, {"model": "llama-3-3-70b", "hardware": "dual-rtx-4090"})

    assert response.status_code == 200
    assert response.json()["hardware"] == "dual-rtx-4090"


def test_api_reports_field_errors_as_400(client, llama, rtx_3060):
    response = client.get(
        URL, {"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060", "context": "x"}
    )

    assert response.status_code == 400
    assert "context" in response.json()["fields"]


def test_api_agrees_with_the_checker_page(client, llama, rtx_3060):
    api = client.get(URL, {"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060"}).json()
    page = client.get(
        "/will-it-run/", {"model": "llama-3-1-8b", "hardware": "hw:nvidia-geforce-rtx-3060"}
    ).text

    assert f"{api['memory']['total_gb']:.1f} GB of" in page


PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "model": st.sampled_from(["llama-3-1-8b", "", "nope", "x" * 300]),
        "hardware": st.sampled_from(["nvidia-geforce-rtx-3060", "custom", "", "hw:zz"]),
        "quant": st.text(max_size=12),
        "context": st.one_of(st.integers(-(10**12), 10**12).map(str), st.text(max_size=8)),
        "count": st.one_of(st.integers(-5, 100).map(str), st.text(max_size=4)),
        "kv_cache_type": st.sampled_from(["f16", "q8_0", "q4_0", "bogus"]),
        "runtime": st.sampled_from(["llama.cpp", "mlx", "vllm", "exllama", "???"]),
        "system_ram_gb": st.one_of(st.integers(-5, 10**7).map(str), st.just("")),
        "custom_kind": st.sampled_from(["gpu", "apple", "cpu", "tpu"]),
        "custom_memory_gb": st.one_of(st.decimals(allow_nan=True).map(str), st.just("1e400")),
        "custom_bandwidth_gbs": st.one_of(st.floats().map(str), st.just("0")),
    },
)


@pytest.mark.parametrize("url", [URL, "/will-it-run/"])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMS)
def test_fuzzed_input_never_causes_a_server_error(client, llama, rtx_3060, url, params):
    response = client.get(url, params)

    assert response.status_code in (200, 400)
    if url == URL and response.status_code == 400:
        assert "error" in json.loads(response.content)
