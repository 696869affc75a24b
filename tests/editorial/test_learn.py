import re

import pytest
from django.core.management import call_command

from editorial.models import Chapter, Course, Person


@pytest.fixture
def make_course(db):
    """A course, published under the team byline unless draft=True."""

    def make(*, slug="local-ai-basics", draft=False, **fields):
        fields.setdefault("title", "Local AI basics")
        fields.setdefault("summary", "What runs where, and why.")
        fields.setdefault("body", "An introduction.")
        course = Course.objects.create(slug=slug, **fields)
        if not draft:
            course.publish_shipped(team=Person.team())
        return course

    return make


@pytest.fixture
def make_chapter(db):
    def make(course, number, *, draft=False, **fields):
        fields.setdefault("title", f"Chapter about topic {number}")
        fields.setdefault("slug", f"{course.slug}-topic-{number}")
        fields.setdefault("summary", f"Summary of chapter {number}.")
        fields.setdefault("reading_minutes", 5)
        fields.setdefault("key_insight", f"Insight number {number}.")
        fields.setdefault("body", f"Body of chapter {number}.")
        fields.setdefault("exercise", f"Exercise {number}.")
        fields.setdefault("check_on_your_machine", f"Run `check-{number}`.")
        chapter = Chapter.objects.create(course=course, number=number, **fields)
        if not draft:
            chapter.publish_shipped(team=Person.team())
        return chapter

    return make


@pytest.fixture
def course_with_chapters(make_course, make_chapter):
    course = make_course()
    for number in (1, 2, 3):
        make_chapter(course, number)
    return course


def test_learn_index_lists_published_courses_with_chapter_count_and_time(
    client, course_with_chapters, make_course
):
    make_course(slug="draft-course", title="Secret draft course", draft=True)

    response = client.get("/learn/")

    assert response.status_code == 200
    assert "Local AI basics" in response.text
    assert "3 chapters · 15 min" in response.text
    assert "Secret draft course" not in response.text


def test_course_page_lists_chapters_in_order_with_reading_time(client, course_with_chapters):
    response = client.get("/learn/local-ai-basics/")

    assert response.status_code == 200
    titles = re.findall(r"Chapter about topic (\d)", response.text)
    assert titles == ["1", "2", "3"]
    assert "5 min" in response.text
    assert "needs no account" in response.text


def test_course_page_hides_draft_chapters(client, course_with_chapters, make_chapter):
    make_chapter(course_with_chapters, 4, title="Unreviewed chapter", draft=True)

    response = client.get("/learn/local-ai-basics/")

    assert "Unreviewed chapter" not in response.text
    assert client.get("/learn/local-ai-basics/local-ai-basics-topic-4/").status_code == 404


def test_draft_course_and_its_chapters_are_not_public(client, make_course, make_chapter):
    course = make_course(draft=True)
    make_chapter(course, 1)

    assert client.get("/learn/local-ai-basics/").status_code == 404
    assert client.get("/learn/local-ai-basics/local-ai-basics-topic-1/").status_code == 404
    assert not Chapter.objects.published().exists()


def test_chapter_page_shows_every_part_with_previous_and_next(client, course_with_chapters):
    response = client.get("/learn/local-ai-basics/local-ai-basics-topic-2/")

    assert response.status_code == 200
    text = response.text
    assert "Chapter 2 of 3 · 5 min read" in text
    assert "Insight number 2." in text
    assert "Body of chapter 2." in text
    assert "Exercise 2." in text
    assert "Check it on your machine" in text
    assert "<code>check-2</code>" in text
    assert 'href="/learn/local-ai-basics/local-ai-basics-topic-1/" rel="prev"' in text
    assert 'href="/learn/local-ai-basics/local-ai-basics-topic-3/" rel="next"' in text
    assert "Written by" in text
    assert "Sources" in text


def test_first_chapter_links_back_to_course_and_last_to_all_courses(client, course_with_chapters):
    first = client.get("/learn/local-ai-basics/local-ai-basics-topic-1/").text
    last = client.get("/learn/local-ai-basics/local-ai-basics-topic-3/").text

    assert 'rel="prev"' not in first
    assert "← Course" in first
    assert 'rel="next"' not in last
    assert "All courses" in last


def test_chapter_under_the_wrong_course_is_not_found(client, course_with_chapters, make_course):
    make_course(slug="other-course", title="Other")

    response = client.get("/learn/other-course/local-ai-basics-topic-1/")

    assert response.status_code == 404


def test_chapter_body_renders_fit_shortcodes_visibly(client, make_course, make_chapter):
    course = make_course()
    make_chapter(course, 1, body="Needs [[fit model=no-such-model show=total_gb]] GB.")

    response = client.get("/learn/local-ai-basics/local-ai-basics-topic-1/")

    assert "[[fit" not in response.text
    assert "[figure unavailable]" in response.text


def test_learn_pages_have_constant_query_counts(
    client, make_course, make_chapter, django_assert_max_num_queries
):
    course = make_course()
    for number in range(1, 13):
        make_chapter(course, number)

    with django_assert_max_num_queries(2):
        client.get("/learn/")
    with django_assert_max_num_queries(5):
        client.get("/learn/local-ai-basics/")
    with django_assert_max_num_queries(5):
        client.get("/learn/local-ai-basics/local-ai-basics-topic-6/")


def test_learn_views_only_answer_get(client, course_with_chapters):
    assert client.post("/learn/").status_code == 405
    assert client.post("/learn/local-ai-basics/").status_code == 405


# -- shipped courses -----------------------------------------------------------------------


@pytest.fixture
def shipped(shipped_module, db):
    return Course.objects.published()


def test_at_least_two_courses_of_six_chapters_are_shipped(shipped):
    counts = [course.chapters.published().count() for course in shipped]

    assert len(counts) >= 2
    assert all(count >= 6 for count in counts)


def test_shipped_chapters_are_complete_and_numbered_from_one(shipped):
    for course in shipped:
        chapters = list(course.chapters.published())
        assert [c.number for c in chapters] == list(range(1, len(chapters) + 1)), course
        for chapter in chapters:
            assert all([chapter.key_insight, chapter.exercise, chapter.check_on_your_machine])
            assert chapter.reading_minutes > 0
            assert chapter.sources.exists(), chapter


def test_every_shipped_chapter_renders_its_figures(client, shipped):
    for chapter in Chapter.objects.published().select_related("course"):
        response = client.get(chapter.get_absolute_url())
        assert response.status_code == 200
        assert "[figure unavailable]" not in response.text, chapter.get_absolute_url()


def test_loading_courses_twice_changes_nothing(db):
    call_command("load_content", verbosity=0)
    before = dict(Chapter.objects.values_list("slug", "revision_number"))

    call_command("load_content", verbosity=0)

    assert dict(Chapter.objects.values_list("slug", "revision_number")) == before


def test_chapters_are_searchable(client, shipped):
    response = client.get("/search/", {"q": "KV cache and context"})

    assert "/learn/sizing-hardware-for-local-models/kv-cache-and-context/" in response.text
