# Sample outputs are pasted verbatim, as readers paste them: long lines included.
# ruff: noqa: E501
from decimal import Decimal

import pytest

from catalog.submissions import parsers

LLAMA_BENCH_TABLE = """\
ggml_cuda_init: GGML_CUDA_FORCE_MMQ:    no
ggml_cuda_init: GGML_CUDA_FORCE_CUBLAS: no
ggml_cuda_init: found 1 CUDA devices:
  Device 0: NVIDIA GeForce RTX 3090, compute capability 8.6, VMM: yes
| model                          |       size |     params | backend    | ngl |            test |                  t/s |
| ------------------------------ | ---------: | ---------: | ---------- | --: | --------------: | -------------------: |
| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |           pp512 |      4735.91 ± 36.58 |
| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |           tg128 |        121.62 ± 0.27 |

build: 1d36b367 (2676)
"""

LLAMA_BENCH_JSON = """\
[
  {
    "build_commit": "1d36b367",
    "build_number": 2676,
    "cpu_info": "AMD Ryzen 9 5950X 16-Core Processor",
    "gpu_info": "NVIDIA GeForce RTX 3090",
    "backends": "CUDA",
    "model_filename": "Meta-Llama-3-8B-Instruct-Q4_K_M.gguf",
    "model_type": "llama 8B Q4_K - Medium",
    "model_size": 4920733696,
    "model_n_params": 8030261248,
    "n_batch": 2048,
    "n_ubatch": 512,
    "n_threads": 16,
    "type_k": "f16",
    "type_v": "f16",
    "n_gpu_layers": 99,
    "split_mode": "layer",
    "main_gpu": 0,
    "no_kv_offload": false,
    "flash_attn": false,
    "tensor_split": "0.00",
    "use_mmap": true,
    "embeddings": false,
    "n_prompt": 512,
    "n_gen": 0,
    "test_time": "2024-04-17T10:12:01Z",
    "avg_ns": 108111900,
    "stddev_ns": 834300,
    "avg_ts": 4735.906412,
    "stddev_ts": 36.581272,
    "samples_ns": [107432100, 109067300, 107836300],
    "samples_ts": [4765.76, 4694.39, 4747.57]
  },
  {
    "build_commit": "1d36b367",
    "build_number": 2676,
    "backends": "CUDA",
    "model_type": "llama 8B Q4_K - Medium",
    "n_gpu_layers": 99,
    "n_prompt": 0,
    "n_gen": 128,
    "avg_ns": 1052453700,
    "avg_ts": 121.618293,
    "stddev_ts": 0.271456
  }
]
"""

OLLAMA_VERBOSE = """\
>>> why is the sky blue?
The sky appears blue because of Rayleigh scattering...

total duration:       4.811236709s
load duration:        21.108416ms
prompt eval count:    15 token(s)
prompt eval duration: 94.174ms
prompt eval rate:     159.28 tokens/s
eval count:           392 token(s)
eval duration:        4.694337s
eval rate:            83.50 tokens/s
"""

LLAMA_CLI_TIMINGS = """\
llama_perf_sampler_print:    sampling time =      21.44 ms /   412 runs   (    0.05 ms per token, 19216.42 tokens per second)
llama_perf_context_print:        load time =    1510.77 ms
llama_perf_context_print: prompt eval time =      96.12 ms /    16 tokens (    6.01 ms per token,   166.46 tokens per second)
llama_perf_context_print:        eval time =    4710.33 ms /   395 runs   (   11.92 ms per token,    83.86 tokens per second)
llama_perf_context_print:       total time =    4842.30 ms /   411 tokens
"""


def speeds(parsed):
    return {(m.kind, m.test): m.tokens_per_s for m in parsed.measurements}


def test_llama_bench_markdown_table_gives_prefill_decode_version_and_quant():
    parsed = parsers.parse(LLAMA_BENCH_TABLE)

    assert parsed.format == parsers.LLAMA_BENCH_MARKDOWN
    assert speeds(parsed) == {
        ("prefill", "pp512"): Decimal("4735.91"),
        ("decode", "tg128"): Decimal("121.62"),
    }
    assert parsed.version == "b2676"
    assert parsed.quant == "Q4_K_M"
    assert parsed.backend == "CUDA"
    assert parsed.gpu_layers == 99


def test_llama_bench_markdown_with_extra_columns_and_depth():
    table = """\
| model | size | params | backend | threads | fa | test | t/s |
| ----- | ---: | -----: | ------- | ------: | -: | ---: | --: |
| qwen3 14B Q8_0 | 14.61 GiB | 14.77 B | Metal,BLAS | 12 | 1 | pp512 @ d4096 | 402.10 ± 1.20 |
| qwen3 14B Q8_0 | 14.61 GiB | 14.77 B | Metal,BLAS | 12 | 1 | tg128 @ d4096 | 21.30 ± 0.05 |
| qwen3 14B Q8_0 | 14.61 GiB | 14.77 B | Metal,BLAS | 12 | 1 | pp512+tg128 | 88.00 ± 0.50 |
"""
    parsed = parsers.parse(table)

    assert speeds(parsed) == {
        ("prefill", "pp512 @ d4096"): Decimal("402.10"),
        ("decode", "tg128 @ d4096"): Decimal("21.30"),
    }
    assert parsed.quant == "Q8_0"
    assert parsed.gpu_layers is None


def test_llama_bench_json_output():
    parsed = parsers.parse(LLAMA_BENCH_JSON)

    assert parsed.format == parsers.LLAMA_BENCH_JSON
    assert speeds(parsed) == {
        ("prefill", "pp512"): Decimal("4735.91"),
        ("decode", "tg128"): Decimal("121.62"),
    }
    assert parsed.version == "b2676"
    assert parsed.quant == "Q4_K_M"


def test_llama_bench_jsonl_output():
    lines = (
        '{"build_number": 6100, "model_type": "gemma3 4B Q4_0", "n_prompt": 512, "n_gen": 0,'
        ' "avg_ts": 2950.5}\n'
        '{"build_number": 6100, "model_type": "gemma3 4B Q4_0", "n_prompt": 0, "n_gen": 128,'
        ' "avg_ts": 140.25}\n'
    )
    parsed = parsers.parse(lines)

    assert parsed.format == parsers.LLAMA_BENCH_JSON
    assert speeds(parsed) == {
        ("prefill", "pp512"): Decimal("2950.50"),
        ("decode", "tg128"): Decimal("140.25"),
    }
    assert parsed.quant == "Q4_0"


def test_ollama_verbose_stats():
    parsed = parsers.parse(OLLAMA_VERBOSE)

    assert parsed.format == parsers.OLLAMA_VERBOSE
    assert speeds(parsed) == {
        ("prefill", "prompt eval rate"): Decimal("159.28"),
        ("decode", "eval rate"): Decimal("83.50"),
    }
    prefill, decode = parsed.measurements
    assert (prefill.tokens, decode.tokens) == (15, 392)


def test_llama_cli_timing_lines_ignore_the_sampler():
    parsed = parsers.parse(LLAMA_CLI_TIMINGS)

    assert parsed.format == parsers.LLAMA_CPP_TIMINGS
    assert speeds(parsed) == {
        ("prefill", "prompt eval"): Decimal("166.46"),
        ("decode", "eval"): Decimal("83.86"),
    }


@pytest.mark.parametrize(
    "text",
    ["", "hello world, it was fast", "| a | b |\n|---|---|\n| 1 | 2 |", "[1, 2, 3]", "{not json"],
)
def test_unknown_output_is_not_recognised(text):
    parsed = parsers.parse(text)

    assert not parsed.recognised
    assert parsed.format is None


@pytest.mark.parametrize(
    ("model_type", "quant"),
    [
        ("llama 8B Q4_K - Medium", "Q4_K_M"),
        ("llama 8B Q4_K - Small", "Q4_K_S"),
        ("qwen2 7B Q8_0", "Q8_0"),
        ("llama 70B IQ4_XS - 4.25 bpw", "IQ4_XS"),
        ("llama 8B F16", "F16"),
        ("llama ?B all F32", "F32"),
        ("", ""),
    ],
)
def test_quant_from_llama_cpp_model_type(model_type, quant):
    assert parsers.quant_from_model_type(model_type) == quant


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Q4_K_M", "Q4_K"),
        ("q4_k_s", "Q4_K"),
        ("Q4_0", "Q4_0"),
        ("Q8_0", "Q8_0"),
        ("IQ4_XS", "IQ4"),
        ("MLX-4bit", "MLX-4BIT"),
    ],
)
def test_quant_family(name, family):
    assert parsers.quant_family(name) == family


def test_reconcile_fills_empty_numbers_from_the_log():
    result = parsers.reconcile(parsers.parse(LLAMA_BENCH_TABLE), decode=None, prefill=None)

    assert result.errors == {}
    assert result.values == {"decode": Decimal("121.62"), "prefill": Decimal("4735.91")}
    assert result.test == "pp512 + tg128"


def test_reconcile_accepts_rounding_and_keeps_the_logs_digits():
    result = parsers.reconcile(
        parsers.parse(OLLAMA_VERBOSE), decode=Decimal("84"), prefill=Decimal("159")
    )

    assert result.errors == {}
    assert result.values == {"decode": Decimal("83.50"), "prefill": Decimal("159.28")}


def test_reconcile_rejects_a_number_the_log_contradicts_naming_both_values():
    result = parsers.reconcile(
        parsers.parse(LLAMA_BENCH_TABLE), decode=Decimal("150"), prefill=None
    )

    assert result.errors["decode"] == (
        "Decode: you typed 150 tok/s but the log says 121.62 tok/s (tg128). They must agree "
        "within 2%: correct the number, or paste the output of the run you measured."
    )
    assert "prefill" not in result.errors


def test_reconcile_asks_which_result_when_the_log_has_several():
    log = LLAMA_BENCH_TABLE.replace(
        "\n\nbuild",
        "\n| llama 8B Q4_K - Medium | 4.58 GiB | 8.03 B | CUDA | 99 | tg512 | 118.02 ± 0.11 |\n\nbuild",
    )

    unchosen = parsers.reconcile(parsers.parse(log), decode=None, prefill=None)
    chosen = parsers.reconcile(parsers.parse(log), decode=Decimal("118"), prefill=None)

    assert "tg128: 121.62, tg512: 118.02" in unchosen.errors["decode"]
    assert chosen.errors == {}
    assert chosen.chosen["decode"].test == "tg512"


def test_reconcile_keeps_typed_numbers_the_log_does_not_state():
    result = parsers.reconcile(parsers.NOT_RECOGNISED, decode=Decimal("42.5"), prefill=None)

    assert result.errors == {}
    assert result.values == {"decode": Decimal("42.5"), "prefill": None}


def test_crafted_long_lines_parse_quickly():
    import time

    line = "llama_perf_context_print: eval time = " + "/ 1 runs " * 2_000
    started = time.perf_counter()

    parsed = parsers.parse(line[: parsers.MAX_LOG_CHARS])

    assert not parsed.recognised
    assert time.perf_counter() - started < 1
