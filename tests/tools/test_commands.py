import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def _run(*args, stdin=None, monkeypatch=None):
    out = StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", StringIO(stdin))
    call_command("willitrun", *args, stdout=out)
    return out.getvalue()


def test_willitrun_json_with_catalog_slugs(llama, rtx_3060):
    output = _run(
        "--json", json.dumps({"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060"})
    )

    result = json.loads(output)
    assert result["verdict"] == "runs comfortably"
    assert result["memory"]["kv_cache_gb"] > 0


def test_willitrun_labels_measured_setups(measured_3060):
    request = {"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060", "quant": "Q4_K_M"}

    result = json.loads(_run("--json", json.dumps(request)))

    assert result["evidence"] == "measured"


def test_willitrun_invalid_single_request_exits_non_zero(db):
    with pytest.raises(CommandError, match="model"):
        _run("--json", json.dumps({"model": "missing", "hardware": {"kind": "gpu"}}))


def test_willitrun_batch_answers_every_line_in_order(llama, rtx_3060, monkeypatch):
    architecture = {
        "params_b": 8.03,
        "layers": 32,
        "attention_heads": 32,
        "kv_heads": 8,
        "head_dim": 128,
    }
    lines = [
        json.dumps(
            {
                "model": architecture,
                "quant": "Q4_K_M",
                "context": 8192,
                "hardware": {"kind": "gpu", "memory_gb": 24, "bandwidth_gbs": 1008},
            }
        ),
        json.dumps({"model": "llama-3-1-8b", "hardware": "nvidia-geforce-rtx-3060"}),
        "not json",
        json.dumps({"model": architecture, "hardware": {"kind": "gpu", "memory_gb": -1}}),
    ]

    output = _run("--batch", "-", stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch)

    results = [json.loads(line) for line in output.splitlines()]
    assert len(results) == 4
    assert results[0]["verdict"] == "runs comfortably"
    assert results[1]["verdict"] == "runs comfortably"
    assert "error" in results[2]
    assert "memory_gb" in results[3]["error"]


def test_calibrate_engine_reports_accuracy(db):
    out = StringIO()

    call_command("calibrate_engine", stdout=out)

    assert "decode   all" in out.getvalue()
