"""
The content version: which tables count as public content, the triggers that
bump the version when they change, and the per-request read of it.

Every table behind a public page gets a statement-level trigger, so any write
(save(), QuerySet.update(), bulk admin actions, scheduled publishing, loaders,
raw SQL) moves the version forward in the same transaction. Tables whose rows
never reach a public page are left out so that, say, a newsletter signup does
not throw away every cached fragment.
"""

import pghistory.models
from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from .models import ContentVersion

CONTENT_APPS = ("catalog", "editorial", "glossary", "tools", "newsletter")

# Rows nobody outside the team ever sees on a page.
PRIVATE_MODELS = frozenset(
    {
        "catalog.BenchmarkSubmission",
        "editorial.ContactMessage",
        "editorial.ContentVersion",
        "editorial.ErrorFeedback",
        "editorial.Revision",  # pending edits; approving one writes the item's own table
        "newsletter.ConsentRecord",
        "newsletter.Delivery",
        "newsletter.Subscriber",
        "newsletter.UnsubscribeRecord",
    }
)

TRIGGER = "content_version"


def content_models():
    """Every concrete model (many-to-many tables included) a public page can show."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if (
                model._meta.label in PRIVATE_MODELS
                or issubclass(model, pghistory.models.Event)
                or not model._meta.managed
                or model._meta.proxy
            ):
                continue
            yield model


def install_triggers(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: (re)attach the trigger to every content table; idempotent."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regproc('editorial_content_version_trigger') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return  # editorial is migrated backwards past 0005
        tables = set(connection.introspection.table_names(cursor))
        for model in content_models():
            table = model._meta.db_table
            if table not in tables:
                continue
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
                "FOR EACH STATEMENT EXECUTE FUNCTION editorial_content_version_trigger()"
            )


def for_request(request):
    """
    The version this request renders, read once per request.

    A preview renders inside a transaction that changes content and is then
    rolled back; it reads the version afresh, and the number it gets is never
    handed out again, so nothing it caches can reach a reader.
    """
    if getattr(request, "editorial_preview", False):
        return ContentVersion.current()
    cached = request.__dict__.get("_content_version")
    if cached is None:
        cached = request.__dict__["_content_version"] = ContentVersion.current()
    return cached


# Cached fragments live until content changes; the day is only a ceiling so
# that a cache without an LRU still sheds old versions.
FRAGMENT_SECONDS = 24 * 60 * 60


def cached_fragment(request, key, build):
    """
    What build() returns (usually rendered HTML) for `key`, computed once per content version.

    The expensive parts of pages — a fit-engine pass over every model or device
    and the long table it renders — only change when content does. The key
    carries the content version, so any publish, edit or archive retires every
    fragment at once: there is nothing to invalidate by hand and nothing stale
    to serve.
    """
    version = for_request(request).number
    full_key = f"fragment:{version}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, FRAGMENT_SECONDS)
    return value
