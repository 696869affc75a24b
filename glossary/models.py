import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from editorial.models import Publishable, PublishableQuerySet

# What a see-also link may point at; the content test reports anything else.
SEE_ALSO_KINDS = ("model", "hardware", "build", "software", "benchmark", "guide", "error")


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("glossary:category_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class TermQuerySet(PublishableQuerySet):
    def in_category(self, category):
        return self.filter(category=category) if category else self

    def matching(self, query):
        """The instant filter: a prefix-ish match on the name, abbreviation or an alias."""
        if not query:
            return self
        alias_text = models.Func(
            models.F("aliases"),
            models.Value(" "),
            function="array_to_string",
            output_field=models.TextField(),
        )
        return self.alias(alias_text=alias_text).filter(
            models.Q(term__icontains=query)
            | models.Q(abbreviation__icontains=query)
            | models.Q(alias_text__icontains=query)
        )

    def for_alias(self, slug):
        return self.filter(alias_slugs__contains=[slug])


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Term(Publishable):
    """
    One concept, explained in four Markdown sections.

    Related terms and see-also links are stored as slugs and resolved against
    published content when a page renders: loading stays idempotent in any
    order, and a link to something unpublished simply does not show.
    """

    term = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    abbreviation = models.CharField(max_length=40, blank=True)
    aliases = ArrayField(
        models.CharField(max_length=120),
        default=list,
        blank=True,
        help_text="Other names; each also answers at /glossary/<alias-slug>/ with a redirect.",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="terms")
    definition = models.TextField(help_text="Markdown. One paragraph for a newcomer.")
    deeper_dive = models.TextField(help_text="Markdown.")
    practical_example = models.TextField(
        help_text="Markdown. Engine-owned numbers as [[fit …]] shortcodes, never typed."
    )
    workflow_example = models.TextField(help_text="Markdown: real commands or UI steps.")
    related = ArrayField(
        models.SlugField(), default=list, blank=True, help_text="Slugs of related terms."
    )
    see_also = models.JSONField(
        default=list,
        blank=True,
        help_text='Links to other content: [{"kind": "model", "slug": "llama-3-1-8b"}, …]; '
        f"kinds: {', '.join(SEE_ALSO_KINDS)}.",
    )
    # Derived on save from the aliases (and abbreviation): the alias URLs.
    alias_slugs = ArrayField(models.SlugField(), default=list, editable=False)

    objects = TermQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 365

    class Meta(Publishable.Meta):
        ordering = ["term"]
        indexes = [GinIndex(fields=["alias_slugs"], name="glossary_term_alias_slugs")]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.alias_slugs = self.derived_alias_slugs()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("glossary:term_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def derived_alias_slugs(self):
        names = [*self.aliases, self.abbreviation]
        slugs = {slugify(name) for name in names if name}
        return sorted(slugs - {"", self.slug})

    @property
    def letter(self):
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    @property
    def sections(self):
        return [
            ("definition", "Definition", self.definition),
            ("deeper-dive", "Deeper dive", self.deeper_dive),
            ("practical-example", "Practical example", self.practical_example),
            ("workflow-example", "Workflow example", self.workflow_example),
        ]


class SearchDocument(models.Model):
    """
    One row per published item in the site-wide search index (see runlocalai/search.py).

    It lives here because the project package holds no models; the glossary app
    was the first to need search. The registry in runlocalai/search.py owns the
    rows: which fields feed each weight, and when a row is written or removed.
    """

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    aliases = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    slug = models.SlugField(max_length=120)
    # Ranking weight of the whole type (leaf rows such as benchmarks rank below pages).
    boost = models.FloatField(default=1.0)
    # Title A > aliases B > summary C > body D; computed by PostgreSQL on write.
    vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("aliases", weight="B", config="english")
        + SearchVector("summary", weight="C", config="english")
        + SearchVector("body", weight="D", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector"),
            # Trigram indexes serve both similarity (%, <%) and ILIKE '%…%'.
            GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="search_title_trgm"),
            GinIndex(fields=["aliases"], opclasses=["gin_trgm_ops"], name="search_aliases_trgm"),
            GinIndex(fields=["body"], opclasses=["gin_trgm_ops"], name="search_body_trgm"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"
