from django import forms
from django.db.models import CharField, Value

from catalog.models import AIModel, Build, Hardware
from runlocalai.widgets import LongSelect
from tools.fit.inputs import KV_CACHE_TYPES, MAX_CONTEXT_TOKENS
from tools.fit.quants import EXL2_LADDER, GGUF_LADDER, MLX_LADDER, VLLM_LADDER

CUSTOM = "custom"
BUILD = "build"  # the kind a build gets in the combined device list
RUNTIMES = [
    ("llama.cpp", "llama.cpp"),
    ("ollama", "Ollama"),
    ("lm-studio", "LM Studio"),
    ("llamafile", "llamafile"),
    ("mlx", "MLX (Apple only)"),
    ("vllm", "vLLM (GPUs)"),
    ("exllama", "ExLlamaV2 / TabbyAPI (GPUs)"),
]
QUANT_CHOICES = [
    ("GGUF (llama.cpp, Ollama, LM Studio)", [(q, q) for q in GGUF_LADDER]),
    ("MLX", [(q, q) for q in MLX_LADDER if q != "BF16"]),
    ("vLLM", [(q, q) for q in VLLM_LADDER]),
    ("EXL2", [(q, q) for q in EXL2_LADDER]),
]
CONTEXT_CHOICES = [2048, 4096, 8192, 16384, 32768, 65536, 131072]
HARDWARE_KINDS = [("gpu", "GPU"), ("apple", "Apple silicon (unified memory)"), ("cpu", "CPU only")]


def language_models():
    return AIModel.objects.published().exclude(attention_kind="").select_related("family")


def model_choices(empty_label):
    """The model <select>'s options, labelled "name (family)", from one narrow query."""
    rows = language_models().values_list("slug", "name", "family__name")
    return [("", empty_label), *((slug, f"{name} ({family})") for slug, name, family in rows)]


def hardware_choices():
    """Catalog devices and builds, grouped by kind, as "hw:<slug>" / "build:<slug>" values."""
    kinds = dict(Hardware._meta.get_field("kind").flatchoices)
    # One query for both tables: every checker form pays for this list.
    devices = Hardware.objects.published().values_list("slug", "name", "kind")
    builds = (
        Build.objects.published()
        .annotate(kind=Value(BUILD, output_field=CharField()))
        .values_list("slug", "name", "kind")
    )
    groups = {}
    build_choices = []
    for slug, name, kind in devices.union(builds, all=True).order_by("name", "slug"):
        if kind == BUILD:
            build_choices.append((f"build:{slug}", name))
        else:
            groups.setdefault(kinds[kind], []).append((f"hw:{slug}", name))
    return [
        ("", "Choose hardware…"),
        *groups.items(),
        ("Multi-GPU builds", build_choices),
        (CUSTOM, "Custom numbers (below)"),
    ]


class ModelSlugField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.family.name})"


class WillItRunForm(forms.Form):
    """One model on one set-up. A GET form: every result is a shareable URL."""

    model = ModelSlugField(
        queryset=AIModel.objects.none(),
        to_field_name="slug",
        empty_label="Choose a model…",
        widget=LongSelect,
    )
    quant = forms.ChoiceField(
        label="Quantization", choices=QUANT_CHOICES, initial="Q4_K_M", required=False
    )
    context = forms.IntegerField(
        label="Context length (tokens)",
        min_value=256,
        max_value=MAX_CONTEXT_TOKENS,
        initial=8192,
        required=False,
        widget=forms.NumberInput(attrs={"list": "context-presets", "step": 256}),
    )
    kv_cache_type = forms.ChoiceField(
        label="KV cache type",
        choices=[(kind, kind) for kind in KV_CACHE_TYPES],
        initial="f16",
        required=False,
    )
    runtime = forms.ChoiceField(choices=RUNTIMES, initial="llama.cpp", required=False)
    hardware = forms.ChoiceField(label="Hardware", choices=(), widget=LongSelect)
    count = forms.IntegerField(
        label="How many of these GPUs", min_value=1, max_value=16, initial=1, required=False
    )
    system_ram_gb = forms.IntegerField(
        label="System RAM for offload (GB)",
        min_value=1,
        max_value=4096,
        required=False,
        help_text="Leave empty to consider GPU memory only.",
    )
    system_ram_bandwidth_gbs = forms.DecimalField(
        label="System RAM bandwidth (GB/s)",
        min_value=1,
        max_value=2000,
        required=False,
        help_text="For the speed of offloaded layers; dual-channel DDR5-5600 is 89.6 GB/s.",
    )
    # Custom numbers, used when hardware is "custom".
    custom_kind = forms.ChoiceField(
        label="Kind", choices=HARDWARE_KINDS, required=False, initial="gpu"
    )
    custom_memory_gb = forms.DecimalField(
        label="Memory per device (GB)", min_value=1, max_value=4096, required=False
    )
    custom_bandwidth_gbs = forms.DecimalField(
        label="Memory bandwidth (GB/s)", min_value=1, max_value=100_000, required=False
    )
    custom_fp16_tflops = forms.DecimalField(
        label="FP16 TFLOPS (optional)", min_value=0.1, max_value=100_000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = language_models()
        # Validation still loads the chosen model whole; the list itself needs
        # three columns, not hundreds of full model rows.
        self.fields["model"].widget.choices = model_choices(self.fields["model"].empty_label)
        self.fields["hardware"].choices = hardware_choices()

    def clean(self):
        data = super().clean()
        if data.get("hardware") == CUSTOM:
            for name in ("custom_memory_gb", "custom_bandwidth_gbs"):
                if not data.get(name):
                    self.add_error(name, "Needed for custom hardware.")
            if data.get("custom_kind") not in dict(HARDWARE_KINDS):
                self.add_error("custom_kind", "Choose GPU, Apple silicon or CPU.")
        # Optional fields fall back to the defaults the page shows.
        data["quant"] = data.get("quant") or "Q4_K_M"
        data["context"] = data.get("context") or 8192
        data["kv_cache_type"] = data.get("kv_cache_type") or "f16"
        data["runtime"] = data.get("runtime") or "llama.cpp"
        data["count"] = data.get("count") or 1
        return data


USE_CASES = {
    "chat": ("Chat", 8192),
    "coding": ("Coding agent", 32768),
    "documents": ("Long documents", 65536),
    "vision": ("Vision (image + text)", 8192),
}
OPERATING_SYSTEMS = [("linux", "Linux"), ("windows", "Windows"), ("macos", "macOS")]


class CustomBuildForm(forms.Form):
    """Describe a machine; the checker sorts every catalog model by how well it runs."""

    gpu = forms.ChoiceField(label="GPU or chip", choices=(), widget=LongSelect)
    gpu_count = forms.IntegerField(label="How many", min_value=1, max_value=16, initial=1)
    system_ram_gb = forms.IntegerField(
        label="System RAM (GB)", min_value=4, max_value=4096, initial=32
    )
    os = forms.ChoiceField(label="Operating system", choices=OPERATING_SYSTEMS, initial="linux")
    runtime = forms.ChoiceField(choices=RUNTIMES, initial="llama.cpp")
    use_case = forms.ChoiceField(
        label="Main use",
        choices=[(key, label) for key, (label, _) in USE_CASES.items()],
        initial="chat",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gpu"].choices = [
            choice for choice in hardware_choices() if choice[0] not in (CUSTOM,)
        ]

    def clean(self):
        data = super().clean()
        gpu = data.get("gpu", "")
        if data.get("os") == "macos" and gpu and "apple" not in gpu:
            self.add_error("gpu", "On macOS, choose an Apple chip.")
        if data.get("runtime") == "mlx" and gpu and "apple" not in gpu:
            self.add_error("runtime", "MLX runs only on Apple silicon.")
        return data
