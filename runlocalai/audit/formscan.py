"""
The inputs a page offers: its forms and the query-string parameters of its own links.

Used by the fuzzing test (tests/audit/test_fuzz.py): each target is a method, an
action path and, for every parameter name, the values the page itself suggests
(select options, defaults, link values), which the fuzzer mixes with hostile ones.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit


@dataclass
class Target:
    method: str
    action: str
    # Parameter name → values seen on the page (possibly none).
    params: dict[str, set[str]] = field(default_factory=dict)

    def add(self, name: str, value: str | None) -> None:
        values = self.params.setdefault(name, set())
        if value:
            values.add(value)


class _Scanner(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url = page_url
        self.forms = []
        self.links = Target("get", urlsplit(page_url).path)
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action = urljoin(self.page_url, attributes.get("action") or self.page_url)
            self._form = Target((attributes.get("method") or "get").lower(), urlsplit(action).path)
            self.forms.append(self._form)
            for name, value in parse_qsl(urlsplit(action).query):
                self._form.add(name, value)
        elif tag == "a" and attributes.get("href"):
            url = urlsplit(urljoin(self.page_url, attributes["href"]))
            # Only the page's own parameters: links elsewhere are other pages' inputs.
            if url.path == urlsplit(self.page_url).path:
                for name, value in parse_qsl(url.query, keep_blank_values=True):
                    self.links.add(name, value)
        elif self._form is not None and attributes.get("name"):
            if tag == "select":
                self._select = attributes["name"]
                self._form.add(self._select, None)
            elif tag in ("input", "textarea", "button"):
                if attributes.get("type") in ("submit", "button") and tag != "button":
                    return
                self._form.add(attributes["name"], attributes.get("value"))
        if tag == "option" and self._form is not None and self._select:
            self._form.add(self._select, attributes.get("value"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def scan(page_url: str, html: str) -> list[Target]:
    """Every form of the page, then its own query-string links, as fuzzing targets."""
    scanner = _Scanner(page_url)
    scanner.feed(html)
    targets = [form for form in scanner.forms if form.params]
    if scanner.links.params:
        targets.append(scanner.links)
    return targets
