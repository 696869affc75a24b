from django import forms

from .models import ErrorCategory
from .models.fields import PLATFORM_NAMES, RUNTIME_NAMES


class ErrorFilterForm(forms.Form):
    """The errors index filter: a GET form, so every filtered list has a URL."""

    q = forms.CharField(label="Error text", max_length=200, required=False, strip=True)
    category = forms.ChoiceField(
        choices=[("", "All categories"), *ErrorCategory.choices], required=False
    )
    runtime = forms.ChoiceField(
        choices=[("", "All runtimes"), *RUNTIME_NAMES.items()], required=False
    )
    platform = forms.ChoiceField(
        choices=[("", "All platforms"), *PLATFORM_NAMES.items()], required=False
    )

    def apply(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.matching(data["q"])
        if data["category"]:
            queryset = queryset.filter(category=data["category"])
        if data["runtime"]:
            queryset = queryset.filter(runtimes__contains=[data["runtime"]])
        if data["platform"]:
            queryset = queryset.filter(platforms__contains=[data["platform"]])
        return queryset


class ErrorFeedbackForm(forms.Form):
    """“Did this fix it?” — yes/no, an optional comment, and a field only bots fill in."""

    helped = forms.TypedChoiceField(
        label="Did this fix it?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="What happened? (optional)",
        max_length=1000,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="No personal details, please: editors read this to improve the entry.",
    )
    # Hidden from people by CSS and from assistive technology; bots fill it in.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
