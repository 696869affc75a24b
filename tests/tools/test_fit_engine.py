import json
import time

import pytest

from tools.fit import (
    COMFORTABLE,
    TRADE_OFFS,
    WONT_RUN,
    BenchmarkObservation,
    estimate,
    evidence_label,
    request_from_dict,
)
from tools.fit.reference import (
    DEEPSEEK_V3,
    LLAMA_3_8B,
    LLAMA_3_70B,
    MIXTRAL_8X7B,
    QWEN3_30B_A3B,
    RTX_4090,
    RTX_5090,
)
from tools.fit.reference import example_request as request

GIB = 2**30
NO_RAM = dict(RTX_4090, system_ram_gb=None)


def test_llama_3_8b_q4_on_a_4090_runs_comfortably_on_the_gpu():
    result = estimate(request(context=8192))

    assert result.verdict == COMFORTABLE
    assert result.placement == "all-gpu"
    assert result.gpu_layers == 32
    assert 90 < result.decode_tokens_per_s.expected < 170
    assert result.decode_tokens_per_s.low < result.decode_tokens_per_s.expected
    assert result.decode_tokens_per_s.expected < result.decode_tokens_per_s.high


@pytest.mark.parametrize("card", [RTX_4090, RTX_5090])
def test_70b_q4_k_m_does_not_fit_one_24_or_32_gb_card_without_offload(card):
    result = estimate(request(model=LLAMA_3_70B, hardware=card, context=8192))

    assert result.placement in ("partial-offload", "does-not-fit")
    assert result.verdict in (TRADE_OFFS, WONT_RUN)
    assert 0 < result.gpu_layers < 80
    assert result.decode_tokens_per_s.expected < 10


def test_70b_without_system_ram_info_wont_run_and_says_what_is_missing():
    result = estimate(request(model=LLAMA_3_70B, hardware=NO_RAM, context=8192))

    assert result.verdict == WONT_RUN
    assert "hardware.system_ram_gb" in result.unknowns
    assert any("System RAM is unknown" in reason for reason in result.reasons)


def test_apple_16_gb_offers_about_two_thirds_to_the_gpu():
    result = estimate(request(hardware={"kind": "apple", "memory_gb": 16, "bandwidth_gbs": 120}))

    assert result.memory.usable / GIB == pytest.approx(16 * 2 / 3, rel=0.01)
    assert any("2/3" in note for note in result.assumptions)


def test_apple_large_macs_offer_three_quarters_and_the_limit_can_be_raised():
    default = estimate(request(hardware={"kind": "apple", "memory_gb": 64, "bandwidth_gbs": 400}))
    raised = estimate(
        request(
            hardware={
                "kind": "apple",
                "memory_gb": 64,
                "bandwidth_gbs": 400,
                "apple_gpu_limit_gb": 56,
            }
        )
    )

    assert default.memory.usable / GIB == pytest.approx(48)
    assert raised.memory.usable / GIB == pytest.approx(56)


def test_mac_that_needs_a_higher_gpu_limit_gets_the_sysctl_hint():
    mac = {"kind": "apple", "memory_gb": 48, "bandwidth_gbs": 400}

    result = estimate(request(model=LLAMA_3_70B, hardware=mac, context=4096))

    assert result.placement == "partial-offload"
    assert result.commands["macos_gpu_limit"].startswith("sudo sysctl iogpu.wired_limit_mb=")


def test_two_24_gb_cards_with_llama_cpp_add_capacity_not_speed():
    one = estimate(request(model=LLAMA_3_70B, context=8192))
    two = estimate(request(model=LLAMA_3_70B, hardware=dict(RTX_4090, count=2), context=8192))
    small_one = estimate(request())
    small_two = estimate(request(hardware=dict(RTX_4090, count=2)))

    assert one.placement == "partial-offload"
    assert two.placement == "all-gpu"
    assert small_two.decode_tokens_per_s.expected < small_one.decode_tokens_per_s.expected
    assert small_two.decode_tokens_per_s.expected > 0.85 * small_one.decode_tokens_per_s.expected
    assert "--tensor-split 1,1" in two.commands["llama.cpp"]


def test_vllm_tensor_parallel_is_faster_than_one_card_but_not_twice():
    card = {"kind": "gpu", "memory_gb": 48, "bandwidth_gbs": 768, "fp16_tflops": 155}
    one = estimate(request(model=LLAMA_3_70B, quant="AWQ-INT4", runtime="vllm", hardware=card))
    two = estimate(
        request(model=LLAMA_3_70B, quant="AWQ-INT4", runtime="vllm", hardware=dict(card, count=2))
    )

    speedup = two.decode_tokens_per_s.expected / one.decode_tokens_per_s.expected
    assert one.placement == "all-gpu"
    assert 1.5 < speedup < 1.9
    assert "--tensor-parallel-size 2" in two.commands["vllm"]


def test_vllm_cannot_offload_so_an_oversized_model_wont_run():
    result = estimate(request(model=LLAMA_3_70B, quant="AWQ-INT4", runtime="vllm"))

    assert result.verdict == WONT_RUN
    assert any("cannot offload" in reason for reason in result.reasons)


def test_quantized_kv_cache_halves_kv_memory_and_adds_flags():
    f16 = estimate(request(context=8192))
    q8 = estimate(request(context=8192, kv_cache_type="q8_0"))

    assert q8.memory.kv_cache / f16.memory.kv_cache == pytest.approx(0.53, abs=0.01)
    assert "-ctk q8_0 -ctv q8_0" in q8.commands["llama.cpp"]
    assert "-fa on" in q8.commands["llama.cpp"]
    assert "OLLAMA_KV_CACHE_TYPE=q8_0" in q8.commands["ollama_server_env"]


def test_mixtral_decodes_at_the_speed_of_its_active_parameters():
    big = dict(RTX_4090, memory_gb=80, bandwidth_gbs=2039, device_class="nvidia-consumer")
    mixtral = estimate(request(model=MIXTRAL_8X7B, hardware=big))
    dense = estimate(
        request(
            model=dict(MIXTRAL_8X7B, active_params_b=None, experts=None, experts_per_token=None),
            hardware=big,
        )
    )

    ratio = mixtral.decode_tokens_per_s.expected / dense.decode_tokens_per_s.expected
    assert 2.0 < ratio < 46.7 / 12.9


def test_qwen3_30b_a3b_with_experts_on_cpu_fits_a_small_gpu():
    card = dict(RTX_4090, memory_gb=8, bandwidth_gbs=448)

    plain = estimate(request(model=QWEN3_30B_A3B, hardware=card))
    experts = estimate(request(model=QWEN3_30B_A3B, hardware=card, moe_experts_on_cpu=True))

    assert plain.placement == "partial-offload"
    assert experts.placement == "experts-on-cpu"
    assert experts.gpu_layers == 48
    assert 0 < experts.cpu_moe_layers <= 48
    assert f"--n-cpu-moe {experts.cpu_moe_layers}" in experts.commands["llama.cpp"]
    assert experts.decode_tokens_per_s.expected > plain.decode_tokens_per_s.expected


def test_deepseek_v3_mla_kv_cache_is_small_but_weights_need_a_server():
    server = {"kind": "gpu", "memory_gb": 80, "bandwidth_gbs": 3350, "fp16_tflops": 989, "count": 8}

    result = estimate(request(model=DEEPSEEK_V3, hardware=server, context=32768))

    assert result.memory.kv_cache == pytest.approx(576 * 2 * 61 * 32768)
    assert result.placement == "all-gpu"
    assert result.decode_tokens_per_s.expected > 5


def test_cpu_only_machine_runs_a_small_model_from_ram():
    cpu = {"kind": "cpu", "memory_gb": 32, "bandwidth_gbs": 90, "fp16_tflops": 2}

    result = estimate(request(hardware=cpu))

    assert result.placement == "cpu-only"
    assert result.gpu_layers == 0
    assert result.memory.overhead == 0
    assert 5 < result.decode_tokens_per_s.expected < 25
    assert "-ngl 0" in result.commands["llama.cpp"]


def test_cpu_only_machine_too_small_wont_run():
    cpu = {"kind": "cpu", "memory_gb": 16, "bandwidth_gbs": 60}

    assert estimate(request(model=LLAMA_3_70B, hardware=cpu)).verdict == WONT_RUN


def test_missing_bandwidth_gives_no_speed_and_says_so():
    result = estimate(request(hardware={"kind": "gpu", "memory_gb": 24}))

    assert result.decode_tokens_per_s is None
    assert result.ttft_s is None
    assert "hardware.bandwidth_gbs" in result.unknowns
    assert "hardware.fp16_tflops" in result.unknowns


def test_missing_kv_heads_assumes_full_attention_and_says_so():
    model = dict(LLAMA_3_8B, kv_heads=None)

    result = estimate(request(model=model))

    assert "kv_heads" in result.unknowns
    assert result.memory.kv_cache == pytest.approx(4 * estimate(request()).memory.kv_cache)


def test_max_context_is_capped_by_the_model_and_shrinks_on_small_cards():
    roomy = estimate(request(context=4096))
    small = estimate(
        request(
            model=dict(LLAMA_3_8B, max_context=131072),
            context=4096,
            hardware=dict(RTX_4090, memory_gb=8, bandwidth_gbs=448),
        )
    )

    assert roomy.max_context == 8192
    assert 4096 <= small.max_context < 131072
    bigger = estimate(
        request(
            model=dict(LLAMA_3_8B, max_context=131072),
            context=small.max_context + 4096,
            hardware=dict(RTX_4090, memory_gb=8, bandwidth_gbs=448),
        )
    )
    assert bigger.placement != "all-gpu"


def test_best_quant_is_the_highest_quality_that_runs_comfortably():
    small_card = dict(RTX_4090, memory_gb=8, bandwidth_gbs=448)

    assert estimate(request(hardware=dict(RTX_4090, memory_gb=48))).best_quant == "F16"
    assert estimate(request(hardware=small_card)).best_quant == "Q6_K"
    assert estimate(request(model=LLAMA_3_70B, hardware=RTX_4090)).best_quant == "IQ2_XXS"


def test_ttft_is_prompt_over_prefill_plus_one_decode_step():
    result = estimate(request(prompt_tokens=2048))

    expected = 2048 / result.prefill_tokens_per_s.expected + 1 / result.decode_tokens_per_s.expected
    assert result.ttft_s.expected == pytest.approx(expected)
    assert result.ttft_s.low < result.ttft_s.expected < result.ttft_s.high


def test_deeper_cache_slows_decoding():
    shallow = estimate(request(context=8192, depth=0))
    deep = estimate(request(context=8192, depth=8192))

    assert deep.decode_tokens_per_s.expected < shallow.decode_tokens_per_s.expected


def test_commands_use_given_names_or_placeholders():
    named = estimate(request(model_tag="llama3:8b", model_file="Meta-Llama-3-8B.Q4_K_M.gguf"))
    unnamed = estimate(request(context=16384, model=dict(LLAMA_3_8B, max_context=131072)))

    assert named.commands["ollama"].startswith("ollama run llama3:8b")
    assert "-m Meta-Llama-3-8B.Q4_K_M.gguf -ngl 33" in named.commands["llama.cpp"]
    assert "<model-tag>" in unnamed.commands["ollama"]
    assert "/set parameter num_ctx 16384" in unnamed.commands["ollama"]
    assert "-c 16384" in unnamed.commands["llama.cpp"]
    assert "Context Length: 16384" in unnamed.commands["lm-studio"]


def test_partial_offload_commands_set_the_gpu_layers():
    result = estimate(request(model=LLAMA_3_70B))

    assert f"-ngl {result.gpu_layers} " in result.commands["llama.cpp"]
    assert f"/set parameter num_gpu {result.gpu_layers}" in result.commands["ollama"]
    assert f"GPU Offload: {result.gpu_layers} / 80 layers" in result.commands["lm-studio"]


def test_to_dict_is_json_ready_with_the_public_keys():
    data = estimate(request()).to_dict()

    json.dumps(data)
    assert set(data) >= {
        "verdict",
        "placement",
        "gpu_layers",
        "memory",
        "decode_tokens_per_s",
        "prefill_tokens_per_s",
        "ttft_s",
        "max_context",
        "best_quant",
        "evidence",
        "assumptions",
        "reasons",
        "commands",
    }
    assert set(data["memory"]) >= {
        "weights_gb",
        "kv_cache_gb",
        "compute_gb",
        "overhead_gb",
        "total_gb",
        "usable_gb",
        "total_bytes",
    }
    assert set(data["decode_tokens_per_s"]) == {"low", "expected", "high"}
    assert data["evidence"] == "estimated"


def test_request_from_dict_parses_the_batch_shape():
    data = {
        "model": dict(LLAMA_3_8B, sliding_window=None, unknown_key="ignored"),
        "quant": "Q4_K_M",
        "context": 4096,
        "depth": 0,
        "prompt_tokens": 512,
        "kv_cache_type": "f16",
        "runtime": "llama.cpp",
        "backend": "cuda",
        "hardware": {
            "kind": "gpu",
            "memory_gb": 24,
            "bandwidth_gbs": 1008,
            "fp16_tflops": 165,
            "count": 1,
            "system_ram_gb": 64,
            "system_ram_bandwidth_gbs": 80,
        },
    }

    result = estimate(request_from_dict(data))

    assert result.verdict == COMFORTABLE


def test_evidence_label_prefers_exact_reproduced_measurements():
    def seen(**fields):
        base = {
            "model_key": "llama-3-8b",
            "quant": "Q4_K_M",
            "hardware_key": "rtx-4090",
            "runtime": "llama.cpp",
            "decode_tokens_per_s": 130.0,
            "source": "test",
        }
        return BenchmarkObservation(**(base | fields))

    def label(observations):
        return evidence_label(
            observations=observations,
            model_key="llama-3-8b",
            quant="Q4_K_M",
            hardware_key="rtx-4090",
            runtime="llama.cpp",
        )

    assert label([]) == "estimated"
    assert label([seen(hardware_key="rtx-3090")]) == "estimated"
    assert label([seen(reproduced=False)]) == "community"
    assert label([seen(quant="Q8_0")]) == "measured-near"
    assert label([seen(quant="Q8_0"), seen()]) == "measured"


def test_an_estimate_takes_well_under_a_millisecond():
    requests = [
        request(),
        request(model=LLAMA_3_70B),
        request(model=MIXTRAL_8X7B, moe_experts_on_cpu=True),
    ]

    started = time.perf_counter()
    for _ in range(100):
        for item in requests:
            estimate(item)
    per_call = (time.perf_counter() - started) / 300

    assert per_call < 0.001
