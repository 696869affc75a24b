from catalog.models import AIModel

from .helpers import json_ld, queries_for


def test_model_list_shows_published_models(client, make_model):
    make_model(name="Llama 3.1 8B Instruct")

    response = client.get("/models/")

    assert response.status_code == 200
    assert "Llama 3.1 8B Instruct" in response.text
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert not response.cookies


def test_draft_models_never_appear_in_the_list_and_their_page_is_404(client, make_model):
    draft = make_model(name="Secret draft", draft=True)

    assert "Secret draft" not in client.get("/models/").text
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_model_list_filters_by_family_size_and_context(client, make_model):
    make_model(name="Small one", params_b="3.0", context_length=8192)
    make_model(name="Big one", params_b="70.0", context_length=131072)

    by_size = client.get("/models/?size=tiny").text
    by_context = client.get("/models/?min_context=100000").text
    by_family = client.get("/models/?family=llama-3").text

    assert "Small one" in by_size
    assert "Big one" not in by_size
    assert "Big one" in by_context
    assert "Small one" not in by_context
    assert "Small one" in by_family
    assert "Big one" in by_family


def test_model_list_filters_by_commercial_use_and_modality(client, make_model):
    make_model(name="Open one", commercial_use=True, modalities=["text", "image"])
    make_model(name="Closed one", commercial_use=False)

    commercial = client.get("/models/?commercial=yes").text
    images = client.get("/models/?modality=image").text

    assert "Open one" in commercial
    assert "Closed one" not in commercial
    assert "Open one" in images
    assert "Closed one" not in images


def test_invalid_model_filters_show_an_error_and_are_ignored(client, make_model):
    make_model(name="Still listed")

    response = client.get("/models/?size=galactic&min_context=-5&sort=evil&page=xyz")

    assert response.status_code == 200
    assert "Still listed" in response.text
    assert "This filter is ignored." in response.text


def test_junk_page_numbers_fall_back_to_a_real_page(client, make_model):
    make_model(name="Only model")

    for page in ("0", "-1", "999999", "1e9", "%00"):
        response = client.get(f"/models/?page={page}")
        assert response.status_code == 200
        assert "Only model" in response.text


def test_htmx_filter_request_gets_only_the_results(client, make_model):
    make_model(name="Fragment model")

    response = client.get("/models/?size=small", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert "Fragment model" in response.text
    assert "HX-Request" in response["Vary"]


def test_model_page_shows_facts_quant_table_and_runs_on(client, make_model, make_hardware):
    model = make_model(name="Llama test 8B", hidden_size=None, ollama_tag="llama3.1:8b")
    make_hardware(name="Roomy GPU", memory_gb=24, street_price_low_usd=800)

    response = client.get(model.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    assert "not published" in text  # the missing hidden size
    assert "Q8_0" in text
    assert "Q2_K" in text
    assert "Total at 32K" in text
    assert "estimated" in text
    assert "Roomy GPU" in text
    assert "Runs comfortably" in text
    assert "ollama run llama3.1:8b" in text


def test_runs_on_list_filters_by_price_band(client, make_model, make_hardware):
    model = make_model()
    make_hardware(name="Cheap card", street_price_low_usd=450, street_price_seen="2026-01-01")
    make_hardware(name="Dear card", street_price_low_usd=1800, street_price_seen="2026-01-01")

    text = client.get(model.get_absolute_url() + "?price=under-1000").text

    assert "Cheap card" in text
    assert "Dear card" not in text


def test_runs_on_price_filter_answers_htmx_with_the_list_only(client, make_model, make_hardware):
    model = make_model()
    make_hardware(name="Cheap card", street_price_low_usd=450, street_price_seen="2026-01-01")

    response = client.get(
        model.get_absolute_url() + "?price=under-500", headers={"HX-Request": "true"}
    )

    assert response.text.lstrip().startswith('<section id="runs-on"')
    assert "Cheap card" in response.text


def test_invalid_price_band_is_ignored_on_the_model_page(client, make_model, make_hardware):
    model = make_model()
    make_hardware(name="Any card")

    response = client.get(model.get_absolute_url() + "?price=free")

    assert response.status_code == 200
    assert "Any card" in response.text


def test_non_language_model_page_explains_why_there_is_no_engine_block(client, make_model):
    model = make_model(name="Image maker", attention_kind="", layers=None, modalities=["text"])

    response = client.get(model.get_absolute_url())

    assert response.status_code == 200
    assert "not a transformer language model" in response.text
    assert "Quantizations and memory" not in response.text


def test_draft_hardware_is_not_listed_under_runs_on(client, make_model, make_hardware):
    model = make_model()
    make_hardware(name="Unreleased card", draft=True)

    assert "Unreleased card" not in client.get(model.get_absolute_url()).text


def test_model_page_json_ld_parses_with_breadcrumbs(client, make_model):
    model = make_model(name="Structured model")

    blocks = json_ld(client.get(model.get_absolute_url()))

    types = [block["@type"] for block in blocks]
    assert "BreadcrumbList" in types
    assert blocks[0]["itemListElement"][-1]["name"] == "Structured model"


def test_model_page_lists_measured_benchmarks(client, make_benchmark):
    benchmark = make_benchmark(decode_tokens_per_s="123.45")

    text = client.get(benchmark.model.get_absolute_url()).text

    assert "123.45" in text


def test_model_pages_keep_their_query_count_as_the_catalog_grows(
    client, make_model, make_hardware, make_build, make_benchmark
):
    model = make_model()
    make_build(hardware=make_hardware())
    list_before = queries_for(client, "/models/")
    detail_before = queries_for(client, model.get_absolute_url())

    for _ in range(6):
        make_model()
        make_build(hardware=make_hardware())
        make_benchmark(model=model)

    assert queries_for(client, "/models/") == list_before
    assert queries_for(client, model.get_absolute_url()) == detail_before <= 10
    assert AIModel.objects.published().count() == 7
