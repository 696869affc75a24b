# The browser tests' Chromium, live-server pages and axe helper (tests/browser/conftest.py).
from tests.browser.conftest import axe_violations, browser, open_page  # noqa: F401
