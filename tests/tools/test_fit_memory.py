import pytest

from tools.fit import ModelSpec, estimate
from tools.fit.memory import MIB, compute_buffer_bytes, geometry, kv_cache_bytes
from tools.fit.reference import (
    DEEPSEEK_V3,
    GEMMA_3_27B,
    LLAMA_3_8B,
    LLAMA_3_70B,
    MIXTRAL_8X7B,
)
from tools.fit.reference import (
    example_request as request,
)


def kv(model: dict, context: int, kv_type: str = "f16") -> float:
    spec = ModelSpec(**model)
    return kv_cache_bytes(model=spec, geo=geometry(spec), context=context, kv_cache_type=kv_type)


def test_llama_3_8b_kv_cache_at_8192_f16_is_exactly_1024_mib():
    assert kv(LLAMA_3_8B, 8192) == 1024 * MIB


def test_llama_3_3_70b_kv_cache_is_320_kib_per_token():
    assert kv(LLAMA_3_70B, 1) == 320 * 1024


def test_kv_uses_kv_heads_not_attention_heads():
    mha = dict(LLAMA_3_8B, kv_heads=32)

    assert kv(mha, 4096) == 4 * kv(LLAMA_3_8B, 4096)


def test_quantized_kv_cache_roughly_halves_and_quarters_memory():
    f16 = kv(LLAMA_3_8B, 8192)

    assert kv(LLAMA_3_8B, 8192, "q8_0") == pytest.approx(f16 * 34 / 64)
    assert kv(LLAMA_3_8B, 8192, "q4_0") == pytest.approx(f16 * 18 / 64)


def test_sliding_window_layers_stop_growing_at_the_window():
    at_32k = kv(GEMMA_3_27B, 32768)
    at_64k = kv(GEMMA_3_27B, 65536)
    no_window = kv(dict(GEMMA_3_27B, sliding_window=None, sliding_window_layers=0), 65536)

    per_token_layer = 2 * 16 * 128 * 2
    assert at_64k - at_32k == pytest.approx(per_token_layer * 10 * 32768)
    assert at_64k < no_window / 4


def test_mla_stores_latent_plus_rope_per_layer():
    assert kv(DEEPSEEK_V3, 1) == (512 + 64) * 61 * 2


def test_hybrid_models_keep_kv_only_in_attention_layers():
    hybrid = dict(LLAMA_3_8B, attention="hybrid", kv_layers=8)

    assert kv(hybrid, 8192) == kv(LLAMA_3_8B, 8192) / 4


def test_compute_buffer_matches_llama_cpp_load_logs_for_llama_3_8b():
    geo = geometry(ModelSpec(**LLAMA_3_8B))

    at_8192 = compute_buffer_bytes(
        geo=geo, context=8192, ubatch=512, flash_attention=False, split_devices=1
    )
    at_512 = compute_buffer_bytes(
        geo=geo, context=512, ubatch=512, flash_attention=False, split_devices=1
    )
    per_device_split = compute_buffer_bytes(
        geo=geo, context=8192, ubatch=512, flash_attention=False, split_devices=4
    )

    assert at_8192 / MIB == pytest.approx(560, rel=0.01)
    assert at_512 / MIB == pytest.approx(258.5, rel=0.01)
    assert per_device_split / MIB == pytest.approx(640, rel=0.01)


def test_compute_buffer_grows_with_context_unless_flash_attention_removes_scores():
    geo = geometry(ModelSpec(**LLAMA_3_8B))

    def buffer(context: int, flash: bool) -> float:
        return compute_buffer_bytes(
            geo=geo, context=context, ubatch=512, flash_attention=flash, split_devices=1
        )

    assert buffer(32768, False) > 3 * buffer(8192, False)
    assert buffer(32768, True) < buffer(32768, False) / 5


def test_weights_use_effective_bits_not_nominal_bits():
    result = estimate(request(quant="Q4_K_M"))

    whole_file = result.memory.weights + result.memory.host_weights
    assert whole_file > 8.03e9 * 4 / 8 * 1.15


def test_exact_file_size_wins_over_the_estimate():
    model = dict(LLAMA_3_8B, file_size_bytes=5_000_000_000)

    result = estimate(request(model=model))

    assert result.memory.weights + result.memory.host_weights == pytest.approx(5e9)


def test_moe_weights_count_all_experts():
    result = estimate(request(model=MIXTRAL_8X7B, quant="Q4_K_M"))

    assert result.memory.weights + result.memory.host_weights > 46.7e9 * 4.8 / 8


def test_one_fixed_overhead_per_device():
    one = estimate(request())
    two = estimate(
        request(hardware={"kind": "gpu", "memory_gb": 24, "bandwidth_gbs": 1008, "count": 2})
    )

    assert two.memory.overhead == pytest.approx(2 * one.memory.overhead)
    assert one.memory.overhead / 2**30 == pytest.approx(0.45)
