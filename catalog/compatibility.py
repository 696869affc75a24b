"""
The software × OS/backend/format matrix, derived from each entry's listed tags.

A tag such as "safetensors (import)" means "supported, with this caveat"; the
part in brackets becomes the cell's caveat. Nothing is inferred: what an entry
does not list reads "not listed", which is not the same as "unsupported".
"""

import re
from dataclasses import dataclass

_TAG = re.compile(r"^\s*([^()]+?)\s*(?:\((.*)\))?\s*$")

GROUPS = (
    ("platforms", "Operating system", ("linux", "macos", "windows", "docker")),
    ("backends", "Backend", ("cuda", "rocm", "metal", "vulkan", "sycl", "cpu")),
    ("model_formats", "Model format", ("gguf", "safetensors", "mlx", "awq", "gptq", "exl2")),
)
LABELS = {
    "linux": "Linux",
    "macos": "macOS",
    "windows": "Windows",
    "docker": "Docker",
    "cuda": "CUDA",
    "rocm": "ROCm",
    "metal": "Metal",
    "vulkan": "Vulkan",
    "sycl": "SYCL",
    "cpu": "CPU",
    "gguf": "GGUF",
    "safetensors": "Safetensors",
    "mlx": "MLX",
    "awq": "AWQ",
    "gptq": "GPTQ",
    "exl2": "EXL2",
}


@dataclass(frozen=True)
class Cell:
    listed: bool
    caveat: str


def parse_tags(tags):
    """{"safetensors": "import", "gguf": ""} from ["gguf", "safetensors (import)"]."""
    parsed = {}
    for tag in tags:
        match = _TAG.match(tag)
        if match:
            parsed[match.group(1).lower()] = (match.group(2) or "").strip()
    return parsed


def columns():
    return [(title, [(key, LABELS[key]) for key in keys]) for _field, title, keys in GROUPS]


def row(software):
    cells = []
    for field, _title, keys in GROUPS:
        listed = parse_tags(getattr(software, field))
        for key in keys:
            if key in listed:
                cells.append(Cell(True, listed[key] or "listed by the project"))
            else:
                cells.append(Cell(False, "not listed"))
    return cells


def other_tags(software):
    """Listed tags the matrix has no column for, so none is silently dropped."""
    known = {key for _field, _title, keys in GROUPS for key in keys}
    extra = []
    for field, _title, _keys in GROUPS:
        extra += [tag for tag, _caveat in parse_tags(getattr(software, field)).items()]
    return [tag for tag in extra if tag not in known]
