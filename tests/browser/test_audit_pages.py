"""
The fast browser part of make audit: axe and Content-Security-Policy violations on the
page types tests/browser does not already cover (make audit checks every page type).
"""

from io import StringIO

import pytest
from django.core.management import call_command

from runlocalai.audit.checks import CSP_LISTENER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/will-it-run/?model=qwen-2-5-14b&hardware=hw:nvidia-geforce-rtx-3090&context=8192",
    "/will-it-run/custom/?gpu=hw:nvidia-geforce-rtx-3090&gpu_count=2&system_ram_gb=64"
    "&os=linux&runtime=llama.cpp&use_case=chat",
    "/compare/hardware/nvidia-geforce-rtx-3090-vs-nvidia-geforce-rtx-4090/",
    "/benchmarks/",
    "/tools/llama-cpp/",
]


def test_audited_pages_have_no_axe_or_csp_violations_or_console_errors(
    browser, live_server, axe_violations
):
    call_command("load_content", stdout=StringIO())
    found = {}
    for path in PAGES:
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        page.add_init_script(CSP_LISTENER)
        errors = []
        page.on("console", lambda m, into=errors: m.type == "error" and into.append(m.text))
        page.on("pageerror", lambda error, into=errors: into.append(str(error)))
        response = page.goto(live_server.url + path, wait_until="networkidle")
        problems = [
            *([] if response.status == 200 else [f"status {response.status}"]),
            *axe_violations(page),
            *(f"CSP: {v}" for v in page.evaluate("window.__cspViolations")),
            *(f"console: {e}" for e in errors),
        ]
        if problems:
            found[path] = problems
        context.close()

    assert found == {}


def test_the_csp_listener_reports_a_blocked_inline_script(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    page.goto(live_server.url + "/no-such-page/")
    # Added by the test through the DOM, so the page's own policy judges it.
    page.evaluate(
        "document.body.appendChild(Object.assign(document.createElement('script'),"
        " {textContent: 'window.ran = true'}))"
    )

    assert page.evaluate("window.__cspViolations") != []
    assert page.evaluate("window.ran") is None
    context.close()
