"""
The checks make audit runs against the loopback server, each returning plain dicts.

The server plays production behind a TLS-terminating proxy: every audited request
carries `X-Forwarded-Proto: https`, as the proxy adds it, so Django answers as it
does in production (HSTS, Secure cookies). See runlocalai/management/commands/audit.py.
"""

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client, override_settings

from . import observatory

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
FOREIGN_ORIGIN = "https://observatory.invalid"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LIGHTHOUSE_SCRIPT = Path(__file__).with_name("lighthouse.mjs")
# Counts every Content-Security-Policy violation the page causes, whether or not
# Chromium also logs it to the console.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${blocked}`);
});
"""


def fetch(base: str, path: str, *, headers=None) -> tuple[int, dict, str]:
    """One GET without following redirects; repeated headers come back as lists."""
    connection = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port)
    try:
        connection.request("GET", path, headers={"Host": urlsplit(base).netloc, **(headers or {})})
        response = connection.getresponse()
        collected = {}
        for name, value in response.getheaders():
            collected.setdefault(name, []).append(value)
        flat = {
            name: values[0] if len(values) == 1 else values for name, values in collected.items()
        }
        if "Set-Cookie" in collected:
            flat["Set-Cookie"] = collected["Set-Cookie"]
        return response.status, flat, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def plain_http_redirect(path: str) -> tuple[int, str]:
    """
    What a plain-HTTP request gets with the production value of SECURE_SSL_REDIRECT.

    The loopback server runs with the redirect off (Lighthouse fetches robots.txt
    itself, without the proxy header, and would be sent to an https:// address
    nothing listens on), so the redirect is checked in this process instead, by the
    same middleware with the setting production uses.
    """
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = Client(HTTP_HOST="127.0.0.1").get(path)
    return response.status_code, response.get("Location", "")


def header_grade(base: str, path: str) -> dict:
    status, headers, body = fetch(base, path, headers={**PROXY_HEADERS, "Origin": FOREIGN_ORIGIN})
    http_status, http_location = plain_http_redirect(path)
    graded = observatory.grade(
        observatory.Response(
            url="https://" + urlsplit(base).netloc + path,
            status=status,
            headers=headers,
            body=body,
            http_status=http_status,
            http_location=http_location,
            request_origin=FOREIGN_ORIGIN,
        )
    )
    return {
        "status": status,
        "score": graded.score,
        "grade": graded.grade,
        "penalties": [f"{r.expectation} ({r.modifier})" for r in graded.failures()],
        "modifiers": {r.test: [r.expectation, r.modifier] for r in graded.results},
        "cookies": headers.get("Set-Cookie", []),
        "size": len(body.encode()),
    }


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), os.environ.get("CHROME_PATH")):
        if candidate and os.path.exists(candidate):
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("Chromium is missing: run bin/ensure-browser or set CHROMIUM_PATH.")
    return found


def browser_checks(base: str, pages) -> dict[str, dict]:
    """axe-core WCAG 2.2 A/AA violations, CSP violations and console errors per page."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            for page_spec in pages:
                # A phone's width: where code blocks and tables overflow and must scroll.
                context = browser.new_context(
                    extra_http_headers=PROXY_HEADERS, viewport={"width": 412, "height": 823}
                )
                page = context.new_page()
                page.add_init_script(CSP_LISTENER)
                console = []
                page.on(
                    "console",
                    lambda message, into=console: (
                        into.append(message.text) if message.type == "error" else None
                    ),
                )
                page.on("pageerror", lambda error, into=console: into.append(str(error)))
                page.goto(base + page_spec.path, wait_until="networkidle")
                violations = axe.run(page, options=options).response["violations"]
                results[page_spec.name] = {
                    "axe": [
                        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
                        f"{[node['target'] for node in v['nodes']][:3]})"
                        for v in violations
                    ],
                    "csp": page.evaluate("window.__cspViolations"),
                    "console": console,
                }
                context.close()
        finally:
            browser.close()
    return results


def lighthouse(base: str, pages, presets: dict[str, list[str]], *, on_row=None) -> list[dict]:
    """Lighthouse mobile and desktop, one page after another in one Chromium (lighthouse.mjs)."""
    node = shutil.which("node")
    if not node or not (Path(settings.BASE_DIR) / "node_modules" / "lighthouse").exists():
        return []
    pages_json = json.dumps([{"name": p.name, "path": p.path, "noindex": p.noindex} for p in pages])
    spec = ";".join(f"{preset}={','.join(categories)}" for preset, categories in presets.items())
    process = subprocess.Popen(
        [node, str(LIGHTHOUSE_SCRIPT), base, pages_json, spec],
        cwd=settings.BASE_DIR,
        env={**os.environ, "CHROME_PATH": chromium_path()},
        stdout=subprocess.PIPE,
        text=True,
    )
    rows = []
    for line in process.stdout:
        if line.startswith("{"):
            row = json.loads(line)
            rows.append(row)
            if on_row:
                on_row(row)
    process.wait()
    return rows


def check_deploy() -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        # The deployment's own value, not the loopback server's (see plain_http_redirect).
        env={**os.environ, "DJANGO_SECURE_SSL_REDIRECT": "true"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = (result.stdout + result.stderr).strip()
    return {"ok": result.returncode == 0, "output": output.splitlines()[-20:]}


def pip_audit() -> dict:
    """
    pip-audit of the dependencies locked in uv.lock (every group), through PyPI.

    pip-audit reports "No known vulnerabilities found" even when it could look
    nothing up; a package it skipped makes the result "not run", never a pass.
    """
    uv = shutil.which("uv") or str(Path(settings.BASE_DIR) / "var" / "uv" / "bin" / "uv")
    with tempfile.TemporaryDirectory() as scratch:
        requirements = Path(scratch) / "requirements.txt"
        exported = subprocess.run(
            [uv, "export", "--frozen", "--format", "requirements-txt", "--no-hashes"]
            + ["--all-groups", "--quiet", "--output-file", str(requirements)],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )
        if exported.returncode != 0:
            return {"status": "not run", "detail": "uv export failed: " + exported.stderr[-300:]}
        report = Path(scratch) / "pip-audit.json"
        audited = subprocess.run(
            [str(Path(sys.executable).parent / "pip-audit"), "--requirement", str(requirements)]
            + ["--no-deps", "--disable-pip", "--progress-spinner", "off"]
            + ["--format", "json", "--output", str(report)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if not report.exists():
            return {"status": "not run", "detail": audited.stderr.strip()[-300:]}
        dependencies = json.loads(report.read_text())["dependencies"]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [
        f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
        for d in dependencies
        if d.get("vulns")
    ]
    summary = {
        "packages": len(dependencies),
        "audited": len(dependencies) - len(skipped),
        "vulnerable": vulnerable,
    }
    if skipped:
        return {
            **summary,
            "status": "not run",
            "detail": f"{len(skipped)} of {len(dependencies)} packages could not be looked up "
            f"(e.g. {skipped[0]['skip_reason']})",
        }
    return {**summary, "status": "ok" if not vulnerable else "vulnerable"}
