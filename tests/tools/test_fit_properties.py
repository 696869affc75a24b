from hypothesis import given, settings
from hypothesis import strategies as st

from tools.fit import COMFORTABLE, TRADE_OFFS, WONT_RUN, FitInputError, estimate, request_from_dict

RANK = {WONT_RUN: 0, TRADE_OFFS: 1, COMFORTABLE: 2}

models = st.fixed_dictionaries(
    {
        "params_b": st.floats(0.1, 700),
        "layers": st.integers(1, 128),
        "attention_heads": st.sampled_from([8, 16, 32, 64, 128]),
        "kv_heads": st.sampled_from([1, 2, 4, 8]),
        "head_dim": st.sampled_from([64, 128, 256]),
        "hidden_size": st.integers(256, 16384),
        "vocab_size": st.integers(1000, 300000),
    },
    optional={
        "active_params_b": st.floats(0.1, 40),
        "sliding_window": st.integers(128, 8192),
        "max_context": st.integers(512, 1_000_000),
    },
)
hardware = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["gpu", "apple", "cpu"]),
        "memory_gb": st.floats(1, 512),
        "bandwidth_gbs": st.floats(50, 4000),
    },
    optional={
        "fp16_tflops": st.floats(1, 1000),
        "system_ram_gb": st.floats(4, 1024),
        "system_ram_bandwidth_gbs": st.floats(10, 49),
    },
)
requests = st.fixed_dictionaries(
    {
        "model": models,
        "hardware": hardware,
        "quant": st.sampled_from(
            ["Q4_K_M", "Q8_0", "F16", "Q2_K", "IQ4_XS", "MLX-4bit", "AWQ-INT4", "EXL2-4.5bpw"]
        ),
        "context": st.integers(1, 2_000_000),
        "kv_cache_type": st.sampled_from(["f16", "q8_0", "q4_0"]),
        "runtime": st.sampled_from(["llama.cpp", "ollama", "mlx", "vllm", "exllama"]),
    },
    optional={"depth": st.integers(0, 100_000), "prompt_tokens": st.integers(0, 100_000)},
)


def build(data):
    try:
        return request_from_dict(data)
    except FitInputError:
        return None


@settings(max_examples=300, deadline=None)
@given(requests)
def test_random_bounded_inputs_only_ever_raise_fit_input_error(data):
    request = build(data)
    if request is None:
        return

    result = estimate(request)

    memory = result.memory
    assert min(memory.weights, memory.kv_cache, memory.compute, memory.overhead) >= 0
    assert result.verdict in RANK
    for speed in (result.decode_tokens_per_s, result.prefill_tokens_per_s, result.ttft_s):
        assert speed is None or 0 < speed.low <= speed.expected <= speed.high


@settings(max_examples=200, deadline=None)
@given(requests, st.integers(1, 100_000))
def test_more_context_never_needs_less_memory(data, extra):
    request = build(data)
    if request is None or request.context + extra > 10_000_000:
        return
    longer = build(dict(data, context=request.context + extra))

    assert estimate(longer).memory.total >= estimate(request).memory.total


@settings(max_examples=200, deadline=None)
@given(requests, st.floats(1, 512))
def test_more_memory_never_makes_the_verdict_worse(data, extra_gb):
    request = build(data)
    if request is None:
        return
    bigger_hardware = dict(data["hardware"], memory_gb=data["hardware"]["memory_gb"] + extra_gb)
    if data["hardware"]["kind"] == "apple" and "system_ram_gb" in bigger_hardware:
        bigger_hardware.pop("system_ram_gb")
    bigger = build(dict(data, hardware=bigger_hardware))
    if bigger is None:
        return

    assert RANK[estimate(bigger).verdict] >= RANK[estimate(request).verdict]
