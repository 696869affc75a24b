from .helpers import json_ld, queries_for


def test_hardware_list_shows_devices_and_filters_by_kind(client, make_hardware):
    make_hardware(name="Desk GPU", kind="gpu")
    make_hardware(name="Laptop chip", kind="apple", unified=True)

    everything = client.get("/hardware/")
    only_apple = client.get("/hardware/?kind=apple").text

    assert everything.status_code == 200
    assert "Desk GPU" in everything.text
    assert "Laptop chip" in everything.text
    assert "Laptop chip" in only_apple
    assert "Desk GPU" not in only_apple


def test_hardware_list_filters_by_memory_price_and_vendor(client, make_hardware):
    make_hardware(name="Small card", memory_gb=8, street_price_low_usd=300)
    make_hardware(name="Large card", memory_gb=48, street_price_low_usd=4000)

    by_memory = client.get("/hardware/?min_memory=24").text
    by_price = client.get("/hardware/?price=under-500").text
    by_vendor = client.get("/hardware/?vendor=nvidia&sort=memory").text

    assert "Large card" in by_memory
    assert "Small card" not in by_memory
    assert "Small card" in by_price
    assert "Large card" not in by_price
    assert by_vendor.index("Large card") < by_vendor.index("Small card")


def test_hardware_list_builds_tab_lists_builds(client, make_build):
    make_build(name="Twin test cards")

    response = client.get("/hardware/?kind=build")

    assert "Twin test cards" in response.text


def test_invalid_hardware_filters_never_fail(client, make_hardware):
    make_hardware(name="Listed anyway")

    response = client.get("/hardware/?min_memory=lots&price=cheap&kind=quantum&page=-3")

    assert response.status_code == 200
    assert "Listed anyway" in response.text


def test_hardware_list_htmx_returns_results_with_vary(client, make_hardware):
    make_hardware(name="Swapped in")

    response = client.get("/hardware/?kind=gpu", headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<section id="results"')
    assert "HX-Request" in response["Vary"]


def test_draft_hardware_is_hidden_from_list_and_detail(client, make_hardware, make_build):
    hardware = make_hardware(name="Draft card", draft=True)
    build = make_build(name="Draft build", draft=True)

    assert "Draft card" not in client.get("/hardware/").text
    assert "Draft build" not in client.get("/hardware/?kind=build").text
    assert client.get(hardware.get_absolute_url()).status_code == 404
    assert client.get(build.get_absolute_url()).status_code == 404


def test_hardware_page_shows_what_fits_with_verdicts_and_evidence(
    client, make_hardware, make_model, make_benchmark
):
    hardware = make_hardware(name="Twelve gig card", memory_gb=12, bandwidth_gbs=360)
    model = make_model(name="Measured model")
    make_model(name="Huge model", params_b="405", layers=126, hidden_size=16384)
    make_benchmark(model=model, hardware=hardware)

    response = client.get(hardware.get_absolute_url())

    text = response.text
    assert response.status_code == 200
    assert "What fits" in text
    assert "Measured model" in text
    assert "Huge model" in text
    assert "Won&#x27;t run" in text or "Won't run" in text
    assert "measured" in text


def test_hardware_page_states_the_price_and_its_date(client, make_hardware):
    dated = make_hardware(
        street_price_low_usd=299, street_price_high_usd=349, street_price_seen="2026-03-02"
    )
    msrp_only = make_hardware(msrp_usd=329)
    unknown = make_hardware()

    assert "seen" in client.get(dated.get_absolute_url()).text
    assert "2026-03-02" in client.get(dated.get_absolute_url()).text
    assert (
        "No dated street price; launch MSRP $329" in client.get(msrp_only.get_absolute_url()).text
    )
    assert "Price not known" in client.get(unknown.get_absolute_url()).text


def test_build_page_is_served_at_the_hardware_url(client, make_build):
    build = make_build(name="Dual test cards")

    response = client.get(f"/hardware/{build.slug}/")

    assert response.status_code == 200
    assert "Dual test cards" in response.text
    assert "What fits" in response.text


def test_hardware_page_shows_published_offers_under_the_disclosure(
    client, make_hardware, make_offer
):
    hardware = make_hardware()
    make_offer(hardware, retailer="Good Shop", price="499.00")
    make_offer(hardware, retailer="Hidden Shop", draft=True)

    text = client.get(hardware.get_absolute_url()).text

    assert "Affiliate disclosure" in text
    assert "Good Shop" in text
    assert "499.00 USD" in text
    assert "Hidden Shop" not in text


def test_hardware_json_ld_is_a_product_with_offers(client, make_hardware, make_offer):
    hardware = make_hardware(name="Offer card")
    make_offer(hardware, price="650.00")

    blocks = json_ld(client.get(hardware.get_absolute_url()))

    product = next(block for block in blocks if block["@type"] == "Product")
    assert product["name"] == "Offer card"
    assert product["offers"][0]["price"] == "650.00"


def test_hardware_page_links_to_comparisons(client, make_hardware):
    hardware = make_hardware(slug="card-a")
    make_hardware(slug="card-b")

    assert "/compare/hardware/card-a-vs-card-b/" in client.get(hardware.get_absolute_url()).text


def test_leaderboard_publishes_its_formula_and_ranks_devices(client, make_model, make_hardware):
    make_model(slug="llama-3-1-8b", name="Llama 3.1 8B Instruct")
    make_hardware(name="Fast card", bandwidth_gbs=1800, memory_gb=32)
    make_hardware(name="Slow card", bandwidth_gbs=200, memory_gb=8)

    text = client.get("/hardware/leaderboard/").text

    assert "score = 40 × speed" in text
    assert text.index("Fast card") < text.index("Slow card")


def test_leaderboard_without_the_reference_model_says_so(client, make_hardware):
    make_hardware()

    response = client.get("/hardware/leaderboard/")

    assert response.status_code == 200
    assert "reference model is not published" in response.text


def test_hardware_pages_keep_their_query_count_as_the_catalog_grows(
    client, make_hardware, make_model, make_benchmark, make_build, make_offer
):
    make_model(slug="llama-3-1-8b")
    hardware = make_hardware()
    build = make_build()
    urls = ["/hardware/", "/hardware/?kind=build", hardware.get_absolute_url()]
    urls += [build.get_absolute_url(), "/hardware/leaderboard/"]
    before = [queries_for(client, url) for url in urls]

    for _ in range(6):
        make_model()
        make_benchmark(hardware=hardware)
        make_build(hardware=make_hardware())
        make_offer(hardware)

    assert [queries_for(client, url) for url in urls] == before
    assert max(before) <= 10
