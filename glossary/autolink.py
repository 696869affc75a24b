"""
Link the first mention of each glossary term in a piece of rendered HTML.

A pure function over sanitised HTML (our Markdown renderer's output): text is
scanned outside <a>, <code>, <pre>, <kbd> and headings, and each term is linked
once per page — callers pass the same `seen` set for every fragment of a page.
Markup is passed through untouched; only text nodes are rewritten.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "script"})
VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})
# Shorter names match too much ordinary text ("AI", "TP").
MIN_LENGTH = 3


@dataclass(frozen=True)
class Phrase:
    text: str
    url: str
    key: str  # terms share a key with their aliases: one link per term
    title: str = ""


@dataclass
class Linker:
    """A compiled set of phrases; reuse it for every fragment of one page."""

    phrases: list[Phrase]
    seen: set[str] = field(default_factory=set)

    def __post_init__(self):
        usable = [p for p in self.phrases if len(p.text) >= MIN_LENGTH]
        # Longest first, so "quantized KV cache" wins over "KV cache".
        usable.sort(key=lambda p: -len(p.text))
        self._by_text = {}
        for phrase in usable:
            self._by_text.setdefault(_fold(phrase.text), phrase)
        alternatives = "|".join(_pattern(p.text) for p in usable)
        self._regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if usable else None

    def link(self, html: str) -> str:
        if self._regex is None or not html:
            return html
        parser = _Rewriter(self)
        parser.feed(html)
        parser.close()
        return "".join(parser.out)

    def _link_text(self, text: str) -> str:
        out, last = [], 0
        for match in self._regex.finditer(text):
            phrase = self._by_text.get(_fold(match.group(0)))
            if phrase is None or phrase.key in self.seen:
                continue
            self.seen.add(phrase.key)
            title = f' title="{escape(phrase.title)}"' if phrase.title else ""
            out.append(text[last : match.start()])
            out.append(
                f'<a class="term-link" href="{escape(phrase.url)}"{title}>{match.group(0)}</a>'
            )
            last = match.end()
        out.append(text[last:])
        return "".join(out)


def autolink(html: str, phrases: Iterable[Phrase], *, seen: set[str] | None = None) -> str:
    """Link first mentions of `phrases` in `html`; `seen` carries keys already linked."""
    linker = Linker(list(phrases), seen if seen is not None else set())
    return linker.link(html)


def _fold(text: str) -> str:
    return text.casefold()


def _pattern(text: str) -> str:
    # Abbreviations (RAG, GGUF, MoE) match case-sensitively, so an ordinary
    # lowercase word ("rag") never links; names ("KV cache") ignore case.
    escaped = re.escape(text)
    abbreviation = not any(c.islower() for c in text) or (
        len(text) <= 5 and " " not in text and any(c.isupper() for c in text[1:])
    )
    return escaped if abbreviation else f"(?i:{escaped})"


class _Rewriter(HTMLParser):
    def __init__(self, linker):
        super().__init__(convert_charrefs=False)
        self.linker = linker
        self.out = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIP_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        self.out.append(data if self.skip_depth else self.linker._link_text(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")
