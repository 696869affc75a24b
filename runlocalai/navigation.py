"""
The site's header and footer links, as DESIGN.md section 3 lists them.

Links are public paths (part of the site's contract), not URL names: the
tests walk every one of them and expect a 200.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    label: str
    path: str


HEADER = [
    Link("Will it run?", "/will-it-run/"),
    Link("Best GPU", "/guides/best-gpu-for-local-ai/"),
    Link("Compare", "/compare/"),
    Link("Troubleshoot", "/troubleshooting/"),
    # "Start" alone is on Lighthouse's list of link texts that say nothing.
    Link("Start here", "/start/"),
    Link("Learn", "/learn/"),
    Link("Pulse", "/pulse/"),
    Link("Models", "/models/"),
    Link("Hardware", "/hardware/"),
    Link("Tools", "/tools/"),
    Link("Bench", "/benchmarks/"),
]

RUN_CHECK = Link("Run check", "/will-it-run/")

FOOTER = [
    (
        "Dir",
        [
            Link("Models", "/models/"),
            Link("Hardware", "/hardware/"),
            Link("Tools", "/tools/"),
            Link("Benchmarks", "/benchmarks/"),
            # The directory's data as JSON, CSV and a dated export (issue 10).
            Link("API and data", "/api/"),
        ],
    ),
    (
        "Tools",
        [
            Link("Will it run?", "/will-it-run/"),
            Link("Compare hardware", "/compare/"),
            Link("Cost vs cloud", "/cost-vs-cloud/"),
            Link("Choose my GPU", "/choose-my-gpu/"),
            Link("Prompting kits", "/prompting-kits/"),
            Link("Quick answers", "/quick-answers/"),
        ],
    ),
    (
        "Ref",
        [
            Link("All buyer guides", "/guides/"),
            Link("Learn local AI", "/learn/"),
            Link("Methodology", "/methodology/"),
            Link("Glossary", "/glossary/"),
            Link("Errors KB", "/errors/"),
            Link("Trust", "/trust/"),
        ],
    ),
    (
        "Editor",
        [
            Link("About", "/about/"),
            Link("Author", "/authors/"),
            Link("How we make money", "/how-we-make-money/"),
            Link("Editorial policy", "/editorial-policy/"),
            Link("Contact", "/contact/"),
        ],
    ),
    (
        "Legal",
        [
            Link("Privacy", "/privacy/"),
            Link("Terms", "/terms/"),
            Link("Sitemap", "/sitemap/"),
        ],
    ),
]


def all_paths():
    paths = {link.path for link in HEADER} | {RUN_CHECK.path}
    for _, links in FOOTER:
        paths |= {link.path for link in links}
    return sorted(paths)
