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
        "/guides/best-gpu-for-local-ai/",
        "Best GPU for local AI",
        "Ranked picks for running language models at home, with prices and their dates, "
        "and what each card runs according to the fit engine.",
        (
            "Picks with “buy if” and “skip if” for each card.",
            "Fit verdicts and speeds computed from the catalog, never typed by hand.",
        ),
    ),
    Section(
        "/guides/",
        "Buyer guides",
        "Short answers and ranked picks for the questions readers ask before buying.",
        (
            "Best GPU, best budget GPU, best used GPU, best laptop, best Mac.",
            "16 GB vs 24 GB, CUDA vs ROCm vs Metal, a complete PC build at a stated budget.",
        ),
    ),
    Section(
        "/compare/",
        "Compare hardware",
        "Two or three GPUs, Macs or multi-GPU builds side by side.",
        (
            "Specs and dated prices.",
            "What each one runs, from the fit engine, and measured benchmarks.",
            "Decision rules generated from the data: choose A if …",
        ),
    ),
    Section(
        "/troubleshooting/",
        "Troubleshooting",
        "Symptom-first guides: slow generation, GPU not used, garbage output, crashes on "
        "long prompts.",
        (
            "Causes ordered most likely first.",
            "Commands to diagnose each cause, with the output to expect, and commands to fix it.",
        ),
    ),
    Section(
        "/start/",
        "Start here",
        "A guided first run on your operating system: install a runtime, pull a model that "
        "fits a typical machine, send the first prompt.",
        (
            "Step-by-step for Windows, macOS and Linux.",
            "What to try next once it works.",
        ),
    ),
    Section(
        "/learn/",
        "Learn local AI",
        "Short courses with numbered chapters and a check to run on your own machine.",
        ("Local AI from zero.", "Sizing hardware for local models."),
    ),
    Section(
        "/pulse/",
        "Pulse",
        "Dated changes in local AI: new models, runtime releases, price moves, new benchmarks.",
        ("Every entry links the catalog pages it concerns.", "An RSS/Atom feed."),
    ),
    Section(
        "/models/",
        "Models",
        "Open models with their architecture numbers from published configs, licences and "
        "what each needs to run.",
        (
            "Filters by family, size, licence, modality and context length.",
            "A quantization table per model: file size and memory at 4K, 16K and 32K context.",
            "The hardware that runs each model comfortably or with trade-offs.",
        ),
    ),
    Section(
        "/hardware/",
        "Hardware",
        "GPUs, Apple silicon, APUs and multi-GPU builds with their memory, bandwidth and "
        "dated prices.",
        (
            "A “what fits” table per device, from the fit engine.",
            "Measured benchmarks with their sources.",
            "A leaderboard with a published scoring formula.",
        ),
    ),
    Section(
        "/tools/",
        "Tools",
        "Software for running models locally: runners, servers, desktop apps, agents and "
        "libraries.",
        (
            "Install and run commands per platform.",
            "Supported backends and model formats, and a compatibility matrix.",
        ),
    ),
    Section(
        "/benchmarks/",
        "Benchmarks",
        "Measured speeds for a model file on a device with a named runtime and version, each "
        "with its source, run date and command.",
        (
            "Filters by model, hardware, software, backend and quantization.",
            "A trust tier per row: submitted, reproduced, independently reproduced.",
            "A form to submit your own measurement.",
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
        "/prompting-kits/",
        "Prompting kits",
        "Tested prompt templates per task, with the model sizes they suit and the chat-template "
        "caveats of popular runtimes.",
        ("Coding, summarising, extraction, answering from documents.",),
    ),
    Section(
        "/quick-answers/",
        "Quick answers",
        "Short questions with direct answers in two to four sentences, each linked to the "
        "deeper page.",
        ("“Can I run a 70B model on 24 GB?” and questions like it.",),
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
    Section(
        "/glossary/",
        "Glossary",
        "Local-AI terms explained for people running models on their own machines, A to Z and "
        "by category.",
        ("A definition, a deeper dive, a practical example and a workflow for every term.",),
    ),
    Section(
        "/errors/",
        "Errors knowledge base",
        "Exact error messages from llama.cpp, Ollama, vLLM, CUDA and ROCm, with causes and "
        "numbered fixes.",
        (
            "Paste an error into search to find its entry.",
            "Fix steps per runtime and OS.",
        ),
    ),
    Section(
        "/contact/",
        "Contact",
        "A form to reach the editors about corrections, missing hardware or benchmarks.",
        ("Messages are stored for the editors and never shared.",),
    ),
    Section(
        "/sitemap/",
        "Sitemap",
        "Every published page, grouped by section.",
        ("A machine-readable /sitemap.xml with last-modified dates.",),
    ),
    Section(
        "/newsletter/",
        "Newsletter",
        "A monthly digest of what changed in local AI: new models, price moves, runtime releases "
        "and new benchmarks. Signups open soon.",
        (
            "Double opt-in: nothing is sent until you confirm your address.",
            "One-click unsubscribe in every mail.",
        ),
    ),
]

BY_PATH = {section.path: section for section in SECTIONS}
