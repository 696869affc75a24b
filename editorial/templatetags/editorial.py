from django import template
from django.utils.safestring import mark_safe

from editorial import markdown as markdown_module

register = template.Library()


@register.filter
def markdown(text):
    # Safe: the renderer escapes raw HTML and nh3 keeps only an allow-list.
    return mark_safe(markdown_module.render(text))
