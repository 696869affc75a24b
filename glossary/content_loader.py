"""
Shipped glossary: glossary/content/categories.yaml and terms/*.md (see FORMAT.md).

Loads after the catalog (ORDER 30) because term pages and the search index
refer to catalog entries; terms go through editorial.shipping, so they load
published under the team byline with their sources. Ends by rebuilding the
site search index, so a fresh `load_content` leaves search consistent.
"""

import re
from collections import Counter
from pathlib import Path

import yaml

from editorial.shipping import read_markdown, upsert_shipped

from .models import Category, Term

ORDER = 30
CONTENT_DIR = Path(__file__).resolve().parent / "content"
SECTIONS = {
    "Definition": "definition",
    "Deeper dive": "deeper_dive",
    "Practical example": "practical_example",
    "Workflow example": "workflow_example",
}
HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
SOURCE_KEYS = ("url", "title", "publisher", "accessed", "note")


def load():
    from runlocalai import search

    summary = Counter()
    summary.update(f"{outcome} categories" for outcome in _categories())
    summary.update(f"{outcome} terms" for outcome in _terms())
    indexed = search.rebuild()
    parts = [f"{count} {outcome}" for outcome, count in sorted(summary.items())]
    return ", ".join([*parts, f"{indexed} search documents"])


def term_files():
    return sorted((CONTENT_DIR / "terms").glob("*.md"))


def _categories():
    entries = yaml.safe_load((CONTENT_DIR / "categories.yaml").read_text(encoding="utf-8"))
    for entry in entries:
        fields = {key: entry[key] for key in ("name", "description", "order")}
        category, created = Category.objects.get_or_create(slug=entry["slug"], defaults=fields)
        if created:
            yield "created"
        elif any(getattr(category, key) != value for key, value in fields.items()):
            Category.objects.filter(pk=category.pk).update(**fields)
            yield "updated"
        else:
            yield "unchanged"


def split_sections(body: str, *, name: str = "term") -> dict[str, str]:
    """The four `## ` sections of a term body, in FORMAT.md's order."""
    parts = HEADING.split(body)
    headings = parts[1::2]
    if headings != list(SECTIONS):
        raise ValueError(f"{name}: expected sections {list(SECTIONS)}, found {headings}")
    return {SECTIONS[h]: text.strip() for h, text in zip(headings, parts[2::2], strict=True)}


def term_fields(header: dict, body: str, categories: dict, *, name: str) -> dict:
    return {
        "term": header["term"],
        "abbreviation": header.get("abbreviation") or "",
        "aliases": [str(alias) for alias in header.get("aliases") or []],
        "category": categories[header["category"]],
        "related": list(header.get("related") or []),
        "see_also": [
            {"kind": link["kind"], "slug": link["slug"]} for link in header.get("see_also") or []
        ],
        # Without an explicit date, the facts were last checked when the sources were read.
        "last_verified": header.get("last_verified")
        or max((s["accessed"] for s in header.get("sources") or []), default=None),
        **split_sections(body, name=name),
    }


def _sources(header):
    return [
        {key: source[key] for key in SOURCE_KEYS if source.get(key) is not None}
        for source in header.get("sources") or []
    ]


def _terms():
    categories = {category.slug: category for category in Category.objects.all()}
    for path in term_files():
        header, body = read_markdown(path)
        fields = term_fields(header, body, categories, name=path.name)
        yield upsert_shipped(Term, slug=header["slug"], fields=fields, sources=_sources(header))
