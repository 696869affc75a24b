from decimal import Decimal

import pytest

from catalog.models import (
    AIModel,
    Benchmark,
    Build,
    Hardware,
    ModelFamily,
    Organization,
    Quantization,
)
from editorial.models import Person


def _publish(obj):
    obj.publish_shipped(team=Person.team())
    return obj


@pytest.fixture
def meta(db):
    return Organization.objects.create(name="Meta", slug="meta", kind="lab")


@pytest.fixture
def nvidia(db):
    return Organization.objects.create(name="NVIDIA", slug="nvidia", kind="vendor")


@pytest.fixture
def make_llm(meta):
    """A published language model; Llama 3.1 8B's published architecture by default."""
    family = ModelFamily.objects.create(name="Llama 3.x", slug="llama-3", organization=meta)

    def make(**fields):
        defaults = {
            "name": "Llama 3.1 8B",
            "slug": "llama-3-1-8b",
            "family": family,
            "organization": meta,
            "params_b": Decimal("8.03"),
            "layers": 32,
            "attention_heads": 32,
            "kv_heads": 8,
            "head_dim": 128,
            "hidden_size": 4096,
            "vocab_size": 128256,
            "attention_kind": "gqa",
            "context_length": 131072,
            "license": "Llama 3.1 Community License",
            "summary": "A small dense model.",
            "ollama_tag": "llama3.1:8b",
        }
        return _publish(AIModel.objects.create(**{**defaults, **fields}))

    return make


@pytest.fixture
def llama(make_llm):
    return make_llm()


@pytest.fixture
def llama_70b(make_llm):
    return make_llm(
        name="Llama 3.3 70B",
        slug="llama-3-3-70b",
        params_b=Decimal("70.55"),
        layers=80,
        attention_heads=64,
        hidden_size=8192,
        ollama_tag="llama3.3:70b",
    )


@pytest.fixture
def make_gpu(nvidia):
    def make(**fields):
        defaults = {
            "name": "NVIDIA GeForce RTX 3060",
            "slug": "nvidia-geforce-rtx-3060",
            "kind": "gpu",
            "vendor": nvidia,
            "memory_gb": Decimal("12"),
            "bandwidth_gbs": Decimal("360"),
            "fp16_tflops": Decimal("51.2"),
            "summary": "A 12 GB Ampere card.",
        }
        return _publish(Hardware.objects.create(**{**defaults, **fields}))

    return make


@pytest.fixture
def rtx_3060(make_gpu):
    return make_gpu()


@pytest.fixture
def rtx_4090(make_gpu):
    return make_gpu(
        name="NVIDIA GeForce RTX 4090",
        slug="nvidia-geforce-rtx-4090",
        memory_gb=Decimal("24"),
        bandwidth_gbs=Decimal("1008"),
        fp16_tflops=Decimal("330"),
    )


@pytest.fixture
def dual_4090(rtx_4090):
    build = Build.objects.create(name="Dual RTX 4090", slug="dual-rtx-4090", summary="Two cards.")
    build.items.create(hardware=rtx_4090, count=2)
    return _publish(build)


@pytest.fixture
def q4_k_m(db):
    return Quantization.objects.create(
        name="Q4_K_M", slug="q4-k-m", format="gguf", bits_per_weight=Decimal("4.89")
    )


@pytest.fixture
def measured_3060(llama, rtx_3060, q4_k_m):
    return _publish(
        Benchmark.objects.create(
            slug="llama-3060-tg",
            model=llama,
            quantization=q4_k_m,
            hardware=rtx_3060,
            backend="cuda",
            test="tg128",
            decode_tokens_per_s=Decimal("58.1"),
            run_date_note="Not stated by the source.",
            source_url="https://example.com/bench",
            source_kind="community",
        )
    )
