"""
Security-header grade of one response, scored the way Mozilla's HTTP Observatory does.

Written for this project from the published methodology, not ported code:
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring (the grading
chart and the two rounds) and the score table the MDN Observatory uses,
https://github.com/mdn/mdn-http-observatory/blob/main/src/grader/charts.js
(older text: https://github.com/mozilla/http-observatory/blob/main/httpobs/docs/scoring.md).

Every site starts at 100. Penalties are taken first; bonuses are added only when
the result is 90 (A) or more. 100 or more is A+; below that the grade is read from
the chart by rounding down to a multiple of 5. The tests: CSP, cookies, CORS,
redirection, Referrer-Policy, HSTS, subresource integrity, X-Content-Type-Options,
X-Frame-Options (or CSP frame-ancestors) and Cross-Origin-Resource-Policy.
Cross-Origin-Opener-Policy is reported but, as at the Observatory, not scored.

Two things the Observatory can check and this module cannot: the HSTS preload list
(its +5 bonus is never awarded here) and the TLS certificate chain (the audit runs on
plain loopback, with the TLS-terminating proxy played by `X-Forwarded-Proto: https`).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

BONUS_THRESHOLD = 90
HSTS_MINIMUM_SECONDS = 15_768_000  # six months
GRADE_CHART = {
    95: "A",
    90: "A",
    85: "A-",
    80: "B+",
    75: "B",
    70: "B",
    65: "B-",
    60: "C+",
    55: "C",
    50: "C",
    45: "C-",
    40: "D+",
    35: "D",
    30: "D",
    25: "D-",
}
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER_POLICIES = {
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
    "no-referrer-when-downgrade",
}
BROAD_SOURCES = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}


@dataclass(frozen=True)
class Result:
    test: str
    expectation: str
    modifier: int


@dataclass(frozen=True)
class Response:
    """What the grader needs to know about one page, fetched twice."""

    url: str
    status: int
    # Header names in any case; a header sent several times as a list of values.
    headers: dict[str, str | list[str]]
    body: str = ""
    # The same URL requested over plain HTTP, without the proxy's "this was TLS" header.
    http_status: int | None = None
    http_location: str = ""
    # The Origin sent with the request, to catch a reflected Access-Control-Allow-Origin.
    request_origin: str = ""


@dataclass(frozen=True)
class Grade:
    score: int
    grade: str
    results: list[Result] = field(default_factory=list)

    def failures(self) -> list[Result]:
        return [result for result in self.results if result.modifier < 0]


def grade(response: Response) -> Grade:
    headers = {name.lower(): value for name, value in response.headers.items()}
    csp = _parse_csp(_first(headers.get("content-security-policy")))
    hsts_seconds = _hsts_max_age(_first(headers.get("strict-transport-security")))
    results = [
        _csp(csp),
        _cookies(_all(headers.get("set-cookie")), hsts=bool(hsts_seconds)),
        _cors(headers, response.request_origin),
        _redirection(response),
        _referrer_policy(_first(headers.get("referrer-policy"))),
        _hsts(_first(headers.get("strict-transport-security")), hsts_seconds),
        _sri(response, _first(headers.get("content-type")) or ""),
        _x_content_type_options(_first(headers.get("x-content-type-options"))),
        _x_frame_options(_first(headers.get("x-frame-options")), csp),
        _corp(_first(headers.get("cross-origin-resource-policy"))),
        _coop(_first(headers.get("cross-origin-opener-policy"))),
    ]
    score = 100 + sum(result.modifier for result in results if result.modifier < 0)
    if score >= BONUS_THRESHOLD:
        score += sum(result.modifier for result in results if result.modifier > 0)
    score = max(score, 0)
    return Grade(score=score, grade=letter(score), results=results)


def letter(score: int) -> str:
    if score >= 100:
        return "A+"
    return GRADE_CHART.get(score - score % 5, "F")


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _all(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --- Content Security Policy -------------------------------------------------


def _parse_csp(header):
    """Directive → set of lower-cased sources; None when absent, "invalid" when unparsable."""
    if header is None:
        return None
    if not header.strip() or not header.isascii():
        return "invalid"
    policy = {}
    for part in header.split(";"):
        tokens = part.split()
        if not tokens:
            continue
        name = tokens[0].lower()
        # A repeated directive is ignored by browsers; the first one counts.
        policy.setdefault(name, {token.lower() for token in tokens[1:]})
    return policy or "invalid"


def _effective(policy, directive):
    return policy.get(directive, policy.get("default-src"))


def _csp(policy):
    if policy is None:
        return Result("content-security-policy", "csp-not-implemented", -25)
    if policy == "invalid":
        return Result("content-security-policy", "csp-header-invalid", -25)
    script = _effective(policy, "script-src")
    objects = _effective(policy, "object-src")
    for sources in (script, objects):
        if sources is None or "'unsafe-inline'" in sources or sources & BROAD_SOURCES:
            return Result("content-security-policy", "csp-implemented-with-unsafe-inline", -20)
    if "'unsafe-eval'" in script:
        return Result("content-security-policy", "csp-implemented-with-unsafe-eval", -10)
    active = ("default-src", "script-src", "style-src", "connect-src", "font-src", "frame-src")
    if any(_has_http(policy.get(name, set())) for name in active):
        return Result("content-security-policy", "csp-implemented-with-insecure-scheme", -20)
    if any(_has_http(policy.get(name, set())) for name in ("img-src", "media-src")):
        return Result(
            "content-security-policy",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        )
    style = _effective(policy, "style-src") or set()
    if "'unsafe-inline'" in style or style & BROAD_SOURCES:
        return Result(
            "content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0
        )
    form_action = policy.get("form-action")
    if policy.get("default-src") == {"'none'"} and form_action and "*" not in form_action:
        return Result(
            "content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10
        )
    return Result("content-security-policy", "csp-implemented-with-no-unsafe", 5)


def _has_http(sources):
    return any(source == "http:" or source.startswith("http://") for source in sources)


# --- Cookies -----------------------------------------------------------------


def _parse_cookie(header):
    name = header.split("=", 1)[0].strip()
    attributes = {}
    for part in header.split(";")[1:]:
        key, _, value = part.partition("=")
        attributes[key.strip().lower()] = value.strip()
    return name, attributes


def _cookies(set_cookies, *, hsts):
    if not set_cookies:
        return Result("cookies", "cookies-not-found", 0)
    worst = Result("cookies", "cookies-secure-with-httponly-sessions-and-samesite", 5)
    for header in set_cookies:
        name, attributes = _parse_cookie(header)
        lowered = name.lower()
        session = "sess" in lowered or "login" in lowered
        samesite = attributes.get("samesite")
        if session and "secure" not in attributes:
            found = (
                Result("cookies", "cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                if hsts
                else Result("cookies", "cookies-session-without-secure-flag", -40)
            )
        elif session and "httponly" not in attributes:
            found = Result("cookies", "cookies-session-without-httponly-flag", -30)
        elif "secure" not in attributes:
            found = (
                Result("cookies", "cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else Result("cookies", "cookies-without-secure-flag", -20)
            )
        elif samesite is not None and samesite.lower() not in ("strict", "lax"):
            found = Result("cookies", "cookies-samesite-flag-invalid", -20)
        elif samesite is None and "csrf" in lowered:
            found = Result("cookies", "cookies-anticsrf-without-samesite-flag", -20)
        elif samesite is None:
            found = Result("cookies", "cookies-secure-with-httponly-sessions", 0)
        else:
            continue
        if found.modifier < worst.modifier:
            worst = found
    return worst


# --- CORS, redirection, Referrer-Policy, HSTS ----------------------------------


def _cors(headers, request_origin):
    allow_origin = _first(headers.get("access-control-allow-origin"))
    if allow_origin is None:
        return Result(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0
        )
    credentials = (_first(headers.get("access-control-allow-credentials")) or "").lower() == "true"
    if allow_origin.strip() == "*":
        return Result(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
        )
    if credentials and request_origin and allow_origin.strip() == request_origin:
        return Result(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        )
    return Result(
        "cross-origin-resource-sharing",
        "cross-origin-resource-sharing-implemented-with-restricted-access",
        0,
    )


def _redirection(response):
    if response.http_status is None:
        return Result("redirection", "redirection-not-needed-no-http", 0)
    if response.http_status not in (301, 302, 303, 307, 308):
        return Result("redirection", "redirection-missing", -20)
    target = urlsplit(response.http_location)
    if target.scheme != "https":
        return Result("redirection", "redirection-not-to-https", -20)
    if target.hostname != urlsplit(response.url).hostname:
        return Result("redirection", "redirection-off-host-from-http", -5)
    return Result("redirection", "redirection-to-https", 0)


def _referrer_policy(header):
    if header is None:
        return Result("referrer-policy", "referrer-policy-not-implemented", 0)
    known = PRIVATE_REFERRER_POLICIES | UNSAFE_REFERRER_POLICIES
    # Browsers use the last value they understand.
    values = [value.strip().lower() for value in header.split(",") if value.strip()]
    understood = [value for value in values if value in known]
    if not understood:
        return Result("referrer-policy", "referrer-policy-header-invalid", -5)
    if understood[-1] in PRIVATE_REFERRER_POLICIES:
        return Result("referrer-policy", "referrer-policy-private", 5)
    return Result("referrer-policy", "referrer-policy-unsafe", -5)


def _hsts_max_age(header):
    if not header:
        return None
    for directive in header.split(";"):
        key, _, value = directive.strip().partition("=")
        if key.strip().lower() == "max-age":
            value = value.strip().strip('"')
            return int(value) if value.isdigit() else None
    return None


def _hsts(header, max_age):
    if header is None:
        return Result("strict-transport-security", "hsts-not-implemented", -20)
    if max_age is None:
        return Result("strict-transport-security", "hsts-header-invalid", -20)
    if max_age < HSTS_MINIMUM_SECONDS:
        return Result(
            "strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10
        )
    return Result("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0)


# --- Subresource integrity -----------------------------------------------------


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attributes = dict(attrs)
            if attributes.get("src"):
                self.scripts.append(attributes)


def _sri(response, content_type):
    if "html" not in content_type.lower():
        return Result("subresource-integrity", "sri-not-implemented-response-not-html", 0)
    parser = _Scripts()
    parser.feed(response.body)
    if not parser.scripts:
        return Result("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
    host = urlsplit(response.url).hostname
    external = []
    for script in parser.scripts:
        source = urlsplit(script["src"])
        if source.netloc and source.hostname != host:
            external.append((script, source.scheme == "https"))
    with_integrity = all(script.get("integrity") for script in parser.scripts)
    if not external:
        if with_integrity:
            return Result(
                "subresource-integrity", "sri-implemented-and-all-scripts-loaded-securely", 5
            )
        return Result(
            "subresource-integrity",
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        )
    secure = all(is_https for _, is_https in external)
    integrity = all(script.get("integrity") for script, _ in external)
    if integrity and secure:
        return Result(
            "subresource-integrity", "sri-implemented-and-external-scripts-loaded-securely", 5
        )
    if integrity:
        return Result(
            "subresource-integrity", "sri-implemented-but-external-scripts-not-loaded-securely", -20
        )
    if secure:
        return Result(
            "subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5
        )
    return Result(
        "subresource-integrity", "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    )


# --- Framing, sniffing, cross-origin policies -----------------------------------


def _x_content_type_options(header):
    if header is None:
        return Result("x-content-type-options", "x-content-type-options-not-implemented", -5)
    if header.strip().lower() == "nosniff":
        return Result("x-content-type-options", "x-content-type-options-nosniff", 0)
    return Result("x-content-type-options", "x-content-type-options-header-invalid", -5)


def _x_frame_options(header, csp):
    if isinstance(csp, dict):
        ancestors = csp.get("frame-ancestors")
        if ancestors and "*" not in ancestors:
            return Result("x-frame-options", "x-frame-options-implemented-via-csp", 5)
    if header is None:
        return Result("x-frame-options", "x-frame-options-not-implemented", -20)
    value = header.strip().lower()
    if value in ("deny", "sameorigin"):
        return Result("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    if value.startswith("allow-from "):
        return Result("x-frame-options", "x-frame-options-allow-from-origin", 0)
    return Result("x-frame-options", "x-frame-options-header-invalid", -20)


def _corp(header):
    if header is None:
        return Result(
            "cross-origin-resource-policy", "cross-origin-resource-policy-not-implemented", 0
        )
    value = header.strip().lower()
    if value in ("same-origin", "same-site"):
        return Result(
            "cross-origin-resource-policy",
            f"cross-origin-resource-policy-implemented-with-{value}",
            10,
        )
    if value == "cross-origin":
        return Result(
            "cross-origin-resource-policy",
            "cross-origin-resource-policy-implemented-with-cross-origin",
            0,
        )
    return Result("cross-origin-resource-policy", "cross-origin-resource-policy-header-invalid", -5)


def _coop(header):
    value = (header or "").strip().lower() or "not-implemented"
    return Result("cross-origin-opener-policy", f"cross-origin-opener-policy-{value}", 0)
