"""
For every publishable content type and every workflow state, anonymous readers
see an item only while it is published: its page, its list, search and sitemap.
Runs on the shipped content, so every type that ships content is covered.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch

from editorial.models import Status, publishable_models
from glossary.models import SearchDocument

COVERED_ELSEWHERE = {
    "catalog.affiliateoffer": "tests/catalog (offers show only once reviewed)",
    "newsletter.digest": "tests/newsletter/test_archive.py (only sent digests are public)",
    # Cloud prices have no page of their own: they appear on /cost-vs-cloud/ only once published.
    "tools.apiprice": "tests/tools/test_cost_views.py (unpublished prices are never shown)",
    "tools.gpurental": "tests/tools/test_cost_views.py (unpublished prices are never shown)",
}


def _reviewers():
    users = get_user_model().objects
    return (
        users.create_superuser("matrix-a", "a@example.com", "x" * 20),
        users.create_superuser("matrix-b", "b@example.com", "x" * 20),
    )


def _walk_states(obj, writer, reviewer):
    """Published → archived → draft → in review → changes requested, yielding each state."""
    obj.archive(by=reviewer)
    yield Status.ARCHIVED
    obj.unarchive(by=reviewer)
    obj.record_edit(by=writer)
    yield Status.DRAFT
    obj.submit_for_review(by=writer)
    yield Status.IN_REVIEW
    obj.request_changes(by=reviewer, note="Check the source.")
    yield Status.CHANGES_REQUESTED
    obj.submit_for_review(by=writer)
    obj.approve(by=reviewer)
    yield Status.PUBLISHED


def _public_url(obj):
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return None


@pytest.mark.parametrize("model", publishable_models(), ids=lambda model: model._meta.label_lower)
def test_only_published_items_are_reachable_anonymously(client, shipped_module, db, model):
    obj = model.objects.published().order_by("pk").first()
    if obj is None or model._meta.label_lower in COVERED_ELSEWHERE:
        # Types that ship no content, or have no page of their own, have their own tests.
        assert model._meta.label_lower in COVERED_ELSEWHERE, model
        return
    url = _public_url(obj)
    writer, reviewer = _reviewers()
    assert client.get(url).status_code == 200

    for state in _walk_states(obj, writer, reviewer):
        obj.refresh_from_db()
        assert obj.status == state
        visible = state == Status.PUBLISHED
        response = client.get(url)
        assert (response.status_code == 200) is visible, (state, url)
        kinds = _search_kinds(model)
        if kinds:
            indexed = SearchDocument.objects.filter(kind__in=kinds, object_id=obj.pk).exists()
            assert indexed is visible, (state, "search")
        sitemap = client.get("/sitemap.xml")
        if sitemap.status_code == 200:
            location = f"<loc>{settings.SITE_URL}{url}</loc>"
            assert (location in sitemap.text) is visible, (state, "sitemap")


def _search_kinds(model):
    from runlocalai import search

    return [kind for kind, search_type in search.REGISTRY.items() if search_type.model is model]
