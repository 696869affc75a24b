"""
GET filter forms for the catalog indexes.

Choices come from one query per list, shared by rendering and validation, so
a form costs the same number of queries however large the catalog. Invalid
values produce a field error and are ignored; the page still renders.
"""

from django import forms

from runlocalai.widgets import LongSelect

from .models import Build, Hardware, ModelFamily, Organization, Quantization, Software
from .models.ai_models import SizeBand
from .models.benchmarks import Backend
from .models.hardware import HardwareKind, PriceBand
from .models.software import SoftwareKind

ANY = [("", "Any")]
YES_NO = [("", "Any"), ("yes", "Allowed"), ("no", "Not allowed or unclear")]
MODALITIES = [("text", "Text"), ("image", "Image"), ("audio", "Audio"), ("video", "Video")]
BUILD = "build"


class FilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Model, device and software lists run long; see LongSelect.
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = LongSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                field.widget.is_required = field.required

    def filters(self):
        """The valid, non-empty values; call after is_valid()."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class ModelFilterForm(FilterForm):
    SORTS = {
        "name": ("name",),
        "size": ("params_b", "name"),
        "-size": ("-params_b", "name"),
        "context": ("-context_length", "name"),
        "newest": ("-release_date", "name"),
        "verdict": ("-verdict_score", "name"),
    }

    q = forms.CharField(label="Name contains", required=False, max_length=60)
    family = forms.ChoiceField(required=False)
    size = forms.ChoiceField(label="Size", choices=ANY + SizeBand.choices, required=False)
    commercial = forms.ChoiceField(label="Commercial use", choices=YES_NO, required=False)
    modality = forms.ChoiceField(label="Input", choices=ANY + MODALITIES, required=False)
    min_context = forms.IntegerField(
        label="Min context (tokens)", required=False, min_value=0, max_value=100_000_000
    )
    sort = forms.ChoiceField(
        choices=[
            ("name", "Name"),
            ("size", "Smallest first"),
            ("-size", "Largest first"),
            ("context", "Longest context"),
            ("newest", "Newest"),
            ("verdict", "Verdict"),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = ANY + list(
            ModelFamily.objects.order_by("name").values_list("slug", "name")
        )

    def apply(self, queryset):
        data = self.filters()
        if "q" in data:
            queryset = queryset.filter(name__icontains=data["q"])
        if "family" in data:
            queryset = queryset.filter(family__slug=data["family"])
        if "size" in data:
            queryset = queryset.in_size_band(data["size"])
        if "commercial" in data:
            if data["commercial"] == "yes":
                queryset = queryset.filter(commercial_use=True)
            else:
                queryset = queryset.exclude(commercial_use=True)
        if "modality" in data:
            queryset = queryset.filter(modalities__contains=[data["modality"]])
        if "min_context" in data:
            queryset = queryset.filter(context_length__gte=data["min_context"])
        return queryset.order_by(*self.SORTS[data.get("sort", "name")])


class HardwareFilterForm(FilterForm):
    SORTS = {
        "name": ("name",),
        "memory": ("-memory_gb", "name"),
        "bandwidth": ("-bandwidth_gbs", "name"),
        "price": ("price_usd", "name"),
        "newest": ("-release_date", "name"),
    }

    q = forms.CharField(label="Name contains", required=False, max_length=60)
    kind = forms.ChoiceField(
        choices=ANY + HardwareKind.choices + [(BUILD, "Multi-device builds")], required=False
    )
    vendor = forms.ChoiceField(required=False)
    min_memory = forms.DecimalField(
        label="Min memory (GB)", required=False, min_value=0, max_value=4096, decimal_places=1
    )
    price = forms.ChoiceField(label="Price band", choices=ANY + PriceBand.choices, required=False)
    sort = forms.ChoiceField(
        choices=[
            ("name", "Name"),
            ("memory", "Most memory"),
            ("bandwidth", "Most bandwidth"),
            ("price", "Lowest price"),
            ("newest", "Newest"),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vendors = Organization.objects.filter(kind="vendor").order_by("name")
        self.fields["vendor"].choices = ANY + list(vendors.values_list("slug", "name"))

    @property
    def wants_builds(self):
        return self.filters().get("kind") == BUILD

    def apply(self, queryset):
        data = self.filters()
        if "q" in data:
            queryset = queryset.filter(name__icontains=data["q"])
        if data.get("kind") not in (None, BUILD):
            queryset = queryset.filter(kind=data["kind"])
        if "vendor" in data:
            queryset = queryset.filter(vendor__slug=data["vendor"])
        if "min_memory" in data:
            queryset = queryset.filter(memory_gb__gte=data["min_memory"])
        if "price" in data:
            queryset = queryset.in_price_band(data["price"])
        return queryset.order_by(*self.SORTS[data.get("sort", "name")])

    def apply_to_builds(self, queryset):
        data = self.filters()
        if "q" in data:
            queryset = queryset.filter(name__icontains=data["q"])
        if "price" in data:
            from .models.hardware import PRICE_BANDS

            low, high = PRICE_BANDS[data["price"]]
            queryset = queryset.filter(price_usd__gte=low, price_usd__lt=high)
        if data.get("sort") == "price":
            return queryset.order_by("price_usd", "name")
        return queryset.order_by("name")


class RunsOnForm(FilterForm):
    price = forms.ChoiceField(label="Price band", choices=ANY + PriceBand.choices, required=False)


class SoftwareFilterForm(FilterForm):
    kind = forms.ChoiceField(choices=ANY + SoftwareKind.choices, required=False)
    platform = forms.ChoiceField(
        choices=ANY + [("linux", "Linux"), ("macos", "macOS"), ("windows", "Windows")],
        required=False,
    )
    backend = forms.ChoiceField(choices=ANY + Backend.choices, required=False)

    def apply(self, queryset):
        data = self.filters()
        if "kind" in data:
            queryset = queryset.filter(kind=data["kind"])
        if "platform" in data:
            queryset = queryset.filter(platforms__contains=[data["platform"]])
        if "backend" in data:
            queryset = queryset.filter(backends__contains=[data["backend"]])
        return queryset


class BenchmarkFilterForm(FilterForm):
    SORTS = {
        "decode": ("-decode_tokens_per_s", "pk"),
        "prefill": ("-prefill_tokens_per_s", "pk"),
        "newest": ("-run_date", "pk"),
        "model": ("model__name", "-decode_tokens_per_s", "pk"),
    }

    model = forms.ChoiceField(required=False)
    hardware = forms.ChoiceField(required=False)
    software = forms.ChoiceField(required=False)
    backend = forms.ChoiceField(choices=ANY + Backend.choices, required=False)
    quant = forms.ChoiceField(label="Quantization", required=False)
    sort = forms.ChoiceField(
        choices=[
            ("decode", "Fastest decode"),
            ("prefill", "Fastest prefill"),
            ("newest", "Newest run"),
            ("model", "Model"),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from .models import AIModel

        super().__init__(*args, **kwargs)
        self.fields["model"].choices = ANY + list(
            AIModel.objects.published().order_by("name").values_list("slug", "name")
        )
        self.fields["hardware"].choices = ANY + device_choices()
        self.fields["software"].choices = ANY + list(
            Software.objects.published().order_by("name").values_list("slug", "name")
        )
        self.fields["quant"].choices = ANY + list(
            Quantization.objects.order_by("name").values_list("slug", "name")
        )

    def apply(self, queryset):
        data = self.filters()
        if "model" in data:
            queryset = queryset.filter(model__slug=data["model"])
        if "hardware" in data:
            queryset = queryset.filter_device(data["hardware"])
        if "software" in data:
            queryset = queryset.filter(software__slug=data["software"])
        if "backend" in data:
            queryset = queryset.filter(backend=data["backend"])
        if "quant" in data:
            queryset = queryset.filter(quantization__slug=data["quant"])
        return queryset.order_by(*self.SORTS[data.get("sort", "decode")])


def device_choices():
    """Published devices and builds as (slug, name) choices: two queries."""
    hardware = list(Hardware.objects.published().order_by("name").values_list("slug", "name"))
    builds = list(Build.objects.published().order_by("name").values_list("slug", "name"))
    return hardware + [(slug, f"{name} (build)") for slug, name in builds]


class CompareForm(forms.Form):
    a = forms.ChoiceField(label="First")
    b = forms.ChoiceField(label="Second")
    c = forms.ChoiceField(label="Third (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = device_choices()
        self.fields["a"].choices = [("", "Choose…")] + choices
        self.fields["b"].choices = [("", "Choose…")] + choices
        self.fields["c"].choices = [("", "None")] + choices

    def clean(self):
        cleaned = super().clean()
        slugs = [cleaned.get(key) for key in ("a", "b", "c") if cleaned.get(key)]
        if len(slugs) != len(set(slugs)):
            raise forms.ValidationError("Pick different items to compare.")
        return cleaned

    def slugs(self):
        return [self.cleaned_data[key] for key in ("a", "b", "c") if self.cleaned_data.get(key)]
