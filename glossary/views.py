from itertools import groupby

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from editorial.views import with_byline_and_sources
from runlocalai.freshness import PUBLIC_CACHE

from .forms import TermFilterForm
from .models import Category, Term
from .rendering import TermPage, defined_term, defined_term_set

INDEX_FIELDS = ["term", "slug", "abbreviation", "aliases", "category__name", "category__slug"]


def _by_letter(terms):
    return [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def term_list(request):
    form = TermFilterForm(request.GET)
    query, category = "", None
    if form.is_valid():
        query, category = form.cleaned_data["q"], form.cleaned_data["category"]
    categories = list(Category.objects.all())
    terms = (
        Term.objects.published()
        .select_related("category")
        .only(*INDEX_FIELDS)
        .in_category(category)
        .matching(query)
        .order_by("term")
    )
    letters = _by_letter(terms)
    template = "glossary/term_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    context = {
        "form": form,
        "query": query,
        "category": category,
        "categories": categories,
        "letters": letters,
        "count": sum(len(group) for _, group in letters),
        "crumbs": [("Glossary", None)],
        "structured_data": defined_term_set(
            [term for _, group in letters for term in group], site_url=settings.SITE_URL
        ),
    }
    return render(request, template, context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    terms = list(Term.objects.published().filter(category=category).only(*INDEX_FIELDS[:4]))
    context = {
        "category": category,
        "letters": _by_letter(terms),
        "crumbs": [("Glossary", reverse("glossary:term_list")), (category.name, None)],
        "structured_data": defined_term_set(
            terms,
            site_url=settings.SITE_URL,
            name=f"RunLocalAI glossary: {category.name}",
            url=category.get_absolute_url(),
        ),
    }
    return render(request, "glossary/category_detail.html", context)


@require_GET
@cache_control(**PUBLIC_CACHE)
def term_detail(request, slug):
    terms = with_byline_and_sources(Term.objects.published().select_related("category"))
    term = terms.filter(slug=slug).first()
    if term is None:
        alias_of = Term.objects.published().for_alias(slug).only("slug").first()
        if alias_of is None:
            raise Http404("No such term.")
        return redirect(alias_of, permanent=True)
    page = TermPage(term)
    context = {
        "term": term,
        "page": page,
        "sections": page.sections(),
        "crumbs": [
            ("Glossary", reverse("glossary:term_list")),
            (term.category.name, term.category.get_absolute_url()),
            (term.term, None),
        ],
        "structured_data": defined_term(term, site_url=settings.SITE_URL),
    }
    return render(request, "glossary/term_detail.html", context)
