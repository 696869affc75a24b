from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Benchmark, ModelFile, Quantization


def test_checker_uses_the_exact_file_size_when_the_catalog_knows_it(
    client, llama, rtx_3060, q4_k_m
):
    ModelFile.objects.create(model=llama, quantization=q4_k_m, size_bytes=4_920_734_272)

    response = client.get(
        "/api/v1/will-it-run", {"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060"}
    )

    data = response.json()
    on_device_and_host = data["memory"]["weights_bytes"] + data["memory"]["host_weights_bytes"]
    assert abs(on_device_and_host - 4_920_734_272) <= 2  # each part is rounded to whole bytes
    assert not any("bits per weight" in line for line in data["assumptions"])


def test_model_files_are_part_of_a_models_revision(llama, q4_k_m):
    from editorial import snapshots

    ModelFile.objects.create(model=llama, quantization=q4_k_m, size_bytes=123)

    assert snapshots.capture(llama)["children"]["files"][0]["size_bytes"] == 123


@pytest.fixture
def f16(db):
    return Quantization.objects.create(
        name="F16", slug="f16", format="gguf", bits_per_weight=Decimal("16")
    )


def _benchmark(model, quantization, hardware, **fields):
    return Benchmark(
        slug="b",
        model=model,
        quantization=quantization,
        hardware=hardware,
        backend="cuda",
        test="tg128",
        decode_tokens_per_s=Decimal("3"),
        run_date_note="Not stated.",
        source_url="https://example.com/run",
        source_kind="community",
        **fields,
    )


def test_a_benchmark_that_cannot_fit_its_hardware_must_be_marked_offloaded(
    llama_70b, rtx_3060, f16
):
    with pytest.raises(ValidationError, match="partly offloaded"):
        _benchmark(llama_70b, f16, rtx_3060).full_clean()

    _benchmark(llama_70b, f16, rtx_3060, offloaded=True).full_clean()


def test_a_benchmark_that_fits_needs_no_offload_mark(llama, rtx_3060, q4_k_m):
    _benchmark(llama, q4_k_m, rtx_3060).full_clean()
