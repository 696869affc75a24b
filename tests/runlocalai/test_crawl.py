"""
A crawl of the whole site from "/", with the shipped content loaded.

Follows every internal link (href starting with "/") through the test client:
no network, no browser. Skips the admin, static files and feeds; of the
query-string variants of a path (?page=2, ?kind=…) only the first one found is
fetched, which keeps the crawl linear in the number of pages rather than in the
number of filter combinations.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

MAX_PAGES = 1500
SKIP_PREFIXES = ("/admin/", "/static/", "/api/", "/media/")
FEEDS = ("/pulse/feed/",)
REDIRECTS = {301, 302}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.title = ""
        self.description = None
        self.canonical = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content") or ""
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href") or ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _internal(href):
    """The path (and query) an href points at on this site, or None."""
    href, _ = urldefrag(href)
    if not href.startswith("/") or href.startswith("//"):
        return None
    if href.startswith(SKIP_PREFIXES) or href.startswith(FEEDS):
        return None
    return href


def crawl(client, start="/", max_pages=MAX_PAGES):
    """(problems, pages visited): every broken link with the page that links it."""
    queue = deque([(start, "(start)")])
    queued = {start}
    queried_paths = set()
    problems, visited = [], 0
    while queue and visited < max_pages:
        url, referrer = queue.popleft()
        visited += 1
        response = client.get(url)
        if response.status_code in REDIRECTS:
            target = _internal(response["Location"])
            if target and target not in queued:
                queued.add(target)
                queue.append((target, url))
            continue
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code} (linked from {referrer})")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = PageParser()
        parser.feed(response.text)
        if not parser.title.strip():
            problems.append(f"{url}: no <title>")
        if not parser.description:
            problems.append(f"{url}: no meta description")
        if not parser.canonical:
            problems.append(f"{url}: no canonical link")
        for href in parser.links:
            target = _internal(href)
            if target is None or target in queued:
                continue
            path, query = urlsplit(target).path, urlsplit(target).query
            if query:
                if path in queried_paths:
                    continue
                queried_paths.add(path)
            queued.add(target)
            queue.append((target, url))
    return problems, visited, len(queue)


def test_crawl_from_home_finds_no_broken_link_and_no_page_without_head_tags(shipped_content):
    # A server error is a finding like a 404, not a reason to stop the crawl.
    problems, visited, left = crawl(Client(raise_request_exception=False))

    assert visited > 300
    assert left == 0, f"the crawl stopped at {MAX_PAGES} pages with {left} left"
    assert problems == [], "\n".join(problems)


def test_crawler_reports_a_broken_link(db, client, live_page):
    live_page.body = "See [the missing page](/no-such-page/)."
    # Written through the ORM for the test only: the crawl reads the live row.
    type(live_page).objects.filter(pk=live_page.pk).update(body=live_page.body)

    problems, _, _ = crawl(client, start=live_page.get_absolute_url(), max_pages=300)

    assert any(re.match(r"/no-such-page/: 404 \(linked from /about-us/\)", p) for p in problems)
