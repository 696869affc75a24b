from django import forms

from . import consent


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=consent.current_text(),
        required=True,
        error_messages={"required": "Tick the box to agree to receive the digest."},
    )
    # Where the form was shown; stored in the consent record.
    page = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_page(self):
        page = self.cleaned_data["page"]
        # A path on this site only; anything else is noise or tampering.
        if not page.startswith("/") or page.startswith("//"):
            return "/newsletter/"
        return page

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
