"""
Shipped editorial content: standalone pages (editorial/content/pages/*.md), then
the reference content in editorial.reference_loader.
"""

from pathlib import Path

from . import learn_loader, pulse_loader, reference_loader
from .models import Page
from .shipping import read_markdown, upsert_shipped

# After the catalog (20) and the glossary (30): guide picks and Pulse entries link
# catalog rows.
ORDER = 40
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
    pages = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
    return "; ".join(
        [pages or "no pages", learn_loader.load(), pulse_loader.load(), reference_loader.load()]
    )
