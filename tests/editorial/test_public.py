import pytest
from django.core.management import call_command

from editorial.models import Page, Person, Status, publishable_models


def _in_state(make_page, editor, reviewer, state):
    page = make_page(by=editor)
    if state == Status.DRAFT:
        return page
    page.submit_for_review(by=editor)
    if state == Status.CHANGES_REQUESTED:
        page.request_changes(by=reviewer, note="Fix it.")
    elif state in (Status.PUBLISHED, Status.ARCHIVED):
        page.approve(by=reviewer)
        if state == Status.ARCHIVED:
            page.archive(by=reviewer)
    page.refresh_from_db()
    assert page.status == state
    return page


@pytest.mark.parametrize("state", list(Status))
def test_only_published_pages_are_visible(client, make_page, editor, reviewer, state):
    _in_state(make_page, editor, reviewer, state)

    response = client.get("/about-us/")

    assert response.status_code == (200 if state == Status.PUBLISHED else 404)


def test_every_publishable_model_routes_public_reads_through_published():
    for model in publishable_models():
        assert hasattr(model.objects, "published"), model


def test_page_shows_byline_sources_and_corrections(client, live_page, editor, reviewer):
    live_page.sources.create(
        url="https://example.com/spec",
        title="Spec sheet",
        publisher="Vendor",
        accessed="2026-06-12",
    )
    live_page.corrections.create(date="2026-07-01", text="Fixed the memory figure.")

    response = client.get("/about-us/")

    assert "Reviewed by" in response.text
    assert 'href="/authors/rita/"' in response.text
    assert "Spec sheet" in response.text
    assert 'Accessed <time datetime="2026-06-12">2026-06-12</time>' in response.text
    assert "Fixed the memory figure." in response.text


def test_page_body_is_markdown_with_raw_html_escaped(client, make_page, editor, reviewer):
    make_page(by=editor, approver=reviewer, body="**bold** <script>alert(1)</script>")

    response = client.get("/about-us/")

    assert "<strong>bold</strong>" in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_page_detail_query_count(client, live_page, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/about-us/")


def test_person_page_lists_what_they_reviewed(client, live_page, reviewer):
    person = Person.for_user(reviewer)

    response = client.get(person.get_absolute_url())

    assert response.status_code == 200
    assert "About us" in response.text


def test_person_page_hides_unpublished_work(client, make_page, editor, reviewer):
    page = _in_state(make_page, editor, reviewer, Status.ARCHIVED)

    response = client.get(Person.for_user(reviewer).get_absolute_url())

    assert page.title not in response.text


def test_authors_index_lists_people(client, team):
    response = client.get("/authors/")

    assert "RunLocalAI editors" in response.text


def test_shipped_pages_load_published_under_the_team_byline(db):
    call_command("load_content", verbosity=0, stdout=None)

    about = Page.objects.published().get(slug="about")
    assert about.author == Person.team()
    assert about.reviewed_by == Person.team()


def test_loading_shipped_content_twice_changes_nothing(db):
    call_command("load_content")
    first = {page.slug: (page.revision_number, page.updated_at) for page in Page.objects.all()}

    call_command("load_content")

    again = {page.slug: (page.revision_number, page.updated_at) for page in Page.objects.all()}
    assert again == first


def test_loading_never_overwrites_an_editors_reviewed_change(db, editor, reviewer):
    call_command("load_content")
    about = Page.objects.get(slug="about")
    about.body = "Edited by the team."
    about.save()
    about.record_edit(by=editor)
    about.submit_for_review(by=editor)
    about.approve(by=reviewer)

    call_command("load_content")

    about.refresh_from_db()
    assert about.body == "Edited by the team."


def test_reviewer_page_query_count_is_constant_across_content_types(
    client, shipped_content, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(Person.team().get_absolute_url())

    assert "Models" in response.text
    assert "Glossary" in response.text
