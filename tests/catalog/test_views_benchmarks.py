from .helpers import json_ld, queries_for, results


def test_benchmark_list_shows_published_rows_only(client, make_benchmark, make_model):
    make_benchmark(model=make_model(name="Shown model"), decode_tokens_per_s="11.11")
    make_benchmark(decode_tokens_per_s="42.42", draft=True)

    text = client.get("/benchmarks/").text

    assert "Shown model" in text
    assert "11.11" in text
    assert "42.42" not in text


def test_benchmark_list_filters_by_model_hardware_and_backend(
    client, make_benchmark, make_model, make_hardware
):
    first = make_benchmark(model=make_model(name="Alpha"), hardware=make_hardware(slug="hw-a"))
    make_benchmark(model=make_model(name="Beta"), backend="metal")

    by_model = results(client.get(f"/benchmarks/?model={first.model.slug}"))
    by_hardware = results(client.get("/benchmarks/?hardware=hw-a"))
    by_backend = results(client.get("/benchmarks/?backend=metal"))

    assert "Alpha" in by_model
    assert "Beta" not in by_model
    assert "Alpha" in by_hardware
    assert "Beta" not in by_hardware
    assert "Beta" in by_backend
    assert "Alpha" not in by_backend


def test_benchmark_list_ignores_unknown_filter_values(client, make_benchmark):
    make_benchmark()

    response = client.get("/benchmarks/?model=nope&quant=Q9&backend=abacus&page=last")

    assert response.status_code == 200
    assert "This filter is ignored." in response.text


def test_benchmark_list_htmx_returns_results(client, make_benchmark):
    make_benchmark()

    response = client.get("/benchmarks/?backend=cuda", headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<section id="results"')
    assert "HX-Request" in response["Vary"]


def test_benchmark_page_shows_provenance_estimate_and_cohort(
    client, make_benchmark, make_model, make_hardware, make_software
):
    model, hardware = make_model(name="Cohort model"), make_hardware(name="Cohort card")
    benchmark = make_benchmark(
        model=model,
        hardware=hardware,
        command="llama-bench -m model.gguf",
        software=make_software(name="Runner one"),
        software_version="b4000",
    )
    make_benchmark(model=model, hardware=hardware, software=make_software(name="Runner two"))
    make_benchmark(model=model, hardware=make_hardware(name="Other card"))
    make_benchmark(model=make_model(name="Other model"), hardware=hardware)

    text = client.get(benchmark.get_absolute_url()).text

    assert "https://example.com/bench" in text
    assert "llama-bench -m model.gguf" in text
    assert "b4000" in text
    assert "2025-06-01" in text
    assert "Submitted" in text
    assert "Engine estimate" in text
    assert "Runner two" in text
    assert "Other card" in text
    assert "Other model" in text


def test_draft_benchmark_page_is_404(client, make_benchmark):
    benchmark = make_benchmark(draft=True)

    assert client.get(benchmark.get_absolute_url()).status_code == 404


def test_benchmark_json_ld_is_a_dataset(client, make_benchmark):
    benchmark = make_benchmark()

    blocks = json_ld(client.get(benchmark.get_absolute_url()))

    dataset = next(block for block in blocks if block["@type"] == "Dataset")
    assert dataset["variableMeasured"][0]["unitText"] == "tokens per second"


def test_benchmark_pages_keep_their_query_count(client, make_benchmark, make_model, make_hardware):
    model, hardware = make_model(), make_hardware()
    benchmark = make_benchmark(model=model, hardware=hardware)
    urls = ["/benchmarks/", benchmark.get_absolute_url()]
    before = [queries_for(client, url) for url in urls]

    for _ in range(6):
        make_benchmark(model=model, hardware=hardware)
        make_benchmark(model=model)
        make_benchmark(hardware=hardware)

    assert [queries_for(client, url) for url in urls] == before
