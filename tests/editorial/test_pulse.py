import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from editorial.models import Person, PulseEntry, attach_links
from editorial.models.pulse import LINK_KINDS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def make_entry(db):
    """A Pulse entry, published under the team byline unless draft=True."""

    def make(slug, *, draft=False, **fields):
        fields.setdefault("date", datetime.date(2025, 8, 5))
        fields.setdefault("kind", "model-release")
        fields.setdefault("title", f"Entry {slug}")
        fields.setdefault("summary", f"Summary of {slug}.")
        entry = PulseEntry.objects.create(slug=slug, **fields)
        if not draft:
            entry.publish_shipped(team=Person.team())
        return entry

    return make


def test_pulse_lists_published_entries_newest_first(client, make_entry):
    make_entry("older", date=datetime.date(2025, 1, 20))
    make_entry("newer", date=datetime.date(2025, 8, 5))
    make_entry("unreviewed", date=datetime.date(2025, 9, 1), draft=True)

    response = client.get("/pulse/")

    assert response.status_code == 200
    text = response.text
    assert text.index("Entry newer") < text.index("Entry older")
    assert "Entry unreviewed" not in text
    assert '<time datetime="2025-01-20">2025-01-20</time>' in text


def test_pulse_filters_by_kind(client, make_entry):
    make_entry("a-model", kind="model-release")
    make_entry("a-price", kind="price-move")

    response = client.get("/pulse/", {"kind": "price-move"})

    assert "Entry a-price" in response.text
    assert "Entry a-model" not in response.text


def test_pulse_ignores_an_unknown_kind_and_a_junk_page(client, make_entry):
    make_entry("one")

    assert "Entry one" in client.get("/pulse/", {"kind": "<script>"}).text
    assert client.get("/pulse/", {"page": "9999"}).status_code == 200
    assert client.get("/pulse/", {"page": "abc"}).status_code == 200


def test_pulse_is_paginated(client, make_entry):
    for day in range(1, 23):
        make_entry(f"entry-{day}", date=datetime.date(2025, 3, day))

    first = client.get("/pulse/").text
    second = client.get("/pulse/", {"page": 2}).text

    assert "Page 1 of 2" in first
    assert "Entry entry-22" in first
    assert "Entry entry-1<" not in first
    assert "Entry entry-1<" in second


def test_pulse_detail_shows_body_links_byline_and_hides_drafts(client, make_entry):
    make_entry("live", body="**Bold** words.", links=[{"kind": "model", "slug": "missing"}])
    make_entry("hidden", draft=True)

    response = client.get("/pulse/live/")

    assert response.status_code == 200
    assert "<strong>Bold</strong>" in response.text
    assert "Written by" in response.text
    assert client.get("/pulse/hidden/").status_code == 404


def test_entry_slug_cannot_shadow_the_feed_and_links_need_a_known_kind(db):
    entry = PulseEntry(
        slug="feed",
        date=datetime.date(2025, 1, 1),
        kind="site",
        title="t",
        summary="s",
        links=[{"kind": "guide", "slug": "x"}],
    )

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert set(error.value.message_dict) >= {"slug", "links"}


def test_between_selects_a_month_for_the_digest(make_entry):
    make_entry("in-july", date=datetime.date(2025, 7, 31))
    make_entry("in-august", date=datetime.date(2025, 8, 5))

    august = PulseEntry.objects.published().between(
        datetime.date(2025, 8, 1), datetime.date(2025, 8, 31)
    )

    assert [entry.slug for entry in august] == ["in-august"]


# -- feed ------------------------------------------------------------------------------


def test_feed_is_atom_with_only_published_entries(client, make_entry):
    make_entry("public-one", title="Public one")
    make_entry("secret-one", title="Secret one", draft=True)

    response = client.get("/pulse/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Public one"]
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link == "https://runlocalai.test/pulse/public-one/"


def test_pulse_pages_advertise_the_feed(client, make_entry):
    make_entry("one")

    assert 'type="application/atom+xml"' in client.get("/pulse/").text


# -- shipped entries -------------------------------------------------------------------


@pytest.fixture
def shipped(shipped_module, db):
    return PulseEntry.objects.published()


def test_at_least_ten_cited_dated_entries_are_shipped(shipped):
    cited = [entry for entry in shipped if entry.kind == "site" or entry.sources.exists()]

    assert len(cited) >= 10
    assert len(shipped) == len(cited)
    assert all(datetime.date(2025, 1, 1) <= entry.date for entry in shipped)


def test_every_shipped_link_resolves_to_a_published_catalog_entry(shipped):
    entries = attach_links(shipped)

    for entry in entries:
        assert len(entry.linked) == len(entry.links), entry.slug


def test_every_shipped_entry_renders_its_figures(client, shipped):
    for entry in shipped:
        response = client.get(entry.get_absolute_url())
        assert response.status_code == 200
        assert "[figure unavailable]" not in response.text, entry.slug


def test_attach_links_resolves_published_catalog_entries_in_one_query_per_kind(
    shipped_module, db, django_assert_num_queries
):
    entries = [
        PulseEntry(
            slug=f"e{i}",
            links=[
                {"kind": "model", "slug": "qwen3-8b"},
                {"kind": "hardware", "slug": "nvidia-geforce-rtx-3090"},
                {"kind": "model", "slug": "no-such-model"},
            ],
        )
        for i in range(5)
    ]

    with django_assert_num_queries(2):
        attach_links(entries)

    assert [obj.slug for obj in entries[0].linked] == ["qwen3-8b", "nvidia-geforce-rtx-3090"]


def test_pulse_pages_have_constant_query_counts(
    shipped_module, db, client, make_entry, django_assert_max_num_queries
):
    links = [{"kind": kind, "slug": "x"} for kind in LINK_KINDS]
    for day in range(1, 29):
        make_entry(f"bulk-{day}", date=datetime.date(2024, 2, day), links=links)

    with django_assert_max_num_queries(8):
        client.get("/pulse/")
    with django_assert_max_num_queries(10):
        client.get("/pulse/bulk-3/")
    with django_assert_max_num_queries(10):
        client.get("/pulse/gpt-oss-released/")
