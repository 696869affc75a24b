"""Shipped editorial content: standalone pages from editorial/content/pages/*.md."""

from pathlib import Path

from .models import Page
from .shipping import read_markdown, upsert_shipped

ORDER = 10
CONTENT_DIR = Path(__file__).resolve().parent / "content"


def load():
    outcomes = {}
    for path in sorted((CONTENT_DIR / "pages").glob("*.md")):
        header, body = read_markdown(path)
        outcome = upsert_shipped(
            Page,
            slug=header["slug"],
            fields={
                "title": header["title"],
                "summary": header["summary"],
                "body": body,
                "last_verified": header.get("last_verified"),
            },
            sources=header.get("sources", []),
        )
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())) or (
        "no pages"
    )
