"""
Published catalog objects by kind and slug, one query per kind (two for builds).

Editorial content points at catalog entries by kind and slug: Pulse links and
`[[fit …]]` shortcodes. A page gathers every slug it needs and calls `fetch()`
once, so its query count depends on the kinds it uses, never on how many links
or figures it shows. Each kind is loaded with what its page and the fit engine
read (a device's vendor, a build's items).
"""

from django.apps import apps

CATALOG_MODELS = {
    "model": "catalog.AIModel",
    "hardware": "catalog.Hardware",
    "build": "catalog.Build",
    "software": "catalog.Software",
    "benchmark": "catalog.Benchmark",
}


def _queryset(kind):
    model = apps.get_model(CATALOG_MODELS[kind])
    if kind == "build":
        from catalog.queries import builds_with_items

        return builds_with_items()
    queryset = model.objects.published()
    if kind == "hardware":
        queryset = queryset.select_related("vendor")
    elif kind == "benchmark":
        queryset = queryset.with_related()
    return queryset


def fetch(wanted):
    """{kind: {slugs}} → {kind: {slug: published object}} for every kind in CATALOG_MODELS."""
    found = {kind: {} for kind in CATALOG_MODELS}
    for kind, slugs in wanted.items():
        slugs = {slug for slug in slugs if isinstance(slug, str)}
        if kind in CATALOG_MODELS and slugs:
            found[kind] = {obj.slug: obj for obj in _queryset(kind).filter(slug__in=slugs)}
    return found
