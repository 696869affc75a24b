"""
Shipped reference content: buyer guides, errors, troubleshooting guides, quick
answers and prompting kits (editorial/content/<type>/*.md, see FORMATS.md).

Each file becomes one published item under the team byline through
editorial.shipping, so loading twice changes nothing and an item an editor has
since changed through the workflow is kept. A file that breaks its format stops
the load with the file's name: shipped content is checked, never guessed at.
"""

import re
from collections import Counter
from pathlib import Path

from .models import (
    ErrorEntry,
    Guide,
    GuideFormat,
    PromptingKit,
    QuickAnswer,
    TroubleshootingGuide,
)
from .shipping import read_markdown, upsert_shipped

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCE_KEYS = ("url", "title", "publisher", "accessed", "note")
HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
SUBHEADING = re.compile(r"^### (.+?)\s*$", re.MULTILINE)
CAUSE = re.compile(r"^Cause (\d+): (.+)$")
# A bullet in an error's Related section that only links another error entry:
# those come from the `related` header and are listed with their live titles.
ERROR_LINK_LINE = re.compile(r"^\s*- \[[^\]]+\]\(/errors/[\w-]+/\)\s*$")

ERROR_SECTIONS = ["What it means", "Causes", "Fix", "Alternatives", "Related"]
KIT_SECTIONS = ["Templates", "Chat-template caveats", "Tips"]


def files(kind):
    return sorted((CONTENT_DIR / kind).glob("*.md"))


def split_sections(body: str, pattern=HEADING) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first heading, [(heading, text), …]) at one heading level."""
    parts = pattern.split(body)
    intro, rest = parts[0].strip(), parts[1:]
    return intro, [(h, text.strip()) for h, text in zip(rest[::2], rest[1::2], strict=True)]


def _require_sections(path, sections, expected):
    headings = [heading for heading, _ in sections]
    if headings != expected:
        raise ValueError(f"{path.name}: expected sections {expected}, found {headings}")
    return dict(sections)


def _sources(header):
    return [
        {key: source[key] for key in SOURCE_KEYS if source.get(key) is not None}
        for source in header.get("sources") or []
    ]


def _common(header):
    return {
        "title": header["title"],
        "summary": header["summary"].strip(),
        "last_verified": header.get("last_verified"),
    }


def _strings(values):
    return [str(value) for value in values or []]


# -- one function per type: (header, body, path) → upsert_shipped keyword arguments --


def error_entry(header, body, path):
    _, sections = split_sections(body)
    sections = _require_sections(path, sections, ERROR_SECTIONS)
    see_also = "\n".join(
        line for line in sections["Related"].splitlines() if not ERROR_LINK_LINE.match(line)
    ).strip()
    return {
        **_common(header),
        "error_string": header["error_string"].strip(),
        "aliases": _strings(header.get("aliases")),
        "category": header["category"],
        "runtimes": _strings(header.get("runtimes")),
        "platforms": _strings(header.get("platforms")),
        "related": _strings(header.get("related")),
        "glossary": _strings(header.get("glossary")),
        "what_it_means": sections["What it means"],
        "causes": sections["Causes"],
        "fix": sections["Fix"],
        "alternatives": sections["Alternatives"],
        "see_also": see_also,
    }, {}


def guide(header, body, path):
    from catalog.models import Build, Hardware

    fields = {
        **_common(header),
        "format": header["format"],
        "short_answer": (header.get("short_answer") or "").strip(),
        "body": body.strip(),
    }
    picks = []
    for pick in header.get("picks") or []:
        row = {
            "rank": pick["rank"],
            "label": pick["label"],
            "why": pick["why"].strip(),
            "buy_if": pick["buy_if"].strip(),
            "skip_if": pick["skip_if"].strip(),
            "hardware": None,
            "build": None,
        }
        if pick.get("hardware"):
            row["hardware"] = Hardware.objects.filter(slug=pick["hardware"]).first()
        if pick.get("build"):
            row["build"] = Build.objects.filter(slug=pick["build"]).first()
        if row["hardware"] is None and row["build"] is None:
            raise ValueError(
                f"{path.name}: pick {pick['rank']} names no catalog hardware or build "
                f"({pick.get('hardware') or pick.get('build')!r})"
            )
        picks.append(row)
    if header["format"] == GuideFormat.RANKED_PICKS and not picks:
        raise ValueError(f"{path.name}: a ranked-picks guide needs picks")
    return fields, {"picks": picks}


def troubleshooting_guide(header, body, path):
    intro, sections = split_sections(body)
    causes = []
    for position, (heading, text) in enumerate(sections, start=1):
        match = CAUSE.match(heading)
        if match is None or int(match.group(1)) != position:
            raise ValueError(f"{path.name}: expected '## Cause {position}: …', found {heading!r}")
        _, parts = split_sections(text, SUBHEADING)
        parts = _require_sections(path, parts, ["Diagnose", "Fix"])
        causes.append(
            {
                "position": position,
                "name": match.group(2).strip(),
                "diagnose": parts["Diagnose"],
                "fix": parts["Fix"],
            }
        )
    if not causes:
        raise ValueError(f"{path.name}: no causes")
    return {
        **_common(header),
        "symptom": header["symptom"].strip(),
        "platforms": _strings(header.get("platforms")),
        "runtimes": _strings(header.get("runtimes")),
        "intro": intro,
    }, {"causes": causes}


def quick_answer(header, body, path):
    return {
        **_common(header),
        "answer": header["answer"].strip(),
        "deeper": header["deeper"].strip(),
        "body": body.strip(),
    }, {}


def prompting_kit(header, body, path):
    _, sections = split_sections(body)
    sections = _require_sections(path, sections, KIT_SECTIONS)
    return {
        **_common(header),
        "task": header["task"],
        "model_sizes": header["model_sizes"].strip(),
        "tested_with": _strings(header.get("tested_with")),
        "templates": sections["Templates"],
        "caveats": sections["Chat-template caveats"],
        "tips": sections["Tips"],
    }, {}


TYPES = [
    ("guides", Guide, guide),
    ("errors", ErrorEntry, error_entry),
    ("troubleshooting", TroubleshootingGuide, troubleshooting_guide),
    ("quick-answers", QuickAnswer, quick_answer),
    ("prompting-kits", PromptingKit, prompting_kit),
]


def load():
    """Upsert every shipped reference item; returns a one-line summary per type."""
    lines = []
    for kind, model, read in TYPES:
        outcomes = Counter()
        for path in files(kind):
            header, body = read_markdown(path)
            fields, children = read(header, body, path)
            outcomes[
                upsert_shipped(
                    model,
                    slug=header["slug"],
                    fields=fields,
                    sources=_sources(header),
                    children=children,
                )
            ] += 1
        counts = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        lines.append(f"{kind} {counts or 'none'}")
    return "; ".join(lines)
