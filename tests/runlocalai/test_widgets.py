from django import forms
from django.test.html import parse_html

from runlocalai.widgets import LongSelect

CHOICES = [
    ("", "Choose…"),
    ("GPUs", [("hw:a", "Card <A> & co"), ("hw:b", 'Card "B"')]),
    ("custom", "Custom numbers"),
]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, help_text="Pick one.")
    ours = forms.ChoiceField(choices=CHOICES, help_text="Pick one.", widget=LongSelect)


def _markup(form, name):
    # Same name and id on both sides, so only the widgets differ.
    return parse_html(str(form[name]).replace(f"id_{name}", "id_x").replace(f'"{name}"', '"x"'))


def test_long_select_renders_what_djangos_select_renders():
    for data in ({"django": "hw:b", "ours": "hw:b"}, {"django": "nope", "ours": "nope"}, None):
        form = Both(data)
        form.is_valid()

        assert _markup(form, "ours") == _markup(form, "django")


def test_long_select_escapes_labels_and_values():
    html = LongSelect(choices=[('"><script>', "<b>bold</b>")]).render("x", None)

    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
