"""Form widgets the site needs beyond Django's own."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """
    A <select> built in Python instead of one template render per <option>.

    The checker's model and hardware lists run to hundreds of options (over a
    thousand in `make bench`'s 10× catalog), and Django's per-option templates
    were most of those pages' server time. Same markup, same attributes
    (id, required, aria-* from the bound field), optgroups included.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        parts = [f"<select{flatatt(final_attrs)}>"]
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">')
                parts.extend(_option(value, text, selected) for value, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(_option(option_value, label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label is escaped above


def _option(value, label, selected):
    value = "" if value is None else str(value)
    chosen = " selected" if value in selected else ""
    text = conditional_escape(label)
    return f'<option value="{conditional_escape(value)}"{chosen}>{text}</option>'
