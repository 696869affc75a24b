from django import forms

from .models import Category


class TermFilterForm(forms.Form):
    q = forms.CharField(label="Filter terms", max_length=100, required=False, strip=True)
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All categories",
    )
