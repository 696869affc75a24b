"""Factories for catalog rows, published through the shipped-content door unless asked not to."""

import datetime
import itertools

import pytest

from catalog.models import (
    AIModel,
    Benchmark,
    Build,
    BuildItem,
    Hardware,
    ModelFamily,
    Organization,
    Quantization,
    Software,
)
from catalog.models.offers import AffiliateOffer
from editorial.models import Person

_numbers = itertools.count(1)


def _publish(obj, draft):
    if not draft:
        obj.publish_shipped(team=Person.team())
    obj.sources.create(url="https://example.com/source", title="Spec", accessed="2026-01-01")
    return obj


@pytest.fixture
def vendor(db):
    return Organization.objects.create(name="Nvidia", slug="nvidia", kind="vendor")


@pytest.fixture
def lab(db):
    return Organization.objects.create(name="Meta", slug="meta", kind="lab")


@pytest.fixture
def family(lab):
    return ModelFamily.objects.create(name="Llama 3", slug="llama-3", organization=lab)


@pytest.fixture
def q4(db):
    return Quantization.objects.get_or_create(
        slug="q4-k-m", defaults={"name": "Q4_K_M", "format": "gguf", "bits_per_weight": "4.89"}
    )[0]


LLAMA_8B = {
    "params_b": "8.03",
    "layers": 32,
    "attention_heads": 32,
    "kv_heads": 8,
    "head_dim": 128,
    "hidden_size": 4096,
    "vocab_size": 128256,
    "attention_kind": "gqa",
    "context_length": 131072,
}


@pytest.fixture
def make_model(family, lab):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("name", f"Test model {number}")
        fields.setdefault("slug", f"test-model-{number}")
        for key, value in LLAMA_8B.items():
            fields.setdefault(key, value)
        fields.setdefault("modalities", ["text"])
        fields.setdefault("license", "Llama 3.1 Community License")
        fields.setdefault("summary", "A test model.")
        model = AIModel.objects.create(family=family, organization=lab, **fields)
        return _publish(model, draft)

    return make


@pytest.fixture
def make_hardware(vendor):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("name", f"Test GPU {number}")
        fields.setdefault("slug", f"test-gpu-{number}")
        fields.setdefault("kind", "gpu")
        fields.setdefault("memory_gb", 24)
        fields.setdefault("bandwidth_gbs", 936)
        fields.setdefault("fp16_tflops", 71)
        fields.setdefault("tdp_w", 350)
        fields.setdefault("summary", "A test GPU.")
        hardware = Hardware(vendor=vendor, **fields)
        hardware.save()
        return _publish(hardware, draft)

    return make


@pytest.fixture
def make_build(make_hardware):
    def make(*, draft=False, hardware=None, count=2, **fields):
        number = next(_numbers)
        fields.setdefault("name", f"Test build {number}")
        fields.setdefault("slug", f"test-build-{number}")
        fields.setdefault("summary", "Two test GPUs.")
        build = Build.objects.create(**fields)
        BuildItem.objects.create(build=build, hardware=hardware or make_hardware(), count=count)
        return _publish(build, draft)

    return make


@pytest.fixture
def make_software(db):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("name", f"Test runner {number}")
        fields.setdefault("slug", f"test-runner-{number}")
        fields.setdefault("kind", "runner")
        fields.setdefault("platforms", ["linux", "macos"])
        fields.setdefault("backends", ["cuda", "metal"])
        fields.setdefault("model_formats", ["gguf", "safetensors (import)"])
        fields.setdefault("install", {"linux": "curl -fsSL https://example.com/install.sh | sh"})
        fields.setdefault("summary", "A test runner.")
        return _publish(Software.objects.create(**fields), draft)

    return make


@pytest.fixture
def make_benchmark(make_model, make_hardware, q4):
    def make(*, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("slug", f"test-benchmark-{number}")
        if "model" not in fields:
            fields["model"] = make_model()
        if "hardware" not in fields and "build" not in fields:
            fields["hardware"] = make_hardware()
        fields.setdefault("quantization", q4)
        fields.setdefault("backend", "cuda")
        fields.setdefault("test", "tg128")
        fields.setdefault("decode_tokens_per_s", "100.5")
        fields.setdefault("run_date", datetime.date(2025, 6, 1))
        fields.setdefault("source_url", "https://example.com/bench")
        fields.setdefault("source_kind", "community")
        return _publish(Benchmark.objects.create(**fields), draft)

    return make


@pytest.fixture
def make_offer(db):
    def make(device, *, draft=False, **fields):
        number = next(_numbers)
        fields.setdefault("slug", f"offer-{number}")
        fields.setdefault("retailer", "Example Store")
        fields.setdefault("url", "https://shop.example.com/item")
        fields.setdefault("price", "799.00")
        fields.setdefault("seen", datetime.date(2026, 1, 10))
        key = "build" if isinstance(device, Build) else "hardware"
        offer = AffiliateOffer.objects.create(**{key: device}, **fields)
        if not draft:
            offer.publish_shipped(team=Person.team())
        return offer

    return make
