import pytest

from editorial.models import Person
from glossary.models import Category, Term


@pytest.fixture
def category(db):
    return Category.objects.create(
        slug="inference-runtimes", name="Inference & runtimes", description="How it runs.", order=3
    )


@pytest.fixture
def make_term(category):
    """Build a Term; published under the team byline unless the test says otherwise."""

    def make(*, published=True, **fields):
        fields.setdefault("term", "KV cache")
        fields.setdefault("slug", "kv-cache")
        fields.setdefault("category", category)
        fields.setdefault("definition", "The KV cache stores keys and values.")
        fields.setdefault("deeper_dive", "It grows with context.")
        fields.setdefault("practical_example", "About 1 GB at 8K tokens.")
        fields.setdefault("workflow_example", "`llama-server -c 8192`")
        term = Term.objects.create(**fields)
        if published:
            term.publish_shipped(team=Person.team())
        return term

    return make
