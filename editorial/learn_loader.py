"""
Shipped courses: editorial/content/learn/<course>/course.md and NN-<chapter>.md.

Called by editorial/content_loader.py after the pages. A course loads before its
chapters, and chapters take their number from their header (the file name only
orders them on disk).
"""

from pathlib import Path

from .models import Chapter, Course
from .shipping import read_markdown, upsert_shipped

LEARN_DIR = Path(__file__).resolve().parent / "content" / "learn"
CHAPTER_FIELDS = ("title", "summary", "reading_minutes", "key_insight", "exercise")


def load():
    outcomes = {}
    for position, course_dir in enumerate(sorted(p for p in LEARN_DIR.iterdir() if p.is_dir())):
        course = _load_course(course_dir, position, outcomes)
        for path in sorted(course_dir.glob("[0-9]*.md")):
            _load_chapter(path, course, outcomes)
    return ", ".join(f"{count} {outcome}" for outcome, count in outcomes.items())


def _count(outcomes, kind, outcome):
    outcomes[f"{kind} {outcome}"] = outcomes.get(f"{kind} {outcome}", 0) + 1


def _load_course(course_dir, position, outcomes):
    header, body = read_markdown(course_dir / "course.md")
    outcome = upsert_shipped(
        Course,
        slug=header["slug"],
        fields={
            "title": header["title"],
            "summary": header["summary"],
            "level": header.get("level", "beginner"),
            "body": body,
            "position": header.get("position", position),
            "last_verified": header.get("last_verified"),
        },
        sources=header.get("sources", []),
    )
    _count(outcomes, "courses", outcome)
    return Course.objects.get(slug=header["slug"])


def _load_chapter(path, course, outcomes):
    header, body = read_markdown(path)
    required = (*CHAPTER_FIELDS, "number", "check_on_your_machine")
    missing = [name for name in required if not header.get(name)]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    outcome = upsert_shipped(
        Chapter,
        slug=header["slug"],
        fields={
            "course": course,
            "number": header["number"],
            **{name: header[name] for name in CHAPTER_FIELDS},
            "check_on_your_machine": header["check_on_your_machine"],
            "body": body,
            "last_verified": header.get("last_verified"),
        },
        sources=header.get("sources", []),
    )
    _count(outcomes, "chapters", outcome)
