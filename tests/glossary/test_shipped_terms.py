"""The shipped glossary, loaded as `make run` loads it, checked term by term."""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils.text import slugify

from glossary import shortcodes
from glossary.content_loader import term_files
from glossary.models import Category, Term
from glossary.rendering import TermPage

# Terms a newcomer meets first (issue 6): each must exist, as a term or an alias.
ESSENTIAL = [
    "quantization", "gguf", "k-quants", "awq", "gptq", "exl2", "mlx", "kv-cache",
    "context-window", "vram", "memory-bandwidth", "tokens-per-second", "prefill", "decode",
    "time-to-first-token", "offloading", "gqa", "moe", "sliding-window-attention",
    "flash-attention", "speculative-decoding", "lora", "qlora", "rag", "embeddings",
    "vector-database", "tool-calling", "function-calling", "self-supervised-learning", "rlhf",
    "distillation", "perplexity", "temperature", "system-prompt", "cuda", "rocm", "metal",
    "vulkan", "unified-memory", "tensor-parallelism",
]  # fmt: skip


@pytest.fixture(scope="module")
def terms(shipped_module, django_db_blocker):
    with django_db_blocker.unblock():
        return list(Term.objects.published().select_related("category").prefetch_related("sources"))


@pytest.fixture(scope="module")
def pages(terms, django_db_blocker):
    with django_db_blocker.unblock():
        rendered = {}
        for term in terms:
            page, errors = TermPage(term), []
            sections = page.sections(autolink=False, errors=errors)
            rendered[term.slug] = (page, sections, errors, page.unresolved())
        return rendered


def test_every_term_file_is_loaded_and_published(terms):
    assert len(terms) == len(term_files())
    assert len(terms) >= 150


def test_terms_span_at_least_twelve_categories(terms, db):
    assert len({term.category_id for term in terms}) >= 12
    assert Category.objects.count() >= 12


def test_every_term_has_all_four_sections_written(terms):
    stubs = [
        f"{term.slug}: {anchor}"
        for term in terms
        for anchor, _, text in term.sections
        if len(text.split()) < 25
    ]
    assert stubs == []


def test_every_term_cites_at_least_one_source_url(terms):
    assert [t.slug for t in terms if not any(s.url for s in t.sources.all())] == []


def test_aliases_are_unique_and_never_another_terms_slug(terms):
    slugs = {term.slug for term in terms}
    owners = Counter(alias for term in terms for alias in term.alias_slugs)
    duplicates = sorted(alias for alias, count in owners.items() if count > 1)
    clashing = sorted(
        f"{term.slug}: {alias}" for term in terms for alias in term.alias_slugs if alias in slugs
    )
    assert duplicates == []
    assert clashing == []


def test_term_names_are_unique(terms):
    names = Counter(slugify(term.term) for term in terms)
    assert [name for name, count in names.items() if count > 1] == []


def test_related_terms_and_see_also_links_resolve(pages):
    problems = [f"{slug}: {problem}" for slug, page in pages.items() for problem in page[3]]
    assert problems == []


def test_every_shortcode_renders_from_the_engine(pages):
    errors = [f"{slug}: {error}" for slug, page in pages.items() for error in page[2]]
    unavailable = [
        slug
        for slug, (_, sections, _, _) in pages.items()
        if any(shortcodes.UNAVAILABLE in html for _, _, html in sections)
    ]
    assert errors == []
    assert unavailable == []


def test_practical_examples_use_the_engine_for_its_numbers(terms):
    with_figures = [t for t in terms if shortcodes.find(t.practical_example)]
    assert len(with_figures) >= 100


def test_essential_terms_are_all_there(terms):
    known = {term.slug for term in terms} | {a for term in terms for a in term.alias_slugs}
    assert [slug for slug in ESSENTIAL if slug not in known] == []


def test_loading_twice_changes_nothing(shipped_module, db):
    from glossary import content_loader

    summary = content_loader.load()

    assert "created" not in summary
    assert "updated" not in summary


def test_a_shipped_term_page_stays_within_the_query_budget(
    shipped_module, db, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("glossary:term_detail", args=["kv-cache"]))

    assert response.status_code == 200
    assert shortcodes.UNAVAILABLE not in response.text


def test_the_shipped_index_stays_within_the_query_budget(
    shipped_module, db, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("glossary:term_list"))

    assert response.status_code == 200
