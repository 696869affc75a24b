import json
import sys

from django.core.management.base import BaseCommand, CommandError

from catalog.models import AIModel, Benchmark, Build, Hardware
from tools import catalog_fit
from tools import fit as engine

HELP_EPILOG = """
A request is JSON: {"model": {architecture fields} or "<catalog slug>", "quant": "Q4_K_M",
"context": 4096, "depth": 0, "prompt_tokens": 512, "kv_cache_type": "f16",
"runtime": "llama.cpp", "backend": "cuda", "hardware": {"kind": "gpu", "memory_gb": 24,
"bandwidth_gbs": 1008, "fp16_tflops": 165, "count": 1, "system_ram_gb": 64,
"system_ram_bandwidth_gbs": 80} or "<catalog slug>"}.
"""


class Command(BaseCommand):
    help = (
        "Run the fit engine from the command line: one request (--json) or a JSON-lines "
        "file (--batch), printing one JSON result per request."
    )

    def add_arguments(self, parser):
        parser.epilog = HELP_EPILOG
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--json", dest="request", help="One request as a JSON string ('-' reads stdin)."
        )
        source.add_argument("--batch", help="A file with one JSON request per line ('-': stdin).")

    def handle(self, *args, request, batch, **options):
        if request is not None:
            text = sys.stdin.read() if request == "-" else request
            try:
                result = self.estimate(_loads(text))
            except (ValueError, engine.FitInputError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(_dumps(result))
            return
        lines = sys.stdin if batch == "-" else _open(batch)
        for line in lines:
            if not line.strip():
                continue
            try:
                result = self.estimate(_loads(line))
            except (ValueError, engine.FitInputError) as error:
                result = {"error": str(error)}
            self.stdout.write(_dumps(result))

    def estimate(self, data):
        """One request in the documented shape → the engine's result as a dict."""
        if not isinstance(data, dict):
            raise ValueError("request: must be a JSON object.")
        data = dict(data)
        model_key = data["model"] if isinstance(data.get("model"), str) else None
        device_key = data["hardware"] if isinstance(data.get("hardware"), str) else None
        if model_key:
            data["model"] = _model_fields(model_key)
        if device_key:
            data["hardware"] = _hardware_fields(device_key)
        request = engine.request_from_dict(data)
        label = "estimated"
        if model_key and device_key:
            benchmarks = Benchmark.objects.published().with_related()
            benchmarks = benchmarks.filter(model__slug=model_key).filter_device(device_key)
            label = catalog_fit.Evidence.from_benchmarks(benchmarks).label(
                model_key=model_key,
                device_key=device_key,
                quant=request.quant,
                runtime=request.runtime,
                context=request.context,
            )
        return engine.estimate(request, evidence=label).to_dict()


def _model_fields(slug):
    model = AIModel.objects.published().filter(slug=slug).first()
    if model is None:
        raise ValueError(f"model: no published catalog model {slug!r}.")
    try:
        spec = catalog_fit.model_spec(model)
    except catalog_fit.NotALanguageModel as error:
        raise ValueError(f"model: {error}") from error
    return {name: getattr(spec, name) for name in spec.__dataclass_fields__}


def _hardware_fields(slug):
    hardware = Hardware.objects.published().select_related("vendor").filter(slug=slug).first()
    if hardware is not None:
        device = catalog_fit.device_for_hardware(hardware)
    else:
        build = Build.objects.published().prefetch_related("items__hardware__vendor")
        build = build.filter(slug=slug).first()
        if build is None:
            raise ValueError(f"hardware: no published catalog hardware or build {slug!r}.")
        device = catalog_fit.device_for_build(build)
    spec = device.spec
    return {name: getattr(spec, name) for name in spec.__dataclass_fields__}


def _loads(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"request: not valid JSON ({error.msg}).") from error


def _dumps(data):
    return json.dumps(data, sort_keys=True)


def _open(path):
    try:
        with open(path, encoding="utf-8") as file:
            yield from file
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
