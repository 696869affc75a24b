"""
Query budgets at catalog scale: every page costs the same number of queries
with the shipped catalog as with one ten times its size.
"""

import itertools

from django.utils import timezone

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
from editorial.models import Status

from .helpers import queries_for

PAGES = [
    "/models/",
    "/models/?size=small&sort=-size&page=2",
    "/models/llama-3-1-8b/",
    "/models/qwen-2-5-14b/?price=under-1000",
    "/hardware/",
    "/hardware/?kind=build",
    "/hardware/nvidia-geforce-rtx-3060/",
    "/hardware/dual-rtx-3090/",
    "/hardware/leaderboard/",
    "/tools/",
    "/tools/ollama/",
    "/compatibility/",
    "/benchmarks/",
    "/benchmarks/?backend=cuda&sort=newest",
    "/compare/",
    "/compare/hardware/nvidia-geforce-rtx-3060-vs-nvidia-geforce-rtx-3090/",
]


def _published(**fields):
    now = timezone.now()
    return {"status": Status.PUBLISHED, "published_at": now, "reviewed_at": now, **fields}


def grow_catalog(factor=10):
    """Add (factor - 1) × the shipped catalog's size in generated, published rows."""
    family = ModelFamily.objects.first()
    lab = family.organization
    vendor = Organization.objects.filter(kind="vendor").first()
    quant = Quantization.objects.get(name="Q4_K_M")
    template = AIModel.objects.get(slug="llama-3-1-8b")
    count = itertools.count()
    extra = factor - 1

    models = AIModel.objects.bulk_create(
        AIModel(
            **_published(
                name=f"Generated model {n}",
                slug=f"generated-model-{n}",
                family=family,
                organization=lab,
                params_b=template.params_b,
                layers=template.layers,
                attention_heads=template.attention_heads,
                kv_heads=template.kv_heads,
                head_dim=template.head_dim,
                hidden_size=template.hidden_size,
                vocab_size=template.vocab_size,
                attention_kind=template.attention_kind,
                context_length=template.context_length,
                license="test",
                summary="Generated.",
            )
        )
        for n in (next(count) for _ in range(AIModel.objects.count() * extra))
    )
    hardware = Hardware.objects.bulk_create(
        Hardware(
            **_published(
                name=f"Generated GPU {n}",
                slug=f"generated-gpu-{n}",
                kind="gpu",
                vendor=vendor,
                memory_gb=8 + n % 40,
                bandwidth_gbs=300 + n % 700,
                fp16_tflops=50,
                tdp_w=250,
                price_usd=200 + n % 3000,
                summary="Generated.",
            )
        )
        for n in (next(count) for _ in range(Hardware.objects.count() * extra))
    )
    builds = Build.objects.bulk_create(
        Build(**_published(name=f"Generated build {n}", slug=f"generated-build-{n}", summary="."))
        for n in (next(count) for _ in range(Build.objects.count() * extra))
    )
    BuildItem.objects.bulk_create(
        BuildItem(build=build, hardware=hardware[i], count=2) for i, build in enumerate(builds)
    )
    Software.objects.bulk_create(
        Software(
            **_published(
                name=f"Generated runner {n}",
                slug=f"generated-runner-{n}",
                kind="runner",
                platforms=["linux"],
                summary=".",
            )
        )
        for n in (next(count) for _ in range(Software.objects.count() * extra))
    )
    rtx3060 = Hardware.objects.get(slug="nvidia-geforce-rtx-3060")
    llama = AIModel.objects.get(slug="llama-3-1-8b")
    Benchmark.objects.bulk_create(
        Benchmark(
            **_published(
                slug=f"generated-benchmark-{n}",
                model=llama if n % 2 else models[n % len(models)],
                quantization=quant,
                hardware=rtx3060 if n % 3 else hardware[n % len(hardware)],
                backend="cuda",
                test="tg128",
                decode_tokens_per_s=10 + n % 90,
                run_date=timezone.localdate(),
                source_url="https://example.com/generated",
                source_kind="community",
            )
        )
        for n in (next(count) for _ in range(Benchmark.objects.count() * extra))
    )


def test_every_catalog_page_costs_the_same_queries_at_ten_times_the_shipped_size(
    shipped_module, client, db
):
    benchmark = Benchmark.objects.filter(hardware__isnull=False).first()
    pages = [*PAGES, benchmark.get_absolute_url()]
    shipped = {url: queries_for(client, url) for url in pages}

    grow_catalog(factor=10)
    grown = {url: queries_for(client, url) for url in pages}

    assert grown == shipped
    assert max(shipped.values()) <= 10
    assert AIModel.objects.published().count() >= 600
