"""
The site's tools, as the home page presents them: one card each.

(Until every section of DESIGN.md's site map was built, this module also
served placeholder index pages for the missing ones; all of them now live in
their apps.)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    path: str
    title: str
    description: str


SECTIONS = [
    Section(
        "/will-it-run/",
        "Will it run?",
        "Pick a model, a quantization, a context length and your hardware; get a verdict, "
        "a memory breakdown and speed estimates from one fit engine.",
    ),
    Section(
        "/will-it-run/custom/",
        "Describe your build",
        "Several GPUs, system RAM, operating system and runtime: which catalog models run "
        "comfortably, with trade-offs, or not at all.",
    ),
    Section(
        "/choose-my-gpu/",
        "Choose my GPU",
        "Four questions — budget, main use, largest model, platform — and a ranked shortlist.",
    ),
    Section(
        "/cost-vs-cloud/",
        "Cost vs cloud",
        "What running a model on your own hardware costs per month and per million tokens, "
        "against pay-per-token APIs and rented GPUs.",
    ),
    Section(
        "/benchmarks/submit/",
        "Submit a benchmark",
        "Paste your llama-bench or Ollama output; reviewers check it and the trust ladder "
        "shows when someone else reproduces it.",
    ),
    Section(
        "/methodology/",
        "Methodology",
        "How the fit engine computes memory, verdicts and speeds, how accurate it is against "
        "measured benchmarks, and how benchmarks are trusted.",
    ),
]
