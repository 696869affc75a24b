import pytest
from django.urls import reverse

from editorial.models import Person
from glossary.models import Category, SearchDocument, Term
from runlocalai import search


@pytest.mark.parametrize(
    ("query", "kind", "title"),
    [
        ("kv cahce", "term", "KV cache"),
        ("Q4_K_M", "term", "K-quants"),
        ("rtx 3090", "hardware", "NVIDIA GeForce RTX 3090"),
        # A pasted error message belongs to its errors KB entry, not to a glossary term.
        (
            "CUDA out of memory",
            "error",
            "torch.OutOfMemoryError: CUDA out of memory (PyTorch, vLLM, Transformers)",
        ),
        ("kv cache", "term", "KV cache"),
        ("gguf", "term", "GGUF"),
    ],
)
def test_search_puts_the_right_thing_first(shipped_module, db, query, kind, title):
    first = search.search(query)[0]

    assert (first.kind, first.title) == (kind, title)


def test_search_page_groups_results_by_type_with_highlights(shipped_module, db, client):
    response = client.get(reverse("search"), {"q": "rtx 3090"})

    assert response.status_code == 200
    assert '<h2 id="group-hardware">Hardware</h2>' in response.text
    assert "<mark>" in response.text


def test_search_page_htmx_request_gets_results_partial(shipped_module, db, client):
    response = client.get(reverse("search"), {"q": "gguf"}, headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<section id="results"')
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]


def test_search_uses_at_most_five_queries(
    shipped_module, db, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        client.get(reverse("search"), {"q": "llama 3.1 8b"})


@pytest.mark.parametrize("query", ["", "   ", "\x00", "a" * 5000, "<script>", "%_\\'\"", "!!!"])
def test_search_handles_awkward_queries(shipped_module, db, client, query):
    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_search_escapes_everything_but_the_highlights():
    snippet = search._snippet(f"<b>x</b> {search.MARK_START}kv{search.MARK_END}")

    assert snippet == "&lt;b&gt;x&lt;/b&gt; <mark>kv</mark>"


def test_clean_query_caps_length_and_drops_control_characters():
    assert search.clean_query("  kv\x00 cache\n ") == "kv cache"
    assert len(search.clean_query("x" * 1000)) == search.MAX_QUERY_LENGTH


def test_search_only_finds_published_content(db):
    category = Category.objects.create(slug="c", name="C", description="C")
    draft = Term.objects.create(
        term="Zanzibar tensor",
        slug="zanzibar",
        category=category,
        definition="d",
        deeper_dive="d",
        practical_example="p",
        workflow_example="w",
    )

    assert search.search("zanzibar") == []

    draft.publish_shipped(team=Person.team())
    assert [hit.title for hit in search.search("zanzibar")] == ["Zanzibar tensor"]

    pk = draft.pk
    draft.delete()
    assert not SearchDocument.objects.filter(kind="term", object_id=pk).exists()
