import pytest
from django.urls import reverse

URL = "/will-it-run/"


def _query(**params):
    base = {"model": "llama-3-1-8b", "hardware": "hw:nvidia-geforce-rtx-3060"}
    return {**base, **params}


def test_empty_checker_shows_the_form_without_errors(client, llama, rtx_3060):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Choose a model and your hardware" in response.text
    assert "errorlist" not in response.text


def test_checker_renders_a_verdict_memory_speed_and_commands(client, llama, rtx_3060):
    response = client.get(URL, _query(quant="Q4_K_M", context=8192))

    assert response.status_code == 200
    text = response.text
    assert "Runs comfortably" in text
    assert "Memory breakdown" in text
    assert "tok/s" in text
    assert "llama-server -m" in text
    assert "ollama run llama3.1:8b" in text
    assert 'role="img"' in text


def test_a_link_that_only_prefills_the_model_shows_no_errors(client, llama, rtx_3060):
    response = client.get(URL, {"model": "llama-3-1-8b"})

    assert response.status_code == 200
    assert "errorlist" not in response.text
    assert 'value="llama-3-1-8b" selected' in response.text


def test_70b_on_one_24_gb_card_is_not_comfortable_and_suggests_changes(client, llama_70b, rtx_4090):
    response = client.get(URL, {"model": "llama-3-3-70b", "hardware": "hw:nvidia-geforce-rtx-4090"})

    assert "Runs comfortably" not in response.text.split("What would make it run better")[0]
    assert "What would make it run better" in response.text


def test_checker_shows_matching_benchmarks_and_the_measured_label(client, measured_3060):
    response = client.get(URL, _query())

    assert "Measured on this hardware" in response.text
    assert "58.10" in response.text
    assert 'evidence--measured"' in response.text


def test_htmx_request_gets_only_the_result_fragment(client, llama, rtx_3060):
    response = client.get(URL, _query(), headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<div id="result"')
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]


def test_public_pages_do_not_vary_on_cookies(client, llama, rtx_3060):
    for url in ["/", URL, "/about/"]:
        response = client.get(url)
        assert "Cookie" not in response.get("Vary", ""), url


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"context": "-5"}, "greater than or equal to 256"),
        ({"context": "99999999999"}, "less than or equal to"),
        ({"hardware": "hw:no-such-card"}, "Select a valid choice"),
        ({"model": "no-such-model"}, "Select a valid choice"),
        ({"hardware": "custom"}, "Needed for custom hardware"),
        ({"count": "0"}, "greater than or equal to 1"),
        ({"quant": "Q99"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_400_with_a_clear_message(client, llama, rtx_3060, params, message):
    response = client.get(URL, _query(**params))

    assert response.status_code == 400
    assert message in response.text


def test_custom_hardware_numbers(client, llama):
    response = client.get(
        URL,
        {
            "model": "llama-3-1-8b",
            "hardware": "custom",
            "custom_kind": "apple",
            "custom_memory_gb": "16",
            "custom_bandwidth_gbs": "120",
        },
    )

    assert response.status_code == 200
    assert "Custom hardware" in response.text
    assert "sysctl iogpu.wired_limit_mb" in response.text


def test_multi_gpu_build_is_accepted(client, llama_70b, dual_4090):
    response = client.get(URL, {"model": "llama-3-3-70b", "hardware": "build:dual-rtx-4090"})

    assert response.status_code == 200
    assert "2× Dual RTX 4090" in response.text or "Dual RTX 4090" in response.text


def test_drafts_are_not_offered(client, llama, rtx_3060):
    llama.archive(by=_reviewer())

    response = client.get(URL, _query())

    assert response.status_code == 400
    assert "Llama 3.1 8B" not in response.text


def test_checker_query_count_is_small_and_constant(
    client, llama, rtx_3060, make_gpu, django_assert_max_num_queries
):
    for index in range(30):
        make_gpu(name=f"GPU {index}", slug=f"gpu-{index}")

    with django_assert_max_num_queries(10):
        client.get(URL, _query())


def test_page_is_cacheable_and_sets_no_cookie(client, llama, rtx_3060):
    response = client.get(URL, _query())

    assert response.cookies == {}
    assert "public" in response["Cache-Control"]


def test_custom_build_groups_models_by_verdict(client, llama, llama_70b, rtx_4090):
    response = client.get(
        reverse("tools:will_it_run_custom"),
        {
            "gpu": "hw:nvidia-geforce-rtx-4090",
            "gpu_count": "2",
            "system_ram_gb": "64",
            "os": "linux",
            "runtime": "llama.cpp",
            "use_case": "chat",
        },
    )

    assert response.status_code == 200
    text = response.text
    assert "Runs comfortably" in text
    assert "Llama 3.1 8B" in text
    assert "Memory is not pooled" in text


def test_custom_build_lists_the_largest_forty_per_verdict_and_all_on_request(
    client, make_llm, rtx_4090
):
    for number in range(45):
        make_llm(
            name=f"Small model {number:02}", slug=f"small-{number}", params_b=f"{number + 1}.0"
        )
    query = {
        "gpu": "hw:nvidia-geforce-rtx-4090",
        "gpu_count": "1",
        "system_ram_gb": "64",
        "os": "linux",
        "runtime": "llama.cpp",
        "use_case": "chat",
    }

    short = client.get(reverse("tools:will_it_run_custom"), query)
    full = client.get(reverse("tools:will_it_run_custom"), query | {"show": "all"})

    assert "What runs on NVIDIA GeForce RTX 4090?" in short.text
    assert short.text.count("Small model") == 40
    assert "The largest 40 of 45 shown" in short.text
    assert "show=all" in short.text
    assert all(f"Small model {number:02}" in full.text for number in range(45))


def test_custom_build_refuses_a_gpu_on_macos(client, llama, rtx_3060):
    response = client.get(
        reverse("tools:will_it_run_custom"),
        {
            "gpu": "hw:nvidia-geforce-rtx-3060",
            "gpu_count": "1",
            "system_ram_gb": "16",
            "os": "macos",
            "runtime": "llama.cpp",
            "use_case": "chat",
        },
    )

    assert response.status_code == 400
    assert "choose an Apple chip" in response.text


@pytest.mark.parametrize("url", [URL, "/will-it-run/custom/", "/api/v1/will-it-run"])
def test_checker_urls_refuse_post(client, db, url):
    assert client.post(url).status_code == 405


def test_methodology_publishes_the_accuracy_table(client, db):
    response = client.get("/methodology/")

    assert response.status_code == 200
    assert "Median absolute error" in response.text
    assert "nvidia-consumer" in response.text


def _reviewer():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("boss", "boss@example.com", "x" * 20)
