"""
The engine-heavy parts of catalog pages are cached per content version and cut
to a readable length; these pin that a cached page is never stale and that
nothing is hidden without a way to see it.
"""

from django.urls import reverse

from catalog.models import Hardware

from .helpers import queries_for


def test_runs_on_shows_the_fastest_rows_and_every_row_on_request(client, make_model, make_hardware):
    model = make_model()
    for number in range(30):
        make_hardware(name=f"Card {number:02}", bandwidth_gbs=500 + number)

    short = client.get(model.get_absolute_url()).text
    full = client.get(model.get_absolute_url() + "?show=all").text

    assert "The fastest 25 of 30 shown." in short
    assert "Card 29" in short  # the fastest
    assert "Card 00" not in short  # the slowest
    assert "?show=all#runs-on" in short
    assert all(f"Card {number:02}" in full for number in range(30))
    assert "The fastest 25" not in full


def test_a_cached_runs_on_list_follows_any_content_change(client, make_model, make_hardware):
    model = make_model()
    card = make_hardware(name="Before the rename")
    client.get(model.get_absolute_url())
    cached_queries = queries_for(client, model.get_absolute_url())

    # Not through save(): the trigger on the table still retires the fragment.
    Hardware.objects.filter(pk=card.pk).update(name="After the rename")
    text = client.get(model.get_absolute_url()).text

    assert "After the rename" in text
    assert "Before the rename" not in text
    assert cached_queries < queries_for(client, model.get_absolute_url() + "?price=under-500")


def test_an_archived_device_leaves_the_cached_lists_at_once(
    client, make_model, make_hardware, reviewer
):
    model = make_model()
    card = make_hardware(name="Soon archived")
    assert "Soon archived" in client.get(model.get_absolute_url()).text

    card.archive(by=reviewer)

    assert "Soon archived" not in client.get(model.get_absolute_url()).text


def test_what_fits_lists_forty_models_and_all_on_request(client, make_model, make_hardware):
    card = make_hardware(memory_gb=80)
    for number in range(41):
        make_model(name=f"Model {number:02}")

    short = client.get(card.get_absolute_url()).text
    full = client.get(card.get_absolute_url() + "?show=all").text

    assert "The first 40 of 41 models shown" in short
    assert "Show all 41" in short
    assert all(f"Model {number:02}" in full for number in range(41))
    assert "41 catalog models run comfortably" in short  # the description counts every model


def test_leaderboard_pages_are_cached_without_the_first_visitors_query_string(
    client, make_model, make_hardware
):
    make_model(slug="llama-3-1-8b", name="Llama 3.1 8B Instruct")
    for number in range(55):
        make_hardware(name=f"Card {number:02}")
    url = reverse("catalog:hardware_leaderboard")

    first = client.get(url, {"utm_source": "mail"}).text
    second = client.get(url).text

    assert first.count("utm_source") == second.count("utm_source") == 0
    assert "page=2" in second
    assert "page 2 of 2" in client.get(url, {"page": "2"}).text
    assert "page 1 of 2" in client.get(url, {"page": "junk"}).text


def test_cached_benchmark_lists_on_software_and_benchmark_pages_follow_new_rows(
    client, make_software, make_benchmark, make_model, make_hardware
):
    software = make_software()
    model, card = make_model(), make_hardware()
    first = make_benchmark(model=model, hardware=card, software=software, decode_tokens_per_s="50")
    client.get(software.get_absolute_url())
    client.get(first.get_absolute_url())

    make_benchmark(model=make_model(), hardware=card, software=software, decode_tokens_per_s="77.7")

    assert "77.7" in client.get(software.get_absolute_url()).text
    assert "77.7" in client.get(first.get_absolute_url()).text  # "Same hardware, other models"
