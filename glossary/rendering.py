"""
Everything a term page shows besides the row itself, fetched in bulk.

A term page asks for: its related terms (one query), each see-also kind it
links (one query per kind, shared with the models and hardware that its
`[[fit]]` shortcodes need), and the glossary's names for auto-linking (one
query). The count does not grow with the number of links or shortcodes.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from editorial import markdown

from . import shortcodes
from .autolink import Linker, Phrase
from .models import Term

# see_also kind → the model that holds it (guides and errors join when their apps exist).
SEE_ALSO_MODELS = {
    "model": "catalog.AIModel",
    "hardware": "catalog.Hardware",
    "build": "catalog.Build",
    "software": "catalog.Software",
    "benchmark": "catalog.Benchmark",
    "guide": "editorial.Guide",
    "error": "editorial.ErrorEntry",
}
KIND_LABELS = {
    "model": "Model",
    "hardware": "Hardware",
    "build": "Build",
    "software": "Tool",
    "benchmark": "Benchmark",
    "guide": "Guide",
    "error": "Error",
}


def safe_url(obj):
    """The object's public URL, or None while its section has no page yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return None


def see_also_model(kind):
    label = SEE_ALSO_MODELS.get(kind)
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def term_phrases(*, exclude_slug=None):
    """Names, abbreviations and aliases of every published term, for the auto-linker."""
    rows = Term.objects.published().values_list("slug", "term", "abbreviation", "aliases")
    phrases = []
    for slug, name, abbreviation, aliases in rows:
        if slug == exclude_slug:
            continue
        url = f"/glossary/{slug}/"
        for text in [name, abbreviation, *aliases]:
            if text and not text.startswith("-"):
                phrases.append(Phrase(text=text, url=url, key=slug, title=name))
    return phrases


@dataclass
class SeeAlso:
    kind: str
    label: str
    title: str
    url: str | None


@dataclass
class TermPage:
    term: Term

    @cached_property
    def _fetched(self):
        """Published objects by kind and slug: see-also targets plus shortcode inputs."""
        wanted = defaultdict(set)
        for link in self.term.see_also:
            wanted[link.get("kind")].add(link.get("slug"))
        models, hardware = shortcodes.wanted(text for _, _, text in self.term.sections)
        wanted["model"] |= models
        wanted["hardware"] |= hardware
        wanted["build"] |= hardware
        fetched = {}
        for kind, slugs in wanted.items():
            model = see_also_model(kind)
            if model is None:
                fetched[kind] = {}
                continue
            queryset = model.objects.published().filter(slug__in=slugs)
            if kind == "hardware":
                queryset = queryset.select_related("vendor")
            if kind == "build":
                queryset = queryset.prefetch_related("items__hardware__vendor")
            if kind == "benchmark":
                queryset = queryset.with_related()
            fetched[kind] = {obj.slug: obj for obj in queryset}
        return fetched

    @cached_property
    def related(self):
        terms = (
            Term.objects.published()
            .filter(slug__in=self.term.related)
            .only("term", "slug", "abbreviation", "definition")
        )
        by_slug = {term.slug: term for term in terms}
        return [by_slug[slug] for slug in self.term.related if slug in by_slug]

    @cached_property
    def see_also(self):
        links = []
        for link in self.term.see_also:
            obj = self._fetched.get(link.get("kind"), {}).get(link.get("slug"))
            if obj is not None:
                links.append(
                    SeeAlso(link["kind"], KIND_LABELS[link["kind"]], str(obj), safe_url(obj))
                )
        return links

    def unresolved(self):
        """Related slugs and see-also links that point at nothing published."""
        problems = [
            f"related {slug}"
            for slug in self.term.related
            if slug not in {term.slug for term in self.related}
        ]
        for link in self.term.see_also:
            kind, slug = link.get("kind"), link.get("slug")
            if kind not in SEE_ALSO_MODELS:
                problems.append(f"see_also kind {kind!r}")
            elif slug not in self._fetched.get(kind, {}):
                problems.append(f"see_also {kind} {slug}")
        return problems

    def sections(self, *, autolink=True, errors=None):
        """(id, heading, html) for the four sections, shortcodes rendered from the engine."""
        # The term's own name never links to itself.
        linker = Linker(term_phrases(exclude_slug=self.term.slug)) if autolink else None
        rendered = []
        for anchor, heading, text in self.term.sections:
            text = shortcodes.render_shortcodes(
                text,
                models=self._fetched.get("model", {}),
                hardware={**self._fetched.get("build", {}), **self._fetched.get("hardware", {})},
                errors=errors,
            )
            # Long commands scroll sideways; keyboard users must be able to reach them.
            html = markdown.render(text).replace("<pre>", '<pre tabindex="0">')
            if linker is not None:
                html = linker.link(html)
            rendered.append((anchor, heading, mark_safe(html)))
        return rendered


def defined_term(term, *, site_url):
    """schema.org DefinedTerm for a term page."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": term.term,
        "alternateName": [name for name in [term.abbreviation, *term.aliases] if name],
        "description": strip_tags(markdown.render(term.definition)).strip(),
        "url": site_url + term.get_absolute_url(),
        "termCode": term.slug,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": "RunLocalAI glossary",
            "url": site_url + reverse("glossary:term_list"),
        },
    }


def defined_term_set(terms, *, site_url, name="RunLocalAI glossary", url=None):
    """schema.org DefinedTermSet listing the terms on an index page."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "name": name,
        "url": site_url + (url or reverse("glossary:term_list")),
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "name": term.term, "url": site_url + term.get_absolute_url()}
            for term in terms
        ],
    }
