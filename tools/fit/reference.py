"""
Reference architectures and set-ups from public config.json files and spec
sheets: the worked examples of the methodology page and the fit-engine tests.
"""

from typing import Any

from tools.fit.inputs import FitRequest, HardwareSpec, ModelSpec

LLAMA_3_8B = {
    "params_b": 8.03,
    "layers": 32,
    "attention_heads": 32,
    "kv_heads": 8,
    "head_dim": 128,
    "hidden_size": 4096,
    "vocab_size": 128256,
    "max_context": 8192,
}
LLAMA_3_70B = {
    "params_b": 70.55,
    "layers": 80,
    "attention_heads": 64,
    "kv_heads": 8,
    "head_dim": 128,
    "hidden_size": 8192,
    "vocab_size": 128256,
    "max_context": 131072,
}
MIXTRAL_8X7B = {
    "params_b": 46.7,
    "active_params_b": 12.9,
    "layers": 32,
    "attention_heads": 32,
    "kv_heads": 8,
    "head_dim": 128,
    "hidden_size": 4096,
    "vocab_size": 32000,
    "experts": 8,
    "experts_per_token": 2,
    "max_context": 32768,
}
QWEN3_30B_A3B = {
    "params_b": 30.5,
    "active_params_b": 3.3,
    "layers": 48,
    "attention_heads": 32,
    "kv_heads": 4,
    "head_dim": 128,
    "hidden_size": 2048,
    "vocab_size": 151936,
    "experts": 128,
    "experts_per_token": 8,
    "max_context": 40960,
}
DEEPSEEK_V3 = {
    "params_b": 671,
    "active_params_b": 37,
    "layers": 61,
    "attention": "mla",
    "attention_heads": 128,
    "head_dim": 192,
    "hidden_size": 7168,
    "vocab_size": 129280,
    "kv_lora_rank": 512,
    "qk_rope_head_dim": 64,
    "experts": 256,
    "experts_per_token": 8,
    "max_context": 163840,
}
GEMMA_3_27B = {
    "params_b": 27.0,
    "layers": 62,
    "attention_heads": 32,
    "kv_heads": 16,
    "head_dim": 128,
    "hidden_size": 5376,
    "vocab_size": 262144,
    "sliding_window": 1024,
    "sliding_window_layers": 52,
    "tied_embeddings": True,
    "max_context": 131072,
}

RTX_4090 = {
    "kind": "gpu",
    "memory_gb": 24,
    "bandwidth_gbs": 1008,
    "fp16_tflops": 330,
    "system_ram_gb": 64,
    "system_ram_bandwidth_gbs": 80,
    "vendor": "NVIDIA",
}
RTX_5090 = {
    "kind": "gpu",
    "memory_gb": 32,
    "bandwidth_gbs": 1792,
    "fp16_tflops": 419,
    "system_ram_gb": 64,
    "system_ram_bandwidth_gbs": 80,
    "vendor": "NVIDIA",
}


def example_request(
    model: dict[str, Any] | None = None, hardware: dict[str, Any] | None = None, **fields: Any
) -> FitRequest:
    """A request built from the dicts above (Llama-3-8B on an RTX 4090 by default)."""
    return FitRequest(
        model=ModelSpec(**(model or LLAMA_3_8B)),
        hardware=HardwareSpec(**(hardware or RTX_4090)),
        **fields,
    )
