"""
Prose that contradicts the fit engine.

Numbers the engine owns (what fits in how much memory, how fast it runs) must
never be typed into prose. This module finds such claims in a catalog entry's
text and checks each against the engine:

- "fits on a 24 GB card", "runs on 16 GB of VRAM": the entry's model at Q4_K_M
  with a 4K context must run on one GPU with that much memory;
- "N tok/s", "N tokens per second": speeds are never typed by hand at all (they
  come from cited benchmarks or the engine), so every such figure is flagged.

The reviewer dashboard lists what it finds and a test keeps shipped content
clean.
"""

import re
from dataclasses import dataclass

from catalog.models import AIModel, Hardware
from tools import catalog_fit
from tools import fit as engine

FITS_CLAIM = re.compile(
    r"\b(?:fits?|runs?|loads?)\b[^.;:]{0,40}?\b(?:in|on|into|within)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?P<gb>\d{1,4}(?:\.\d+)?)\s*GB\b",
    re.IGNORECASE,
)
SPEED_CLAIM = re.compile(
    r"\b\d{1,5}(?:\.\d+)?\s*(?:tok/s|tokens?\s*(?:/|per)\s*s(?:ec(?:ond)?)?)\b", re.IGNORECASE
)
PROBE_BANDWIDTH_GBS = 500.0
PROBE_CONTEXT = 4096


@dataclass(frozen=True)
class Contradiction:
    obj: object
    field: str
    claim: str
    reason: str


def model_prose(model):
    return {
        "summary": model.summary,
        "positioning": model.positioning,
        "strengths": model.strengths,
        "limitations": model.limitations,
        "run_locally": model.run_locally,
    }


def hardware_prose(hardware):
    return {
        "summary": hardware.summary,
        "best_for": hardware.best_for,
        "strengths": hardware.strengths,
        "weaknesses": hardware.weaknesses,
    }


def check_model(model):
    found = []
    for field, text in model_prose(model).items():
        for match in FITS_CLAIM.finditer(text or ""):
            reason = _fits_contradiction(model, float(match["gb"]))
            if reason:
                found.append(Contradiction(model, field, match.group(0), reason))
        found += _speed_claims(model, field, text)
    return found


def check_hardware(hardware):
    found = []
    for field, text in hardware_prose(hardware).items():
        found += _speed_claims(hardware, field, text)
    return found


def _speed_claims(obj, field, text):
    return [
        Contradiction(
            obj,
            field,
            match.group(0),
            "Speeds are never typed by hand: cite a benchmark or show the engine's estimate.",
        )
        for match in SPEED_CLAIM.finditer(text or "")
    ]


def _fits_contradiction(model, gb):
    try:
        spec = catalog_fit.model_spec(model)
    except catalog_fit.NotALanguageModel:
        return None
    device = catalog_fit.Device(
        key="probe",
        name=f"{gb:g} GB GPU",
        spec=engine.HardwareSpec(kind="gpu", memory_gb=gb, bandwidth_gbs=PROBE_BANDWIDTH_GBS),
    )
    result = catalog_fit.fit(model, device, context=PROBE_CONTEXT, spec=spec).result
    if result.placement == "all-gpu":
        return None
    needed = result.memory.total / 1e9
    return (
        f"The engine says {model.name} at Q4_K_M with a {PROBE_CONTEXT:,}-token context needs "
        f"{needed:.1f} GB, which does not fit a {gb:g} GB GPU."
    )


def published_contradictions():
    """Every contradiction in published catalog prose."""
    found = []
    for model in AIModel.objects.published():
        found += check_model(model)
    for hardware in Hardware.objects.published():
        found += check_hardware(hardware)
    return found


def dashboard_warnings():
    from editorial.dashboard import Warning, admin_change_url

    return [
        Warning(
            title=f"{found.obj} ({found.field.replace('_', ' ')})",
            detail=f"“{found.claim}”: {found.reason}",
            url=admin_change_url(found.obj),
        )
        for found in published_contradictions()
    ]
