"""
Sections of the site map that are still being built.

Each entry is a real index page for its path: it says what the section will
hold and where to go meanwhile, so no header or footer link ever 404s. When an
app implements a section, it takes over the path in runlocalai/urls.py and the
entry is deleted here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    path: str
    title: str
    description: str
    will_hold: tuple[str, ...]


SECTIONS = [
    Section(
        "/will-it-run/",
        "Will it run?",
        "Pick a model, a quantization, a context length and your hardware; get a verdict, "
        "a memory breakdown and speed estimates from one fit engine.",
        (
            "A verdict: runs comfortably, runs with trade-offs, or won't run — with the reasons.",
            "Memory needed for weights, KV cache and runtime buffers, against what your device "
            "can really use.",
            "Decode and prefill speed as ranges, labelled measured or estimated.",
            "Ready-to-paste Ollama and llama.cpp commands for your set-up.",
        ),
    ),
    Section(
        "/cost-vs-cloud/",
        "Cost vs cloud",
        "What running a model on your own hardware costs per month and per million tokens, "
        "against pay-per-token APIs and rented GPUs.",
        (
            "Break-even month and cumulative cost chart.",
            "Every price with the date it was seen.",
        ),
    ),
    Section(
        "/choose-my-gpu/",
        "Choose my GPU",
        "Four questions — budget, main use, largest model, platform — and a ranked shortlist.",
        ("Three to five picks with what each runs and why it ranks there.",),
    ),
    Section(
        "/methodology/",
        "Methodology",
        "How the fit engine computes memory, verdicts and speeds, how accurate it is against "
        "measured benchmarks, and how benchmarks are trusted.",
        (
            "The formulas and the public facts they rest on.",
            "A table of the engine's error against measured rows, regenerated from data.",
        ),
    ),
]

BY_PATH = {section.path: section for section in SECTIONS}
