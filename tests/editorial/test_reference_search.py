"""Site search finds reference content; pasted error messages land on their entry first."""

import pytest

from editorial.models import ErrorEntry, Person
from runlocalai import search


@pytest.mark.parametrize(
    ("pasted", "slug"),
    [
        ("CUDA out of memory. Tried to allocate", "cuda-out-of-memory"),
        ("failed to mmap", "llama-cpp-mmap-failed"),
        (
            "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 224.00 MiB",
            "cuda-out-of-memory",
        ),
    ],
)
def test_pasted_error_message_finds_its_entry_first(shipped_module, db, client, pasted, slug):
    hits = search.search(pasted)

    assert hits[0].kind == "error"
    assert hits[0].url == f"/errors/{slug}/"
    response = client.get("/search/", {"q": pasted})
    first_error_link = response.text.index('href="/errors/')
    assert response.text.startswith(f'href="/errors/{slug}/"', first_error_link)


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("best GPU for local AI", "/guides/best-gpu-for-local-ai/"),
        ("GPU not used", "/troubleshooting/gpu-not-used/"),
        ("coding assistant prompts", "/prompting-kits/coding-assistant/"),
        ("base model or instruct model", "/quick-answers/base-or-instruct-model/"),
    ],
)
def test_search_finds_each_reference_type(shipped_module, db, query, url):
    urls = [hit.url for hit in search.search(query)[:5]]

    assert url in urls


def test_unpublished_error_entries_are_not_searchable(db):
    entry = ErrorEntry.objects.create(
        title="Secret failure",
        slug="secret-failure",
        summary="Nobody should find this.",
        error_string="zzq secret failure string",
        category="runtime",
        what_it_means="x",
        causes="1. x",
        fix="1. x",
    )

    assert search.search("zzq secret failure string") == []

    entry.publish_shipped(team=Person.team())

    assert [hit.url for hit in search.search("zzq secret failure string")] == [
        "/errors/secret-failure/"
    ]
