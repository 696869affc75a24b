import pytest

from tools.fit import (
    FitInputError,
    HardwareSpec,
    ModelSpec,
    estimate,
    lookup_quant,
    request_from_dict,
)
from tools.fit.reference import LLAMA_3_8B, RTX_4090
from tools.fit.reference import example_request as request


def batch(**overrides):
    data = {"model": dict(LLAMA_3_8B), "quant": "Q4_K_M", "hardware": dict(RTX_4090)}
    for key, value in overrides.items():
        if key.startswith("model__"):
            data["model"][key.removeprefix("model__")] = value
        elif key.startswith("hardware__"):
            data["hardware"][key.removeprefix("hardware__")] = value
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"model__params_b": -8}, "params_b"),
        ({"model__layers": 0}, "layers"),
        ({"model__layers": 32.5}, "layers"),
        ({"model__kv_heads": 64}, "kv_heads"),
        ({"model__active_params_b": 9.0}, "active_params_b"),
        ({"hardware__memory_gb": 0}, "hardware.memory_gb"),
        ({"hardware__memory_gb": -24}, "hardware.memory_gb"),
        ({"hardware__bandwidth_gbs": float("nan")}, "hardware.bandwidth_gbs"),
        ({"hardware__count": 0}, "hardware.count"),
        ({"hardware__kind": "tpu"}, "hardware.kind"),
        ({"context": 10_000_001}, "context"),
        ({"context": 0}, "context"),
        ({"depth": -1}, "depth"),
        ({"kv_cache_type": "q2"}, "kv_cache_type"),
        ({"runtime": "tensorrt"}, "runtime"),
        ({"quant": "Q9_X"}, "quant"),
        ({"quant": "EXL2-12bpw"}, "quant"),
        ({"context": "4096"}, "context"),
        ({"context": True}, "context"),
        ({"runtime": "mlx"}, "runtime"),
        ({"backend": "metal"}, "backend"),
    ],
)
def test_invalid_inputs_raise_fit_input_error_naming_the_field(overrides, field):
    with pytest.raises(FitInputError) as error:
        request_from_dict(batch(**overrides))

    assert error.value.field == field
    assert isinstance(error.value, ValueError)


def test_missing_layers_is_named():
    data = batch()
    del data["model"]["layers"]

    with pytest.raises(FitInputError, match="layers"):
        request_from_dict(data)


def test_missing_hardware_section_is_named():
    with pytest.raises(FitInputError, match="hardware"):
        request_from_dict({"model": dict(LLAMA_3_8B)})


def test_missing_kv_geometry_is_named():
    model = dict(LLAMA_3_8B, kv_heads=None, attention_heads=None, head_dim=None)

    with pytest.raises(FitInputError, match="kv_heads"):
        estimate(request(model=model))


def test_mla_needs_its_latent_rank():
    with pytest.raises(FitInputError, match="kv_lora_rank"):
        ModelSpec(**dict(LLAMA_3_8B, attention="mla"))


def test_experts_on_cpu_needs_expert_counts():
    with pytest.raises(FitInputError, match="experts"):
        request(model=dict(LLAMA_3_8B, params_b=47, active_params_b=13), moe_experts_on_cpu=True)


def test_apple_limit_only_on_macs():
    with pytest.raises(FitInputError, match="apple_gpu_limit_gb"):
        HardwareSpec(kind="gpu", memory_gb=24, apple_gpu_limit_gb=20)


def test_quant_names_accept_aliases_and_exl2_bits():
    assert lookup_quant("q4_k_m").name == "Q4_K_M"
    assert lookup_quant("fp16").name == "F16"
    assert lookup_quant("EXL2-4.65bpw").bits_per_weight == pytest.approx(4.65)
    assert lookup_quant("Q8_0").bits_per_weight == 8.5
    assert 4.85 <= lookup_quant("Q4_K_M").bits_per_weight <= 4.89
