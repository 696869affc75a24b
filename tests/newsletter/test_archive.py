import pytest
from django.urls import reverse

from newsletter.models import Digest


@pytest.fixture
def sent_digest(make_digest, reviewer, django_capture_on_commit_callbacks):
    digest = make_digest()
    with django_capture_on_commit_callbacks(execute=True):
        digest.send(by=reviewer)
    return digest


def test_archive_lists_only_sent_digests(client, sent_digest, make_digest):
    make_digest(subject="Approved, not sent", slug="not-sent")
    make_digest(subject="Still a draft", slug="draft", approve=False)

    response = client.get("/newsletter/archive/")

    assert response.status_code == 200
    assert "RunLocalAI digest — June 2026" in response.text
    assert "Approved, not sent" not in response.text
    assert "Still a draft" not in response.text
    assert "public" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize("slug", ["not-sent", "draft", "missing"])
def test_archive_detail_404s_unless_sent(client, make_digest, slug):
    make_digest(subject="Approved, not sent", slug="not-sent")
    make_digest(subject="Still a draft", slug="draft", approve=False)

    assert client.get(f"/newsletter/archive/{slug}/").status_code == 404


def test_archive_detail_shows_the_issue(client, sent_digest):
    response = client.get(sent_digest.get_absolute_url())

    assert response.status_code == 200
    assert "<strong>Qwen 3</strong>" in response.text
    assert "Reviewed by" in response.text
    assert not response.cookies


def test_unsent_digest_is_not_public_but_previews_in_the_admin(client, make_digest, reviewer):
    digest = make_digest(approve=False)
    client.force_login(reviewer)

    response = client.get(reverse("admin:newsletter_digest_preview", args=[digest.pk]))

    assert response.status_code == 200
    assert "<strong>Qwen 3</strong>" in response.text
    assert not Digest.objects.published().exists()


def test_archive_query_count_does_not_grow_with_issues(
    client, make_digest, reviewer, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for month in range(1, 6):
        digest = make_digest(subject=f"Issue {month}", slug=f"issue-{month}")
        with django_capture_on_commit_callbacks(execute=True):
            digest.send(by=reviewer)

    with django_assert_max_num_queries(3):
        response = client.get("/newsletter/archive/")

    assert "Issue 5" in response.text


def test_archive_detail_query_count(client, sent_digest, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(sent_digest.get_absolute_url())


def test_signup_page_query_count(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        client.get("/newsletter/")


@pytest.mark.parametrize("url", ["/newsletter/archive/", "/newsletter/archive/x/"])
def test_archive_wrong_methods_are_405(client, db, url):
    assert client.post(url).status_code == 405


def test_footer_block_links_to_the_form_and_sets_no_cookie(client, db):
    response = client.get("/")

    assert 'href="/newsletter/" hx-get="/newsletter/?from=/"' in response.text
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies
