import json
import re

import pytest
from django.urls import reverse

from glossary.models import Term


def test_term_list_shows_published_terms_by_letter(client, make_term):
    make_term()
    make_term(term="GGUF", slug="gguf")

    response = client.get(reverse("glossary:term_list"))

    assert response.status_code == 200
    assert 'href="#letter-K"' in response.text
    assert 'href="/glossary/gguf/"' in response.text


def test_term_list_hides_drafts(client, make_term):
    make_term(term="Secret sauce", slug="secret-sauce", published=False)

    response = client.get(reverse("glossary:term_list"))

    assert "Secret sauce" not in response.text


def test_term_list_filters_by_query_and_category_without_javascript(client, make_term, category):
    make_term()
    make_term(term="GGUF", slug="gguf", aliases=["GPT-Generated Unified Format"])

    response = client.get(
        reverse("glossary:term_list"), {"q": "unified", "category": category.slug}
    )

    assert 'href="/glossary/gguf/"' in response.text
    assert 'href="/glossary/kv-cache/"' not in response.text


def test_term_list_ignores_an_unknown_category(client, make_term):
    make_term()

    response = client.get(reverse("glossary:term_list"), {"category": "nope"})

    assert response.status_code == 200
    assert 'href="/glossary/kv-cache/"' in response.text


def test_term_list_htmx_request_gets_results_partial(client, make_term):
    make_term()

    response = client.get(
        reverse("glossary:term_list"), {"q": "kv"}, headers={"HX-Request": "true"}
    )

    assert response.text.lstrip().startswith('<section id="results"')
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]


def test_term_list_query_count_is_constant(client, make_term, django_assert_num_queries):
    for i in range(6):
        make_term(term=f"Term {i}", slug=f"term-{i}")

    with django_assert_num_queries(3):
        client.get(reverse("glossary:term_list"))


def test_term_list_has_defined_term_set_json_ld(client, make_term):
    make_term()

    response = client.get(reverse("glossary:term_list"))

    data = _json_ld(response.text)
    assert data["@type"] == "DefinedTermSet"
    assert data["hasDefinedTerm"][0]["name"] == "KV cache"


def test_category_detail_lists_its_terms(client, make_term, category):
    make_term()

    response = client.get(reverse("glossary:category_detail", args=[category.slug]))

    assert response.status_code == 200
    assert 'href="/glossary/kv-cache/"' in response.text


def test_term_detail_shows_sections_breadcrumbs_byline_and_sources(client, make_term):
    term = make_term()
    term.sources.create(
        position=1, url="https://example.com/kv", title="KV paper", accessed="2026-01-01"
    )

    response = client.get(reverse("glossary:term_detail", args=["kv-cache"]))

    assert response.status_code == 200
    for heading in ("Definition", "Deeper dive", "Practical example", "Workflow example"):
        assert f">{heading}</h2>" in response.text
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', response.text, re.S).group(0)
    assert ">Glossary</a>" in crumbs
    assert ">Inference &amp; runtimes</a>" in crumbs
    assert 'aria-current="page">KV cache<' in crumbs
    assert "Reviewed by" in response.text
    assert 'id="source-1"' in response.text
    assert _json_ld(response.text)["@type"] == "DefinedTerm"


def test_term_detail_shows_published_related_terms_only(client, make_term):
    make_term(related=["gguf", "draft-term", "missing"])
    make_term(term="GGUF", slug="gguf")
    make_term(term="Draft term", slug="draft-term", published=False)

    response = client.get(reverse("glossary:term_detail", args=["kv-cache"]))

    related = re.search(r'<section class="glossary-related".*?</section>', response.text, re.S)
    assert 'href="/glossary/gguf/"' in related.group(0)
    assert "draft-term" not in related.group(0)


def test_term_detail_links_mentions_of_other_terms(client, make_term):
    make_term(definition="Weights in GGUF files.")
    make_term(term="GGUF", slug="gguf")

    response = client.get(reverse("glossary:term_detail", args=["kv-cache"]))

    assert '<a class="term-link" href="/glossary/gguf/"' in response.text


@pytest.mark.parametrize("slug", ["missing", "draft"])
def test_term_detail_404s_unless_published(client, make_term, slug):
    make_term(term="Draft", slug="draft", published=False)

    response = client.get(reverse("glossary:term_detail", args=[slug]))

    assert response.status_code == 404


def test_alias_url_redirects_permanently_to_the_term(client, make_term):
    make_term(aliases=["key-value cache"], abbreviation="KV")

    response = client.get("/glossary/key-value-cache/")

    assert response.status_code == 301
    assert response["Location"] == "/glossary/kv-cache/"


def test_alias_of_a_draft_does_not_redirect(client, make_term):
    make_term(aliases=["key-value cache"], published=False)

    response = client.get("/glossary/key-value-cache/")

    assert response.status_code == 404


def test_term_detail_query_count_is_constant(client, make_term, django_assert_num_queries):
    slugs = [f"term-{i}" for i in range(6)]
    for slug in slugs:
        make_term(term=slug.title(), slug=slug)
    make_term(
        term="Hub",
        slug="hub",
        related=slugs,
        see_also=[{"kind": "model", "slug": "x"}, {"kind": "hardware", "slug": "y"}],
    )

    # term, sources, corrections, related, models, hardware, auto-link names
    with django_assert_num_queries(8):
        client.get(reverse("glossary:term_detail", args=["hub"]))


def test_term_alias_slugs_are_derived_on_save(make_term):
    term = make_term(aliases=["Key-value cache", "KV caching"], abbreviation="KV")

    assert Term.objects.get(pk=term.pk).alias_slugs == ["key-value-cache", "kv", "kv-caching"]


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))
