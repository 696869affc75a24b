"""
The pages make audit checks: one representative URL per page type, on the shipped content.

Add a page type with one line. Every page must answer 200 with A+ headers. PUBLIC
pages also get every browser budget (Lighthouse ≥ 95/100/100/100 mobile and desktop,
zero axe violations, zero CSP violations and console errors); ADMIN pages are
measured the same way but only CSP and console errors are budgets there; API
endpoints are not pages, so only their status and headers are checked.
"""

from typing import NamedTuple

PUBLIC, ADMIN, API = "public", "admin", "api"


class Page(NamedTuple):
    name: str
    path: str
    kind: str = PUBLIC
    # Deliberately `noindex` (search results: thin, endless pages search engines
    # ask sites to keep out); Lighthouse skips only its "is crawlable" audit.
    noindex: bool = False


PAGES = [
    Page("home", "/"),
    Page("model index", "/models/"),
    Page("model detail", "/models/qwen-2-5-14b/"),
    Page("hardware index", "/hardware/"),
    Page("hardware detail", "/hardware/nvidia-geforce-rtx-3090/"),
    Page("software index", "/tools/"),
    Page("software detail", "/tools/llama-cpp/"),
    Page("benchmark index", "/benchmarks/"),
    Page("benchmark detail", "/benchmarks/{benchmark}/"),
    Page("glossary term", "/glossary/kv-cache/"),
    Page("search", "/search/?q=rtx+3090", noindex=True),
    Page(
        "will-it-run result",
        "/will-it-run/?model=qwen-2-5-14b&hardware=hw:nvidia-geforce-rtx-3090&context=8192",
    ),
    Page(
        "custom build",
        "/will-it-run/custom/?gpu=hw:nvidia-geforce-rtx-3090&gpu_count=2&system_ram_gb=64"
        "&os=linux&runtime=llama.cpp&use_case=chat",
    ),
    Page("compare", "/compare/hardware/nvidia-geforce-rtx-3090-vs-nvidia-geforce-rtx-4090/"),
    Page("guide", "/guides/best-gpu-for-local-ai/"),
    Page("error entry", "/errors/cuda-out-of-memory/"),
    Page("newsletter form", "/newsletter/"),
    Page("cost vs cloud", "/cost-vs-cloud/"),
    Page("choose my GPU", "/choose-my-gpu/"),
    Page("benchmark submission form", "/benchmarks/submit/"),
    Page("API docs", "/api/"),
    Page("admin login", "/admin/login/", ADMIN),
    Page(
        "API: will it run",
        "/api/v1/will-it-run?model=qwen-2-5-14b&hardware=nvidia-geforce-rtx-3090",
        API,
    ),
    Page("API models", "/api/v1/models", API),
    Page("API OpenAPI schema", "/api/v1/openapi.json", API),
]


def resolve(pages=PAGES):
    """Fill the few slugs that are not fixed in the shipped content (benchmark slugs are made)."""
    from catalog.models import Benchmark

    benchmark = Benchmark.objects.published().order_by("slug").first()
    slugs = {"benchmark": benchmark.slug if benchmark else "none"}
    return [page._replace(path=page.path.format(**slugs)) for page in pages]
