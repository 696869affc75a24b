import json

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from glossary.autolink import Linker
from glossary.rendering import term_phrases

register = template.Library()

# The same escapes as Django's json_script: the JSON can never close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Structured data for search engines (a data block: no script runs, CSP allows it)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter(is_safe=True)
def autolink_terms(html):
    """Link the first mention of each glossary term in rendered, sanitised HTML."""
    return mark_safe(Linker(term_phrases()).link(conditional_escape(html)))


@register.simple_tag(takes_context=True)
def autolink_page(context, html):
    """Like |autolink_terms, but a term links once per page across every call on it."""
    request = context.get("request")
    linker = getattr(request, "_glossary_linker", None)
    if linker is None:
        linker = Linker(term_phrases())
        if request is not None:
            request._glossary_linker = linker
    return mark_safe(linker.link(conditional_escape(html)))
