from django.core.cache import cache
from django.core.paginator import Paginator

from editorial import content_version
from editorial.views import PUBLIC_CACHE

from .. import structured_data

__all__ = ["PUBLIC_CACHE", "cached_fragment", "page_of", "partial", "show_all", "with_crumbs"]


def partial(request, template, name):
    """The whole page, or only one partial when htmx swaps it in."""
    if request.htmx and not request.htmx.boosted:
        return f"{template}#{name}"
    return template


def page_of(items, request, per_page):
    # get_page() turns junk, negative and out-of-range numbers into a real page.
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def with_crumbs(context, crumbs, *structured):
    """Breadcrumbs for the page and its JSON-LD, plus any other structured data."""
    context["crumbs"] = crumbs
    context["structured"] = [structured_data.breadcrumb_list(crumbs), *structured]
    return context


# Cached fragments live until content changes; the day is only a ceiling so
# that a cache without an LRU still sheds old versions.
FRAGMENT_SECONDS = 24 * 60 * 60


def cached_fragment(request, key, build):
    """
    What build() returns (usually rendered HTML) for `key`, computed once per content version.

    The expensive parts of catalog pages — a fit-engine pass over every model or
    device and the long table it renders — only change when content does. The
    key carries the content version (editorial/content_version.py), so any
    publish, edit or archive retires every fragment at once: there is nothing
    to invalidate by hand and nothing stale to serve.
    """
    version = content_version.for_request(request).number
    full_key = f"fragment:{version}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, FRAGMENT_SECONDS)
    return value


def show_all(request):
    """Long lists show their first rows; `?show=all` asks for every row."""
    return request.GET.get("show") == "all"
