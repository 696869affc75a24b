"""
Site-wide search: one index of every published item, ranked by PostgreSQL.

Why a denormalised index table (glossary.SearchDocument) rather than expression
indexes on each content table:
- one query answers a search across every type (the budget is ≤ 5 per search),
  instead of one query per type or a UNION over tables other apps own;
- the weighted tsvector (title A > aliases B > summary C > body D) is a stored
  generated column with one GIN index, and trigram GIN indexes on title,
  aliases and body serve typo matching (`%`, `<%`) and pasted error strings
  (ILIKE '%…%'), so nothing is computed per row at query time;
- each app says what its rows mean for search through the registry below,
  without migrations on tables it does not own.

Rows follow publishing: a post_save/post_delete hook on every registered model
writes the row when the item is published and removes it otherwise (transitions
and the shipped-content loader all end in save()), and `rebuild()` recreates the
whole index from `.published()` — load_content calls it, so a fresh site is
consistent even for titles that depend on other rows (a benchmark's model name).

Other apps register their types in their AppConfig.ready():

    search.register(SearchType(kind="guide", label="Guides", model=Guide,
                               title=lambda g: g.title, summary=lambda g: g.summary, …))
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from catalog.models import AIModel, Benchmark, Build, Hardware, Software
from editorial.models import Chapter, Course, PulseEntry
from glossary.models import SearchDocument, Term

MAX_QUERY_LENGTH = 200
# Aliases are stored as one text column (one trigram index); the separator lets
# SQL tell an exact alias match from a word inside one.
ALIAS_SEPARATOR = " | "
RESULT_LIMIT = 60
PER_GROUP = 8
# Private-use characters mark highlights inside ts_headline's output, so that
# everything else can be escaped before the marks become <mark> elements.
MARK_START, MARK_END = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
_MARKDOWN_NOISE = re.compile(r"\[\[fit[^\]]*\]\]|```\w*|[`*#>|]+")


def _text(*parts) -> str:
    return " ".join(str(part) for part in parts if part)


def _plain(markdown: str) -> str:
    """Markdown as searchable text: no shortcodes, fences or emphasis marks."""
    return _MARKDOWN_NOISE.sub(" ", markdown or "")


@dataclass(frozen=True)
class SearchType:
    kind: str
    label: str
    model: type
    title: Callable[[object], str]
    aliases: Callable[[object], Iterable[str]] = lambda obj: ()
    summary: Callable[[object], str] = lambda obj: ""
    body: Callable[[object], str] = lambda obj: ""
    # Rank multiplier for the whole type.
    boost: float = 1.0
    # Rows needed to compute the fields in bulk (select_related etc.).
    queryset: Callable[[object], object] = field(default=lambda qs: qs)

    def document(self, obj) -> SearchDocument:
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            slug=obj.slug,
            title=self.title(obj)[:300],
            aliases=ALIAS_SEPARATOR.join(alias for alias in self.aliases(obj) if alias),
            summary=self.summary(obj) or "",
            body=self.body(obj) or "",
            boost=self.boost,
        )

    def url(self, slug: str) -> str | None:
        try:
            return self.model(slug=slug).get_absolute_url()
        except NoReverseMatch:
            # The section's pages are not built yet: show the result without a link.
            return None


REGISTRY: dict[str, SearchType] = {}


def register(search_type: SearchType) -> None:
    REGISTRY[search_type.kind] = search_type
    uid = f"search-{search_type.kind}"
    post_save.connect(_saved, sender=search_type.model, weak=False, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=search_type.model, weak=False, dispatch_uid=uid)


def _types_for(model):
    return [t for t in REGISTRY.values() if t.model is model]


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for search_type in _types_for(sender):
        index(search_type, instance)


def _deleted(sender, instance, **kwargs):
    for search_type in _types_for(sender):
        SearchDocument.objects.filter(kind=search_type.kind, object_id=instance.pk).delete()


UPDATE_FIELDS = ["slug", "title", "aliases", "summary", "body", "boost"]


def index(search_type: SearchType, obj) -> None:
    """Write or remove one item's row: only published content is ever searchable."""
    if not obj.is_published:
        SearchDocument.objects.filter(kind=search_type.kind, object_id=obj.pk).delete()
        return
    SearchDocument.objects.bulk_create(
        [search_type.document(obj)],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=UPDATE_FIELDS,
    )


def rebuild() -> int:
    """Recreate every row from published content; returns the number of rows."""
    SearchDocument.objects.all().delete()
    documents = []
    for search_type in REGISTRY.values():
        queryset = search_type.queryset(search_type.model.objects.published())
        documents += [search_type.document(obj) for obj in queryset]
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    return len(documents)


# -- querying -----------------------------------------------------------------------


def clean_query(raw: str | None) -> str:
    """What is searched: control characters dropped, spaces collapsed, length capped."""
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class Hit:
    kind: str
    title: str
    url: str | None
    snippet: str
    score: float


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit]


# One statement: candidates come from the indexes (full text, trigram
# similarity on title/aliases, substring on anything); the score adds the
# full-text rank, closeness of the title, and a boost when the query appears
# verbatim — people paste whole error messages. Headlines are computed only
# for the rows that survive the LIMIT.
SEARCH_SQL = """
WITH q AS (SELECT websearch_to_tsquery('english', %(q)s) AS query)
SELECT d.kind, d.slug, d.title,
       ts_headline('english', d.summary || ' ' || d.body, q.query,
                   'StartSel=' || %(start)s || ', StopSel=' || %(stop)s ||
                   ', MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "'),
       d.score
FROM (
    SELECT d.kind, d.slug, d.title, d.summary, d.body,
           d.boost * (
               ts_rank(d.vector, q.query, 1) * 4
               + similarity(d.title, %(q)s) * 2
               + word_similarity(%(q)s, d.title)
               + word_similarity(%(q)s, d.aliases) * 0.5
               + CASE WHEN lower(d.title) = lower(%(q)s)
                        OR lower(%(q)s) = ANY(string_to_array(lower(d.aliases), %(sep)s))
                      THEN 3 ELSE 0 END
               + CASE WHEN d.title ILIKE %(like)s OR d.aliases ILIKE %(like)s
                      THEN 1 ELSE 0 END
               + CASE WHEN length(%(q)s) >= 12 AND (d.summary ILIKE %(like)s
                                                    OR d.body ILIKE %(like)s)
                      THEN 1.5 ELSE 0 END
           ) AS score
    FROM glossary_searchdocument d, q
    WHERE d.vector @@ q.query
       OR d.title %% %(q)s
       OR %(q)s <%% d.aliases
       OR d.title ILIKE %(like)s
       OR d.aliases ILIKE %(like)s
       OR (length(%(q)s) >= 6 AND d.body ILIKE %(like)s)
    ORDER BY score DESC, d.title
    LIMIT %(limit)s
) d, q
ORDER BY d.score DESC, d.title
"""


def _like(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _snippet(headline: str) -> str:
    html = escape(headline or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def search(raw_query: str) -> list[Hit]:
    """Published items matching the query, best first (one SQL query)."""
    query = clean_query(raw_query)
    if not query:
        return []
    params = {
        "q": query,
        "like": _like(query),
        "start": MARK_START,
        "stop": MARK_END,
        "limit": RESULT_LIMIT,
        "sep": ALIAS_SEPARATOR,
    }
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_SQL, params)
        rows = cursor.fetchall()
    hits = []
    for kind, slug, title, headline, score in rows:
        search_type = REGISTRY.get(kind)
        if search_type is None:
            continue
        hits.append(Hit(kind, title, search_type.url(slug), _snippet(headline), score))
    return hits


def grouped(hits: list[Hit], *, per_group: int = PER_GROUP) -> list[Group]:
    """Hits by type, types ordered by their best hit."""
    groups: dict[str, Group] = {}
    for hit in hits:
        group = groups.get(hit.kind)
        if group is None:
            group = groups[hit.kind] = Group(hit.kind, REGISTRY[hit.kind].label, [])
        if len(group.hits) < per_group:
            group.hits.append(hit)
    return list(groups.values())


# -- the site's types ---------------------------------------------------------------

_HARDWARE_PREFIXES = re.compile(r"^(NVIDIA |AMD |Intel |Apple )?(GeForce |Radeon |Arc )?")


register(
    SearchType(
        kind="term",
        label="Glossary",
        model=Term,
        title=lambda t: t.term,
        aliases=lambda t: [t.abbreviation, *t.aliases],
        summary=lambda t: _plain(t.definition),
        body=lambda t: _plain(_text(t.deeper_dive, t.practical_example, t.workflow_example)),
    )
)
register(
    SearchType(
        kind="model",
        label="Models",
        model=AIModel,
        title=lambda m: m.name,
        aliases=lambda m: [m.family.name, m.hf_repo, m.ollama_tag, m.variant],
        summary=lambda m: _text(m.positioning, m.summary),
        body=lambda m: _text(m.strengths, m.limitations, m.run_locally),
        queryset=lambda qs: qs.select_related("family"),
    )
)
register(
    SearchType(
        kind="hardware",
        label="Hardware",
        model=Hardware,
        title=lambda h: h.name,
        # "RTX 3090" for "NVIDIA GeForce RTX 3090": the name people type.
        aliases=lambda h: [_HARDWARE_PREFIXES.sub("", h.name), h.vendor.name, h.memory_type],
        summary=lambda h: _text(h.best_for, h.summary),
        body=lambda h: _text(h.strengths, h.weaknesses),
        queryset=lambda qs: qs.select_related("vendor"),
    )
)
register(
    SearchType(
        kind="build",
        label="Multi-device builds",
        model=Build,
        title=lambda b: b.name,
        aliases=lambda b: b.aliases,
        summary=lambda b: b.summary,
        boost=0.8,
    )
)
register(
    SearchType(
        kind="software",
        label="Tools",
        model=Software,
        title=lambda s: s.name,
        aliases=lambda s: [s.get_kind_display(), *s.model_formats],
        summary=lambda s: s.summary,
        body=lambda s: _text(s.strengths, s.weaknesses, s.run_example),
    )
)
register(
    SearchType(
        kind="benchmark",
        label="Benchmarks",
        model=Benchmark,
        title=lambda b: f"{b.model.name} {b.quantization.name} on {b.device} ({b.test})",
        summary=lambda b: _text(b.setup, b.notes),
        body=lambda b: b.command,
        boost=0.5,
        queryset=lambda qs: qs.with_related(),
    )
)


# -- Learn and Pulse (editorial) --------------------------------------------------------


@dataclass(frozen=True)
class ChapterSearchType(SearchType):
    """Chapters live under their course: the document keeps "<course>/<chapter>" as its slug."""

    def document(self, obj) -> SearchDocument:
        document = super().document(obj)
        document.slug = f"{obj.course.slug}/{obj.slug}"
        return document

    def url(self, slug: str) -> str | None:
        course, _, chapter = slug.partition("/")
        return reverse("editorial:chapter_detail", args=[course, chapter])


register(
    SearchType(
        kind="course",
        label="Courses",
        model=Course,
        title=lambda c: c.title,
        summary=lambda c: c.summary,
        body=lambda c: _plain(c.body),
    )
)
register(
    ChapterSearchType(
        kind="chapter",
        label="Learn",
        model=Chapter,
        title=lambda c: c.title,
        summary=lambda c: _text(c.summary, c.key_insight),
        body=lambda c: _plain(_text(c.body, c.exercise, c.check_on_your_machine)),
        queryset=lambda qs: qs.select_related("course"),
    )
)
register(
    SearchType(
        kind="pulse",
        label="Pulse",
        model=PulseEntry,
        title=lambda p: p.title,
        summary=lambda p: p.summary,
        body=lambda p: _plain(p.body),
        boost=0.7,
    )
)
