"""
Shipped cloud prices (tools/content/cloud_prices.yaml) for the Cost vs cloud calculator.

Loaded through editorial.shipping like the catalog, so each price goes live
under the team byline with its sources and is left alone once an editor has
changed it. Runs after the catalog (ORDER 20), whose models and GPUs it links.
"""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml

from catalog.models import AIModel, Hardware
from editorial.shipping import upsert_shipped

from .models import APIPrice, GPURental

ORDER = 25
CONTENT_FILE = Path(__file__).resolve().parent / "content" / "cloud_prices.yaml"
SOURCE_KEYS = ("url", "title", "publisher", "accessed", "note")


def read():
    return yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))


def load():
    content = read()
    outcomes = Counter()
    for entry in content["api_prices"]:
        served = entry.get("served_model")
        fields = {
            "provider": entry["provider"],
            "model_name": entry["model_name"],
            "served_model": AIModel.objects.get(slug=served) if served else None,
            "input_per_million": Decimal(entry["input_per_million"]),
            "output_per_million": Decimal(entry["output_per_million"]),
            **_dated(entry),
        }
        outcomes[_upsert(APIPrice, entry, fields)] += 1
    for entry in content["gpu_rentals"]:
        hardware = entry.get("hardware")
        fields = {
            "provider": entry["provider"],
            "gpu_name": entry["gpu_name"],
            "hardware": Hardware.objects.get(slug=hardware) if hardware else None,
            "gpu_count": entry.get("gpu_count") or 1,
            "price_per_hour": Decimal(entry["price_per_hour"]),
            **_dated(entry),
        }
        outcomes[_upsert(GPURental, entry, fields)] += 1
    return ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))


def _dated(entry):
    return {
        "seen": entry["seen"],
        "source_url": entry["source_url"],
        "note": entry.get("note") or "",
        # The date the price was seen is the date its facts were last checked.
        "last_verified": entry["seen"],
    }


def _upsert(model, entry, fields):
    sources = [
        {key: source[key] for key in SOURCE_KEYS if source.get(key) is not None}
        for source in entry["sources"]
    ]
    return upsert_shipped(model, slug=entry["slug"], fields=fields, sources=sources)
