from .helpers import queries_for


def test_compare_form_redirects_to_the_pair_page(client, make_hardware):
    make_hardware(slug="card-a")
    make_hardware(slug="card-b")

    response = client.get("/compare/?a=card-a&b=card-b")

    assert response.status_code == 302
    assert response["Location"] == "/compare/hardware/card-a-vs-card-b/"


def test_compare_form_with_the_same_item_twice_shows_an_error(client, make_hardware):
    make_hardware(slug="card-a")

    response = client.get("/compare/?a=card-a&b=card-a")

    assert response.status_code == 400
    assert "Pick different items" in response.text


def test_compare_form_without_choices_renders_the_form(client, make_hardware):
    make_hardware(name="Choosable card")

    response = client.get("/compare/")

    assert response.status_code == 200
    assert "Choosable card" in response.text


def test_compare_page_shows_specs_rules_and_what_each_runs(client, make_hardware, make_model):
    make_hardware(slug="small-card", name="Small card", memory_gb=8, bandwidth_gbs=272)
    make_hardware(slug="big-card", name="Big card", memory_gb=48, bandwidth_gbs=960)
    make_model(name="Seventy B", params_b="70.6", layers=80, hidden_size=8192, attention_heads=64)
    make_model(name="Eight B")

    response = client.get("/compare/hardware/small-card-vs-big-card/")

    text = response.text
    assert response.status_code == 200
    assert "Choose Big card if you need more memory" in text
    assert "Seventy B" in text
    assert "Eight B" in text
    assert "/will-it-run/" in text


def test_compare_handles_three_items_and_builds(client, make_hardware, make_build):
    make_hardware(slug="one-card")
    make_hardware(slug="two-card")
    make_build(slug="twin-build")

    response = client.get("/compare/hardware/one-card-vs-two-card-vs-twin-build/")

    assert response.status_code == 200


def test_compare_with_an_unknown_or_draft_slug_is_404(client, make_hardware):
    make_hardware(slug="card-a")
    make_hardware(slug="draft-card", draft=True)

    assert client.get("/compare/hardware/card-a-vs-nothing/").status_code == 404
    assert client.get("/compare/hardware/card-a-vs-draft-card/").status_code == 404
    assert client.get("/compare/hardware/card-a-vs-card-a/").status_code == 404


def test_compare_page_keeps_its_query_count(client, make_hardware, make_model, make_benchmark):
    first, second = make_hardware(slug="card-a"), make_hardware(slug="card-b")
    make_model()
    url = "/compare/hardware/card-a-vs-card-b/"
    before = queries_for(client, url)

    for _ in range(6):
        model = make_model()
        make_benchmark(model=model, hardware=first)
        make_benchmark(model=model, hardware=second)

    assert queries_for(client, url) == before <= 10
