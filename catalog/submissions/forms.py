"""
The benchmark submission form: what a reader may send, and what makes it acceptable.

Each catalog choice has a "not listed" escape with a free-text name, so a reader
is never forced to pick something wrong; reviewers map those names later. The
pasted output is parsed here: numbers left empty are filled from it, and typed
numbers that disagree with it are refused with both values named.
"""

import datetime

from django import forms
from django.utils import timezone

from ..models import AIModel, Build, Hardware, Quantization, Software
from ..models.benchmarks import Backend
from ..models.software import SoftwareKind
from . import parsers

NOT_LISTED = ""
EARLIEST_RUN = datetime.date(2023, 1, 1)
HARDWARE, BUILD = "hardware", "build"


def _described(label, max_length, help_text):
    return forms.CharField(
        label=label, required=False, max_length=max_length, help_text=help_text, strip=True
    )


class BenchmarkSubmissionForm(forms.Form):
    model = forms.ModelChoiceField(
        queryset=AIModel.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Not listed (name it below)",
    )
    model_described = _described(
        "Model, if not listed", 200, "As the file or tag names it, e.g. “Qwen3-14B-Instruct”."
    )
    quantization = forms.ModelChoiceField(
        queryset=Quantization.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Not listed (name it below)",
    )
    quantization_described = _described("Quantization, if not listed", 60, "E.g. “IQ3_XXS”.")
    device = forms.ChoiceField(label="Hardware", required=False)
    hardware_described = _described(
        "Hardware, if not listed", 200, "Exact model and memory, e.g. “RTX 4060 Ti 16 GB”."
    )
    software = forms.ModelChoiceField(
        queryset=Software.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Not listed (name it below)",
    )
    software_described = _described("Software, if not listed", 120, "")
    # Required, but llama-bench output states it: checked in clean() after reading the log.
    software_version = forms.CharField(
        max_length=120,
        required=False,
        help_text="As it reports itself, e.g. “b6123” or “0.12.3”.",
    )
    backend = forms.ChoiceField(choices=Backend.choices)
    os = forms.CharField(label="Operating system", max_length=120, help_text="E.g. “Ubuntu 24.04”.")
    driver = forms.CharField(
        label="Driver", max_length=120, required=False, help_text="E.g. “NVIDIA 575.64, CUDA 12.9”."
    )
    context = forms.IntegerField(
        label="Context (tokens)",
        required=False,
        min_value=1,
        max_value=10_000_000,
        help_text="The context size the run was started with (-c / num_ctx), if set.",
    )
    offloaded = forms.BooleanField(
        label="Part of the model or KV cache was in system RAM", required=False
    )
    run_date = forms.DateField(
        label="Run date", widget=forms.DateInput(attrs={"type": "date"}), help_text="YYYY-MM-DD."
    )
    decode_tokens_per_s = forms.DecimalField(
        label="Decode (tok/s)",
        required=False,
        min_value=0.01,
        max_value=100_000,
        decimal_places=2,
        help_text="Token generation: tg128 in llama-bench, “eval rate” in Ollama.",
    )
    prefill_tokens_per_s = forms.DecimalField(
        label="Prefill (tok/s)",
        required=False,
        min_value=0.01,
        max_value=10_000_000,
        decimal_places=2,
        help_text="Prompt processing: pp512 in llama-bench, “prompt eval rate” in Ollama.",
    )
    vram_used_gb = forms.DecimalField(
        label="VRAM used (GiB)",
        required=False,
        min_value=0.01,
        max_value=100_000,
        decimal_places=3,
        help_text="Optional, e.g. from nvidia-smi while the model was loaded.",
    )
    command = forms.CharField(
        label="Exact command",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text="The command you ran, e.g. “llama-bench -m model.gguf -ngl 99”.",
    )
    raw_output = forms.CharField(
        label="Raw output",
        min_length=20,
        max_length=parsers.MAX_LOG_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Paste everything the benchmark printed: llama-bench (table or -o json), "
        "ollama run --verbose, or llama.cpp timings.",
    )
    notes = forms.CharField(
        label="Anything else reviewers should know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Only for questions about this benchmark; never shown or shared.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = AIModel.objects.published().only("name", "slug")
        self.fields["quantization"].queryset = Quantization.objects.only("name", "slug")
        self.fields["software"].queryset = (
            Software.objects.published()
            .exclude(kind=SoftwareKind.AGENT)
            .order_by("name")
            .only("name", "slug")
        )
        hardware = list(Hardware.objects.published().order_by("name").values_list("slug", "name"))
        builds = list(Build.objects.published().order_by("name").values_list("slug", "name"))
        self.fields["device"].choices = [
            (NOT_LISTED, "Not listed (describe it below)"),
            ("Devices", [(f"{HARDWARE}:{slug}", name) for slug, name in hardware]),
            ("Builds", [(f"{BUILD}:{slug}", name) for slug, name in builds]),
        ]
        self.parsed = parsers.NOT_RECOGNISED
        self.reconciled = None

    WHAT_RAN = (
        "model",
        "model_described",
        "quantization",
        "quantization_described",
        "device",
        "hardware_described",
        "software",
        "software_described",
        "software_version",
        "backend",
        "os",
        "driver",
        "context",
        "offloaded",
        "run_date",
    )

    @property
    def what_ran(self):
        """The set-up fields, in order, for the form's first group."""
        return [self[name] for name in self.WHAT_RAN]

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def clean_run_date(self):
        run_date = self.cleaned_data["run_date"]
        if run_date > timezone.localdate():
            raise forms.ValidationError("The run date cannot be in the future.")
        if run_date < EARLIEST_RUN:
            raise forms.ValidationError(f"Runs before {EARLIEST_RUN:%Y-%m-%d} are not accepted.")
        return run_date

    def clean(self):
        data = super().clean()
        self._require_choice_or_name("model", "model_described", "the model")
        self._require_choice_or_name("quantization", "quantization_described", "the quantization")
        self._require_choice_or_name("device", "hardware_described", "the hardware")
        self._require_choice_or_name("software", "software_described", "the software")
        self._check_against_log(data)
        return data

    def clean_device(self):
        value = self.cleaned_data["device"]
        if not value:
            return None
        kind, _, slug = value.partition(":")
        rows = Hardware if kind == HARDWARE else Build
        return rows.objects.published().filter(slug=slug).first()

    def _require_choice_or_name(self, field, described, what):
        if field in self.errors or described in self.errors:
            return
        if not self.cleaned_data.get(field) and not self.cleaned_data.get(described):
            self.add_error(field, f"Choose {what}, or pick “not listed” and name it below.")

    def _check_against_log(self, data):
        if "raw_output" not in data:
            return
        self.parsed = parsers.parse(data["raw_output"])
        fields = {parsers.DECODE: "decode_tokens_per_s", parsers.PREFILL: "prefill_tokens_per_s"}
        if any(name in self.errors for name in fields.values()):
            return
        self.reconciled = parsers.reconcile(
            self.parsed,
            decode=data.get("decode_tokens_per_s"),
            prefill=data.get("prefill_tokens_per_s"),
        )
        for kind, message in self.reconciled.errors.items():
            self.add_error(fields[kind], message)
        for kind, name in fields.items():
            if kind not in self.reconciled.errors:
                data[name] = self.reconciled.values[kind]
        if not self.reconciled.errors and not any(data.get(name) for name in fields.values()):
            self.add_error(
                "decode_tokens_per_s",
                "Give the decode or prefill speed (or both); the pasted output states neither.",
            )
        if not data.get("software_version") and self.parsed.version:
            data["software_version"] = self.parsed.version
        if not data.get("software_version") and "software_version" not in self.errors:
            self.add_error("software_version", "Give the software version the run used.")


def read_log(post_data):
    """
    The "Read my output" step: the form again, with empty numbers filled from the log.

    Nothing is validated or stored; the reader checks the numbers and submits.
    """
    values = {key: post_data.get(key, "") for key in BenchmarkSubmissionForm.base_fields}
    values["offloaded"] = bool(post_data.get("offloaded"))
    parsed = parsers.parse(post_data.get("raw_output", "")[: parsers.MAX_LOG_CHARS])
    for kind, name in (
        (parsers.DECODE, "decode_tokens_per_s"),
        (parsers.PREFILL, "prefill_tokens_per_s"),
    ):
        found = parsed.of_kind(kind)
        if not values[name].strip() and len({m.tokens_per_s for m in found}) == 1:
            values[name] = str(found[0].tokens_per_s)
    if not values["software_version"].strip() and parsed.version:
        values["software_version"] = parsed.version
    return BenchmarkSubmissionForm(initial=values), parsed
