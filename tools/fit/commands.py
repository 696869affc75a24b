"""
Runtime commands for the set-up the engine chose.

Placeholders in angle brackets stand for names the caller did not supply:
the engine knows numbers, not which Ollama tag or GGUF file a user has.
"""

from typing import Final

from tools.fit.inputs import LLAMA_CPP_FAMILY, FitRequest

GPU_PLACEMENTS: Final = ("all-gpu", "experts-on-cpu")


def build_commands(
    *,
    request: FitRequest,
    placement: str,
    gpu_layers: int,
    cpu_moe_layers: int,
    flash_attention: bool,
    apple_limit_mb: int | None,
) -> dict[str, str]:
    if placement == "does-not-fit" and apple_limit_mb is None:
        return {}
    commands: dict[str, str] = {}
    context = request.context
    hw = request.hardware
    if request.runtime in LLAMA_CPP_FAMILY:
        commands.update(
            _llama_cpp_family(request, placement, gpu_layers, cpu_moe_layers, flash_attention)
        )
    elif request.runtime == "mlx":
        repo = request.model_tag or "<mlx-community/model-repo>"
        commands["mlx"] = f'mlx_lm.generate --model {repo} --max-kv-size {context} --prompt "..."'
    elif request.runtime == "vllm":
        repo = request.model_tag or "<org/model-repo>"
        parts = [f"vllm serve {repo}", f"--max-model-len {context}"]
        if hw.count > 1:
            parts.append(f"--tensor-parallel-size {hw.count}")
        if request.kv_cache_type != "f16":
            parts.append("--kv-cache-dtype fp8")
        commands["vllm"] = " ".join(parts)
    elif request.runtime == "exllama":
        repo = request.model_tag or "<exl2-model-dir>"
        commands["exllama"] = (
            f"python -m exllamav2.server --model_dir {repo} --max_seq_len {context}"
            + (" --gpu_split auto" if hw.count > 1 else "")
            + (" --cache_q8" if request.kv_cache_type == "q8_0" else "")
            + (" --cache_q4" if request.kv_cache_type == "q4_0" else "")
        )
    if apple_limit_mb is not None:
        commands["macos_gpu_limit"] = f"sudo sysctl iogpu.wired_limit_mb={apple_limit_mb}"
    return commands


def _llama_cpp_family(
    request: FitRequest,
    placement: str,
    gpu_layers: int,
    cpu_moe_layers: int,
    flash_attention: bool,
) -> dict[str, str]:
    hw = request.hardware
    context = request.context
    layers = request.model.layers
    all_layers = placement in GPU_PLACEMENTS or hw.kind == "apple" and placement == "all-gpu"
    # -ngl counts the output layer too, so layers + 1 means "everything".
    ngl = layers + 1 if all_layers else gpu_layers
    if hw.kind == "cpu":
        ngl = 0
    gguf = request.model_file or "<model>.gguf"
    parts = [f"llama-server -m {gguf}", f"-ngl {ngl}", f"-c {context}"]
    kv_quantized = request.kv_cache_type != "f16"
    if kv_quantized:
        parts.append(f"-ctk {request.kv_cache_type} -ctv {request.kv_cache_type}")
    if kv_quantized or flash_attention:
        parts.append("-fa on")
    if placement == "experts-on-cpu":
        parts.append(f"--n-cpu-moe {cpu_moe_layers}")
    if hw.kind == "gpu" and hw.count > 1:
        parts.append("--tensor-split " + ",".join(["1"] * hw.count))
    commands = {"llama.cpp": " ".join(parts)}

    tag = request.model_tag or "<model-tag>"
    ollama = [f"ollama run {tag}", f"/set parameter num_ctx {context}"]
    if not all_layers and hw.kind != "cpu":
        ollama.append(f"/set parameter num_gpu {ngl}")
    env = f"OLLAMA_CONTEXT_LENGTH={context}"
    if kv_quantized:
        env += f" OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE={request.kv_cache_type}"
    commands["ollama"] = "\n".join(ollama)
    commands["ollama_server_env"] = f"{env} ollama serve"

    lm = [f"Context Length: {context}", f"GPU Offload: {min(ngl, layers)} / {layers} layers"]
    if kv_quantized or flash_attention:
        lm.append("Flash Attention: on")
    if kv_quantized:
        lm.append(
            f"K Cache Quantization Type: {request.kv_cache_type.upper()}; "
            f"V Cache Quantization Type: {request.kv_cache_type.upper()}"
        )
    if placement == "experts-on-cpu":
        lm.append(f"Number of layers for which to force MoE weights onto CPU: {cpu_moe_layers}")
    commands["lm-studio"] = "\n".join(lm)
    return commands
