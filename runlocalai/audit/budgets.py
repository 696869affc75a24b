"""The audit's budgets (DESIGN.md §8) and its summary table; plain data in, text out."""

from dataclasses import dataclass, field

from .pages import API, PUBLIC

LIGHTHOUSE_MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Accessibility, best practices and SEO barely depend on the screen, and each of their
# runs costs seconds of DOM gathering: desktop runs measure performance only unless
# asked (audit --desktop-all-categories), which keeps make audit within ten minutes.
MOBILE_CATEGORIES = list(LIGHTHOUSE_MINIMUM)
DESKTOP_CATEGORIES = ["performance"]
HEADER_GRADE = "A+"
PRESETS = ("mobile", "desktop")


@dataclass
class Row:
    """Everything measured for one page."""

    name: str
    path: str
    kind: str
    status: int | None = None
    headers: dict = field(default_factory=dict)
    browser: dict = field(default_factory=dict)
    lighthouse: dict = field(default_factory=dict)  # preset → the runner's row

    def misses(self) -> list[str]:
        misses = []
        if self.status != 200:
            misses.append(f"status {self.status}")
        if self.headers.get("grade") != HEADER_GRADE:
            misses.append(f"headers {self.headers.get('grade')}")
        if self.kind == API:
            return misses
        for preset in PRESETS:
            run = self.lighthouse.get(preset)
            if run is None:
                misses.append(f"lighthouse {preset} not run")
                continue
            if run.get("error"):
                misses.append(f"lighthouse {preset}: {run['error'][:80]}")
            if self.kind != PUBLIC:
                continue
            for category in run.get("categories", LIGHTHOUSE_MINIMUM):
                minimum = LIGHTHOUSE_MINIMUM[category]
                score = (run.get("scores") or {}).get(category)
                if score is None or score < minimum:
                    misses.append(f"{preset} {category} {score}")
        if not self.browser:
            misses.append("browser checks not run")
        else:
            if self.kind == PUBLIC and self.browser["axe"]:
                misses.append(f"axe {len(self.browser['axe'])}")
            if self.browser["csp"]:
                misses.append(f"CSP {len(self.browser['csp'])}")
            if self.browser["console"]:
                misses.append(f"console {len(self.browser['console'])}")
        return misses


def _scores(run):
    if not run:
        return "—"
    if run.get("error") and not run.get("scores"):
        return "error"
    scores = run.get("scores") or {}
    shown = [c for c in LIGHTHOUSE_MINIMUM if c in run.get("categories", LIGHTHOUSE_MINIMUM)]
    return "/".join("–" if scores.get(c) is None else str(scores[c]) for c in shown)


def table(rows: list[Row]) -> str:
    lines = [
        "| page | status | LH mobile P/A/BP/SEO | LH desktop P/A/BP/SEO | axe | CSP | console "
        "| headers | budget |",
        "|" + "---|" * 9,
    ]
    for row in rows:
        misses = row.misses()
        browser = row.browser or {}
        headers = row.headers
        lines.append(
            f"| {row.name}{'' if row.kind == PUBLIC else f' ({row.kind})'} | {row.status} "
            f"| {_scores(row.lighthouse.get('mobile'))} | {_scores(row.lighthouse.get('desktop'))} "
            f"| {len(browser.get('axe', [])) if browser else '—'} "
            f"| {len(browser.get('csp', [])) if browser else '—'} "
            f"| {len(browser.get('console', [])) if browser else '—'} "
            f"| {headers.get('grade', '—')} ({headers.get('score', '—')}) "
            f"| {'ok' if not misses else 'MISSED: ' + '; '.join(misses)} |"
        )
    return "\n".join(lines)


def site_lines(deploy: dict, pip_audit: dict) -> list[str]:
    deploy_line = "check --deploy: " + ("ok" if deploy["ok"] else "MISSED")
    status = pip_audit["status"]
    if status == "ok":
        pip_line = f"pip-audit: ok, {pip_audit['audited']} locked packages, 0 known vulnerabilities"
    elif status == "vulnerable":
        pip_line = "pip-audit: MISSED: " + "; ".join(pip_audit["vulnerable"])
    else:
        pip_line = f"pip-audit: NOT RUN ({pip_audit.get('detail', '')})"
    return [deploy_line, pip_line]


def passed(rows: list[Row], deploy: dict, pip_audit: dict) -> bool:
    """True only when every budget was met and every check actually ran."""
    return all(not row.misses() for row in rows) and deploy["ok"] and pip_audit["status"] == "ok"
