import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from runlocalai.audit import budgets, checks, pages
from runlocalai.audit.server import gunicorn

REPORT_DIR = Path(settings.BASE_DIR) / "reports"


class Command(BaseCommand):
    help = (
        "Lighthouse, axe, CSP, security headers, check --deploy and pip-audit against a "
        "production-mode server on loopback (run through bin/audit / make audit, which "
        "prepares the database, static files and Lighthouse)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8797)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--only", help="Comma-separated page names (see runlocalai/audit/pages.py)."
        )
        parser.add_argument("--skip-lighthouse", action="store_true")
        parser.add_argument(
            "--desktop-all-categories",
            action="store_true",
            help="Lighthouse desktop runs all four categories, not only performance.",
        )

    def handle(
        self, *args, port, workers, only, skip_lighthouse, desktop_all_categories, **options
    ):
        if not connection.settings_dict["NAME"].endswith("_audit"):
            self.stderr.write("Run through bin/audit (make audit): it uses its own database.")
            sys.exit(2)
        started = time.monotonic()
        audited = pages.resolve()
        if only:
            wanted = {name.strip() for name in only.split(",")}
            audited = [page for page in audited if page.name in wanted]
        rows = [budgets.Row(page.name, page.path, page.kind) for page in audited]
        base = f"http://127.0.0.1:{port}"
        in_browser = [page for page in audited if page.kind != pages.API]

        phases = {}

        def phase(name):
            phases[name] = time.monotonic()
            self.stdout.write(name + "…")

        with gunicorn(port, workers=workers):
            phase(f"Headers ({len(rows)} pages)")
            for row in rows:
                row.headers = checks.header_grade(base, row.path)
                row.status = row.headers["status"]
            phase(f"axe, CSP and console in Chromium ({len(in_browser)} pages)")
            browser = checks.browser_checks(base, in_browser)
            for row in rows:
                row.browser = browser.get(row.name, {})
            if not skip_lighthouse:
                phase(f"Lighthouse, mobile and desktop ({len(in_browser)} pages)")
                by_name = {row.name: row for row in rows}

                def record(run):
                    by_name[run["name"]].lighthouse[run["preset"]] = run
                    scores = run.get("scores") or {}
                    shown = " ".join(f"{k[:4]} {v}" for k, v in scores.items()) or run["error"]
                    self.stdout.write(
                        f"  {run['name']} ({run['preset']}, {run['seconds']:.0f} s): {shown}"
                    )

                presets = {
                    "mobile": budgets.MOBILE_CATEGORIES,
                    "desktop": budgets.MOBILE_CATEGORIES
                    if desktop_all_categories
                    else budgets.DESKTOP_CATEGORIES,
                }
                checks.lighthouse(base, in_browser, presets, on_row=record)

        phase("check --deploy and pip-audit")
        deploy = checks.check_deploy()
        pip_audit = checks.pip_audit()
        phases["end"] = time.monotonic()
        seconds = phases["end"] - started
        if os.environ.get("AUDIT_STARTED"):
            # bin/audit's set-up (npm ci, migrate, load_content, collectstatic) included.
            seconds = time.time() - int(os.environ["AUDIT_STARTED"])
        # Seconds per phase, from each start to the next one's.
        marks = list(phases.items())
        timings = {
            name.split(" (")[0]: round(marks[i + 1][1] - at)
            for i, (name, at) in enumerate(marks[:-1])
        }
        ok = budgets.passed(rows, deploy, pip_audit) and not skip_lighthouse
        self.report(rows, deploy, pip_audit, seconds=seconds, timings=timings, ok=ok)
        if not ok:
            sys.exit(1)

    def report(self, rows, deploy, pip_audit, *, seconds, timings, ok):
        REPORT_DIR.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        meta = {
            "date": stamp,
            "machine": (
                f"{platform.node()} · {os.cpu_count()} CPUs · {platform.platform()} · "
                f"Python {platform.python_version()}"
            ),
            "seconds": round(seconds, 1),
            "phase_seconds": timings,
            "passed": ok,
        }
        summary = "\n".join(
            [
                budgets.table(rows),
                "",
                *budgets.site_lines(deploy, pip_audit),
                f"Result: {'all budgets met' if ok else 'BUDGETS MISSED or checks not run'} "
                f"— {seconds:.0f} s on {meta['machine']}",
                "Phases (s): " + ", ".join(f"{name} {value}" for name, value in timings.items()),
            ]
        )
        details = []
        for row in rows:
            found = [
                *(f"headers: {p}" for p in row.headers.get("penalties", [])),
                *(f"axe: {v}" for v in row.browser.get("axe", [])),
                *(f"CSP: {v}" for v in row.browser.get("csp", [])),
                *(f"console: {v}" for v in row.browser.get("console", [])),
                *(
                    f"lighthouse {preset}: {audit}"
                    for preset, run in row.lighthouse.items()
                    for audit in run.get("failing", [])
                ),
                *(
                    f"lighthouse {preset} metrics (ms): {run['metrics']}"
                    for preset, run in row.lighthouse.items()
                    if run.get("metrics")
                ),
                *(
                    f"lighthouse {preset} retried after: {run['retried']}"
                    for preset, run in row.lighthouse.items()
                    if run.get("retried")
                ),
            ]
            if found:
                details += [f"\n### {row.name} ({row.path})\n", *(f"- {line}" for line in found)]
        deploy_output = "\n".join(deploy["output"])
        (REPORT_DIR / f"audit-{stamp}.md").write_text(
            f"# make audit {stamp}\n\n{summary}\n\n## Findings\n"
            + "\n".join(details)
            + f"\n\n## check --deploy\n\n```\n{deploy_output}\n```\n"
        )
        (REPORT_DIR / f"audit-{stamp}.json").write_text(
            json.dumps(
                {
                    **meta,
                    "pages": [vars(row) | {"misses": row.misses()} for row in rows],
                    "check_deploy": deploy,
                    "pip_audit": pip_audit,
                },
                indent=2,
            )
        )
        self.stdout.write("\n" + summary)
        self.stdout.write(f"\nReports: reports/audit-{stamp}.md and .json")
