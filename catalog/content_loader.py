"""
Shipped catalog content: catalog/content/*.yaml and the cited benchmark CSV.

Reference tables (organizations, families, quantizations) are upserted by slug;
catalog entries go through editorial.shipping so they load published under the
team byline, with their sources, and are left alone once an editor changed them.
"""

import csv
import hashlib
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml
from django.utils.text import slugify

from editorial.shipping import upsert_shipped

from .models import (
    AIModel,
    Benchmark,
    Build,
    Hardware,
    ModelFamily,
    Organization,
    Quantization,
    Software,
)
from .models.benchmarks import Backend, SourceKind

ORDER = 20
CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCE_KEYS = ("url", "title", "publisher", "accessed", "note")

# Benchmark CSV model names → catalog slugs. The ROCm pull request only says
# "llama 8B"; its size and vocabulary match Meta Llama 3 8B, which notes record.
CSV_MODELS = {
    "Meta-Llama-3-8B": "meta-llama-3-8b",
    "Meta-Llama-3-70B": "meta-llama-3-70b",
    "LLaMA-7B": "llama-7b",
    "CodeLlama-7B": "code-llama-7b",
    'Llama-3-8B-class ("llama 8B")': "meta-llama-3-8b",
}


def load():
    summary = Counter()
    for loader in (
        _organizations,
        _families,
        _quantizations,
        _models,
        _hardware,
        _builds,
        _software,
        _benchmarks,
    ):
        summary.update(loader())
    return ", ".join(f"{count} {outcome}" for outcome, count in sorted(summary.items()))


def read_yaml(name):
    return yaml.safe_load((CONTENT_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def _sources(entry):
    return [
        {key: source[key] for key in SOURCE_KEYS if source.get(key) is not None}
        for source in entry.get("sources") or []
    ]


def _lines(items):
    return "\n".join(items or [])


def _upsert_reference(model, entry, fields):
    obj, created = model.objects.get_or_create(slug=entry["slug"], defaults=fields)
    changed = not created and any(getattr(obj, name) != value for name, value in fields.items())
    if changed:
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    sources = _sources(entry)
    current = [
        {key: getattr(source, key) for key in SOURCE_KEYS if getattr(source, key) not in ("", None)}
        for source in obj.sources.all()
    ]
    normalised = [{k: str(v) if k == "accessed" else v for k, v in s.items()} for s in sources]
    if [{k: str(v) for k, v in row.items()} for row in current] != [
        {k: str(v) for k, v in row.items()} for row in normalised
    ]:
        obj.sources.all().delete()
        for position, source in enumerate(sources, start=1):
            obj.sources.create(position=position, **source)
        changed = True
    return "created" if created else "updated" if changed else "unchanged"


def _organizations():
    return Counter(
        _upsert_reference(
            Organization,
            entry,
            {"name": entry["name"], "kind": entry["kind"], "website": entry.get("website") or ""},
        )
        for entry in read_yaml("organizations")
    )


def _families():
    organizations = {org.slug: org for org in Organization.objects.all()}
    return Counter(
        _upsert_reference(
            ModelFamily,
            entry,
            {
                "name": entry["name"],
                "organization": organizations[entry["organization"]],
                "summary": entry.get("summary") or "",
            },
        )
        for entry in read_yaml("families")
    )


def _quantizations():
    return Counter(
        _upsert_reference(
            Quantization,
            entry,
            {
                "name": entry["name"],
                "format": entry["format"],
                "bits_per_weight": _decimal(entry.get("bits_per_weight"), places=4),
                "summary": entry.get("summary") or "",
            },
        )
        for entry in read_yaml("quantizations")
    )


def _decimal(value, *, places):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


MODEL_FIELDS = [
    "name",
    "variant",
    "layers",
    "attention_heads",
    "kv_heads",
    "head_dim",
    "hidden_size",
    "vocab_size",
    "intermediate_size",
    "sliding_window",
    "sliding_window_layers",
    "attention_kind",
    "kv_lora_rank",
    "qk_rope_head_dim",
    "kv_layers",
    "experts_total",
    "experts_active",
    "context_length",
    "outputs",
    "license",
    "license_url",
    "commercial_use",
    "license_notes",
    "release_date",
    "hf_repo",
    "ollama_tag",
    "summary",
    "positioning",
    "run_locally",
    "verdict_score",
    "notes",
]


def _models():
    families = {family.slug: family for family in ModelFamily.objects.all()}
    organizations = {org.slug: org for org in Organization.objects.all()}
    outcomes = Counter()
    for entry in read_yaml("models"):
        fields = {name: entry.get(name) for name in MODEL_FIELDS}
        fields = {name: ("" if value is None else value) for name, value in fields.items()}
        for nullable in [
            "layers",
            "attention_heads",
            "kv_heads",
            "head_dim",
            "hidden_size",
            "vocab_size",
            "intermediate_size",
            "sliding_window",
            "sliding_window_layers",
            "kv_lora_rank",
            "qk_rope_head_dim",
            "kv_layers",
            "experts_total",
            "experts_active",
            "context_length",
            "commercial_use",
            "release_date",
            "verdict_score",
        ]:
            fields[nullable] = entry.get(nullable)
        fields.update(
            family=families[entry["family"]],
            organization=organizations[entry["organization"]],
            params_b=_decimal(entry["params_b"], places=3),
            active_params_b=_decimal(entry.get("active_params_b"), places=3),
            modalities=entry.get("modalities") or [],
            languages=entry.get("languages") or [],
            strengths=_lines(entry.get("strengths")),
            limitations=_lines(entry.get("limitations")),
        )
        outcomes[
            upsert_shipped(AIModel, slug=entry["slug"], fields=fields, sources=_sources(entry))
        ] += 1
    return outcomes


HARDWARE_FIELDS = [
    "name",
    "kind",
    "memory_configs",
    "memory_type",
    "unified",
    "tdp_w",
    "release_date",
    "street_price_seen",
    "market_tier",
    "form_factor",
    "best_for",
    "summary",
    "notes",
]
HARDWARE_DECIMALS = {
    "memory_gb": 2,
    "bandwidth_gbs": 1,
    "fp16_tflops": 1,
    "fp32_tflops": 2,
    "msrp_usd": 2,
    "street_price_low_usd": 2,
    "street_price_high_usd": 2,
}


def _hardware():
    organizations = {org.slug: org for org in Organization.objects.all()}
    outcomes = Counter()
    for entry in read_yaml("hardware"):
        fields = {name: entry.get(name) for name in HARDWARE_FIELDS}
        for text in ("memory_configs", "memory_type", "market_tier", "form_factor", "best_for"):
            fields[text] = "" if fields[text] is None else str(fields[text])
        fields["notes"] = fields["notes"] or ""
        fields["unified"] = bool(entry.get("unified"))
        fields.update(
            {name: _decimal(entry.get(name), places=p) for name, p in HARDWARE_DECIMALS.items()}
        )
        fields.update(
            vendor=organizations[entry["vendor"]],
            backends=entry.get("backends") or [],
            strengths=_lines(entry.get("strengths")),
            weaknesses=_lines(entry.get("weaknesses")),
        )
        outcomes[
            upsert_shipped(Hardware, slug=entry["slug"], fields=fields, sources=_sources(entry))
        ] += 1
    return outcomes


def _builds():
    hardware = {item.slug: item for item in Hardware.objects.all()}
    outcomes = Counter()
    for entry in read_yaml("builds"):
        items = [
            {"hardware": hardware[item["hardware"]], "count": item["count"]}
            for item in entry["items"]
        ]
        fields = {
            "name": entry["name"],
            "aliases": entry.get("aliases") or [],
            "system_ram_gb": entry.get("system_ram_gb"),
            "summary": entry["summary"],
        }
        outcome = upsert_shipped(
            Build,
            slug=entry["slug"],
            fields=fields,
            sources=_sources(entry),
            children={"items": items},
        )
        outcomes[outcome] += 1
    return outcomes


SOFTWARE_FIELDS = [
    "name",
    "kind",
    "license",
    "pricing",
    "run_example",
    "repository",
    "website",
    "summary",
    "notes",
]


def _software():
    organizations = {org.slug: org for org in Organization.objects.all()}
    outcomes = Counter()
    for entry in read_yaml("software"):
        fields = {name: entry.get(name) or "" for name in SOFTWARE_FIELDS}
        fields.update(
            organization=organizations.get(entry.get("organization")),
            open_source=entry.get("open_source"),
            platforms=entry.get("platforms") or [],
            backends=entry.get("backends") or [],
            model_formats=entry.get("model_formats") or [],
            install=entry.get("install") or {},
            stars=entry.get("stars"),
            stars_date=entry.get("stars_date"),
            strengths=_lines(entry.get("strengths")),
            weaknesses=_lines(entry.get("weaknesses")),
        )
        outcomes[
            upsert_shipped(Software, slug=entry["slug"], fields=fields, sources=_sources(entry))
        ] += 1
    return outcomes


# -- benchmarks ---------------------------------------------------------------------


def _benchmarks():
    path = CONTENT_DIR / "benchmarks-llama-cpp.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    lookups = {
        "models": {model.slug: model for model in AIModel.objects.all()},
        "quants": {quant.name: quant for quant in Quantization.objects.all()},
        "hardware": {item.slug: item for item in Hardware.objects.all()},
        "builds": {alias: build for build in Build.objects.all() for alias in build.aliases},
        "llama_cpp": Software.objects.filter(slug="llama-cpp").first(),
    }
    outcomes = Counter()
    for row in rows:
        slug, fields, sources = benchmark_from_csv_row(row, lookups)
        outcomes[upsert_shipped(Benchmark, slug=slug, fields=fields, sources=sources)] += 1
    return outcomes


def benchmark_from_csv_row(row, lookups):
    """Map one row of the shared llama.cpp measurements onto a Benchmark."""
    test = row["test"]
    if test == "other":
        match = re.match(r"test=([^;,|]+)", row["notes"])
        test = match.group(1).strip() if match else "other"
    value = _decimal(row["tokens_per_s"], places=2)
    is_prefill = test.startswith("pp")
    device_name = row["hardware"]
    build = lookups["builds"].get(device_name)
    hardware = None if build else lookups["hardware"][slugify(device_name)]
    url, _, source_detail = row["source_url_or_repo_path"].partition(" ")
    if not url.startswith("http"):
        # "github.com/owner/repo/path/in/repo": link the repository, keep the path in notes.
        parts = url.split("/")
        source_detail = "/".join(parts[3:])
        url = "https://" + "/".join(parts[:3])
    setup = row["backend"].removeprefix("llama.cpp").strip()
    backend = next(
        (b for b in Backend.values if b in row["backend"].lower().replace("hip", "rocm")), "cuda"
    )
    notes = row["notes"].split("| hw_spec_key=")[0].strip()
    if source_detail:
        notes = f"{notes} Source file: {source_detail.strip(' ()')}.".strip()
    fields = {
        "model": lookups["models"][CSV_MODELS[row["model"]]],
        "quantization": lookups["quants"][row["quant"]],
        "model_file_gib": _decimal(row["model_file_gb"], places=2)
        if row["model_file_gb"]
        else None,
        "hardware": hardware,
        "build": build,
        "software": lookups["llama_cpp"],
        "software_version": "",
        "backend": backend,
        "setup": setup.strip("()"),
        "test": test,
        "context": int(row["ctx"]) if row["ctx"] else None,
        "decode_tokens_per_s": None if is_prefill else value,
        "prefill_tokens_per_s": value if is_prefill else None,
        "vram_used_gb": _decimal(row["measured_vram_gb"] or None, places=3),
        "offloaded": "nkvo=1" in row["notes"],
        "run_date": None,
        "run_date_note": _run_date_note(row),
        "command": _command(test, row),
        "source_url": url,
        "source_kind": SourceKind.COMMUNITY,
        "notes": notes,
        "last_verified": "2026-11-25",
    }
    sources = [
        {
            "url": url,
            "title": source_detail.strip(" ()") or url,
            "publisher": "GitHub",
            "accessed": "2026-11-25",
        }
    ]
    key = "|".join(row[column] for column in ("hardware", "model", "quant", "test", "notes"))
    slug = slugify(f"{CSV_MODELS[row['model']]}-{row['quant']}-{device_name}-{test}")[:100]
    slug = f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"
    return slug, fields, sources


def _run_date_note(row):
    if "Jan 2024" in row["backend"] or "(Jan 2024)" in row["notes"]:
        return "January 2024, as the source pull request states."
    if "pull/" in row["source_url_or_repo_path"]:
        return "Not stated; taken from the linked pull request's comparison table."
    return "Not stated by the source repository for this run."


def _command(test, row):
    match = re.match(r"(pp|tg)(\d+)$", test)
    if match and "llama-bench" in row["notes"]:
        flag = "-p" if match.group(1) == "pp" else "-n"
        return f"llama-bench -m <model>.gguf -ngl 99 {flag} {match.group(2)}"
    return ""
