"""Shipped Pulse entries: editorial/content/pulse/<date>-<slug>.md (see FORMATS.md)."""

from pathlib import Path

from .models import PulseEntry
from .shipping import read_markdown, upsert_shipped

PULSE_DIR = Path(__file__).resolve().parent / "content" / "pulse"


def load():
    outcomes = {}
    for path in sorted(PULSE_DIR.glob("*.md")):
        header, body = read_markdown(path)
        outcome = upsert_shipped(
            PulseEntry,
            slug=header["slug"],
            fields={
                "date": header["date"],
                "kind": header["kind"],
                "title": header["title"],
                "summary": header["summary"],
                "body": body,
                "links": header.get("links", []),
                "last_verified": header.get("last_verified"),
            },
            sources=header.get("sources", []),
        )
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return ", ".join(
        f"{count} pulse entries {outcome}" for outcome, count in sorted(outcomes.items())
    )
