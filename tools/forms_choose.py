from django import forms

from . import choose

CONDITIONS = [("new", "New"), ("used", "Used is fine")]
OPERATING_SYSTEMS = [
    ("any", "No preference"),
    ("linux", "Linux"),
    ("windows", "Windows"),
    ("macos", "macOS"),
]
FORMS = [
    ("desktop", "Desktop or small PC"),
    ("laptop", "Laptop"),
    ("any", "No preference (includes server cards)"),
]
POWER = [
    ("any", "No limit"),
    ("quiet", f"Quiet / low power (listed TDP ≤ {choose.QUIET_MAX_TDP_W} W)"),
]
TELL_ME = ""


class ChooseForm(forms.Form):
    """The four questions. A GET form: every shortlist is a shareable URL.

    Choices come from the catalog the view already loaded, so validating and
    rendering the form costs no queries of its own.
    """

    budget = forms.IntegerField(
        label="Budget (USD)",
        min_value=100,
        max_value=100_000,
        required=False,
        help_text="Leave empty for no limit.",
    )
    condition = forms.ChoiceField(
        label="New or used", choices=CONDITIONS, initial="new", required=False
    )
    use = forms.ChoiceField(
        label="Main use",
        choices=[(key, use.label) for key, use in choose.USE_CASES.items()],
        initial="chat",
        widget=forms.RadioSelect,
    )
    model = forms.ChoiceField(label="Largest model you want to run well", required=False)
    os = forms.ChoiceField(
        label="Operating system", choices=OPERATING_SYSTEMS, initial="any", required=False
    )
    form = forms.ChoiceField(label="Machine", choices=FORMS, initial="desktop", required=False)
    power = forms.ChoiceField(label="Noise and power", choices=POWER, initial="any", required=False)
    owned = forms.ChoiceField(label="A GPU you already own", required=False)

    def __init__(self, *args, catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        models = sorted(catalog.models.values(), key=lambda m: (m.params_b, m.name))
        self.fields["model"].choices = [
            (TELL_ME, "Tell me what the best pick can run"),
            ("Language models", [(m.slug, m.name) for m in models if m.spec is not None]),
            ("Image models", [(m.slug, m.name) for m in models if m.makes_images]),
        ]
        gpus = sorted(
            (c for c in catalog.candidates if c.kind == "gpu" and not c.is_build),
            key=lambda c: c.name,
        )
        self.fields["owned"].choices = [("", "Nothing yet"), *[(c.slug, c.name) for c in gpus]]

    def clean(self):
        data = super().clean()
        use = choose.USE_CASES.get(data.get("use"))
        target = self.catalog.models.get(data.get("model") or "")
        if use is not None and target is not None and not choose.fits_use(target, use):
            kind = "an image model" if use.kind == choose.IMAGE else "a language model"
            self.add_error("model", f"{use.label} needs {kind}, or “tell me”.")
        if data.get("os") == "macos" and data.get("owned"):
            self.add_error("owned", "A GPU can't be added to a Mac: choose “Nothing yet”.")
        return data

    def answers(self):
        data = self.cleaned_data
        return choose.Answers(
            use=data["use"],
            budget_usd=data.get("budget"),
            condition=data.get("condition") or "new",
            target=data.get("model") or TELL_ME,
            os=data.get("os") or "any",
            form=data.get("form") or "desktop",
            power=data.get("power") or "any",
            owned=data.get("owned") or "",
        )
