from django import forms

from catalog.models import AIModel

from .forms import CUSTOM, QUANT_CHOICES, ModelSlugField, hardware_choices, language_models
from .models import APIPrice, GPURental

TOKENS = "tokens"
HOURS = "hours"
USAGE_MODES = [(TOKENS, "Tokens per day"), (HOURS, "Hours of generation per day")]
MAX_TOKENS_PER_DAY = 10_000_000_000
MAX_PRICE_USD = 1_000_000


class CostForm(forms.Form):
    """
    One model on one machine against the cloud. A GET form: every result is a permalink.

    Nothing numeric is guessed for the reader: the hardware's price and power draw
    come from the catalog when it knows them, and the page asks for them otherwise.
    """

    model = ModelSlugField(
        queryset=AIModel.objects.none(), to_field_name="slug", empty_label="Choose a model…"
    )
    quant = forms.ChoiceField(
        label="Quantization", choices=QUANT_CHOICES, initial="Q4_K_M", required=False
    )
    hardware = forms.ChoiceField(label="Hardware", choices=())
    count = forms.IntegerField(
        label="How many of these GPUs", min_value=1, max_value=16, initial=1, required=False
    )
    system_ram_gb = forms.IntegerField(
        label="System RAM for offload (GB)",
        min_value=1,
        max_value=4096,
        required=False,
        help_text="Lets a model too big for the GPU run partly from RAM (slowly).",
    )
    system_ram_bandwidth_gbs = forms.DecimalField(
        label="System RAM bandwidth (GB/s)",
        min_value=1,
        max_value=2000,
        required=False,
        help_text="For the speed of offloaded layers; dual-channel DDR5-5600 is 89.6 GB/s.",
    )
    price_usd = forms.DecimalField(
        label="Purchase price (USD)",
        min_value=1,
        max_value=MAX_PRICE_USD,
        decimal_places=2,
        required=False,
        help_text="Leave empty to use the catalog price.",
    )
    resale_usd = forms.DecimalField(
        label="Resale value at the end (USD)",
        min_value=0,
        max_value=MAX_PRICE_USD,
        decimal_places=2,
        required=False,
        help_text="What you expect to sell it for; empty counts as nothing.",
    )
    power_watts = forms.IntegerField(
        label="Power draw while generating (W)",
        min_value=1,
        max_value=20_000,
        required=False,
        help_text="Leave empty to use the catalog TDP, when it has one.",
    )
    electricity_per_kwh = forms.DecimalField(
        label="Electricity price (USD per kWh)",
        min_value=0,
        max_value=5,
        decimal_places=4,
        help_text="From your bill.",
    )
    usage_mode = forms.ChoiceField(
        label="Measure use in", choices=USAGE_MODES, initial=TOKENS, required=False
    )
    tokens_per_day = forms.IntegerField(
        label="Tokens per day (input + output)",
        min_value=1,
        max_value=MAX_TOKENS_PER_DAY,
        required=False,
    )
    hours_per_day = forms.DecimalField(
        label="Hours of generation per day",
        min_value=0.1,
        max_value=24,
        decimal_places=2,
        required=False,
    )
    input_share = forms.IntegerField(
        label="Input share (% of tokens that are prompt)",
        min_value=0,
        max_value=100,
        initial=50,
        required=False,
        help_text="Chat is often half and half; retrieval and long documents are mostly input.",
    )
    months = forms.IntegerField(
        label="Ownership period (months)", min_value=1, max_value=120, initial=36, required=False
    )
    apis = forms.MultipleChoiceField(
        label="Pay-per-token APIs", required=False, widget=forms.CheckboxSelectMultiple
    )
    rentals = forms.MultipleChoiceField(
        label="Rented GPUs", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, api_prices=(), rental_prices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = language_models()
        self.fields["hardware"].choices = [
            choice for choice in hardware_choices() if choice[0] != CUSTOM
        ]
        self.api_prices = {price.slug: price for price in api_prices}
        self.rental_prices = {price.slug: price for price in rental_prices}
        self.fields["apis"].choices = [(p.slug, str(p)) for p in api_prices]
        self.fields["rentals"].choices = [(p.slug, str(p)) for p in rental_prices]

    def clean(self):
        data = super().clean()
        mode = data.get("usage_mode") or TOKENS
        data["usage_mode"] = mode
        needed = {
            TOKENS: ("tokens_per_day", "How many tokens a day? Or measure use in hours."),
            HOURS: ("hours_per_day", "How many hours a day? Or measure use in tokens."),
        }
        name, message = needed.get(mode, needed[TOKENS])
        if not data.get(name) and name not in self.errors:
            self.add_error(name, message)
        price, resale = data.get("price_usd"), data.get("resale_usd")
        if price is not None and resale is not None and resale > price:
            self.add_error("resale_usd", "The resale value cannot exceed the purchase price.")
        # Optional fields fall back to the defaults the page shows.
        data["quant"] = data.get("quant") or "Q4_K_M"
        data["count"] = data.get("count") or 1
        data["months"] = data.get("months") or 36
        if data.get("input_share") is None:
            data["input_share"] = 50
        data["resale_usd"] = data.get("resale_usd") or 0
        # No box ticked means every published option, so a bare permalink compares all.
        data["apis"] = [self.api_prices[s] for s in data.get("apis") or self.api_prices]
        data["rentals"] = [self.rental_prices[s] for s in data.get("rentals") or self.rental_prices]
        return data


def published_prices():
    """Published API and rental prices, two queries, for the form and the result."""
    apis = list(APIPrice.objects.published().select_related("served_model"))
    rentals = list(GPURental.objects.published().select_related("hardware__vendor"))
    return apis, rentals
