"""
Browser tests: Playwright driving the distribution's Chromium against a live server.

Playwright cannot download its own browsers on these machines, so the tests use
/usr/bin/chromium (installed by bin/ensure-browser) or CHROMIUM_PATH.
"""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The network is closed here: no background calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    pytest.fail("Chromium is missing: run bin/ensure-browser or set CHROMIUM_PATH.")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread; the live
    # server does its database work in its own thread, so Django's async guard
    # would only refuse the tests' own fixtures.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def open_page(browser, live_server):
    """Open a path of the live server; returns (page, console errors seen)."""
    contexts = []

    def open_(path, *, color_scheme="light", viewport=None, java_script_enabled=True):
        context = browser.new_context(
            color_scheme=color_scheme,
            viewport=viewport or {"width": 1280, "height": 900},
            java_script_enabled=java_script_enabled,
        )
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(live_server.url + path, wait_until="load")
        return page, errors

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def axe_violations():
    """Run axe-core (WCAG 2.2 A/AA) on a page; returns the violations as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
        },
        "resultTypes": ["violations"],
    }

    def run(page):
        results = axe.run(page, options=options)
        return [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
            f"{[node['target'] for node in violation['nodes']][:3]})"
            for violation in results.response["violations"]
        ]

    return run
