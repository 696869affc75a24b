from django.core.paginator import Paginator

from editorial.content_version import cached_fragment
from runlocalai.freshness import PUBLIC_CACHE

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


def show_all(request):
    """Long lists show their first rows; `?show=all` asks for every row."""
    return request.GET.get("show") == "all"
