from runlocalai.audit import observatory
from runlocalai.audit.observatory import Response, grade, letter

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HARDENED = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Type": "text/html; charset=utf-8",
}
PAGE = '<html><head><script src="/static/htmx.min.js" defer></script></head></html>'


def response(headers=HARDENED, *, body=PAGE, http_status=301, location=None, **changes):
    return Response(
        url="https://runlocalai.example/",
        status=200,
        headers={**headers, **changes},
        body=body,
        http_status=http_status,
        http_location=location or "https://runlocalai.example/",
        request_origin="https://elsewhere.example",
    )


def modifiers(graded):
    return {result.test: (result.expectation, result.modifier) for result in graded.results}


def test_the_production_headers_score_a_plus_with_every_bonus_they_earn():
    graded = grade(response())

    assert (graded.score, graded.grade) == (120, "A+")
    assert graded.failures() == []
    assert modifiers(graded)["content-security-policy"] == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
    )
    assert modifiers(graded)["x-frame-options"] == ("x-frame-options-implemented-via-csp", 5)
    assert modifiers(graded)["referrer-policy"] == ("referrer-policy-private", 5)


def test_no_security_headers_at_all_is_an_f():
    graded = grade(response(headers={"Content-Type": "text/html"}, http_status=200))

    # -25 CSP, -20 HSTS, -20 redirect, -20 framing, -5 nosniff.
    assert (graded.score, graded.grade) == (10, "F")


def test_bonuses_only_count_when_the_penalties_leave_an_a():
    headers = {k: v for k, v in HARDENED.items() if k != "Strict-Transport-Security"}

    graded = grade(response(headers=headers))

    # 100 - 20 = 80: the +20 of bonuses would make it an A+, but they are not added.
    assert (graded.score, graded.grade) == (80, "B+")


def test_grade_chart_boundaries():
    assert [letter(s) for s in (145, 100, 99, 90, 89, 85, 84, 70, 30, 25, 24, 0)] == [
        "A+",
        "A+",
        "A",
        "A",
        "A-",
        "A-",
        "B+",
        "B",
        "D",
        "D-",
        "F",
        "F",
    ]


def test_unsafe_inline_scripts_cost_twenty_but_inline_styles_cost_nothing():
    scripts = grade(response(**{"Content-Security-Policy": "default-src 'self' 'unsafe-inline'"}))
    styles = grade(
        response(
            **{
                "Content-Security-Policy": "default-src 'none'; script-src 'self'; "
                "object-src 'none'; style-src 'self' 'unsafe-inline'"
            }
        )
    )

    assert modifiers(scripts)["content-security-policy"][1] == -20
    assert modifiers(styles)["content-security-policy"] == (
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        0,
    )


def test_a_policy_without_script_src_or_default_src_is_unsafe():
    graded = grade(response(**{"Content-Security-Policy": "frame-ancestors 'none'"}))

    assert modifiers(graded)["content-security-policy"][1] == -20
    # frame-ancestors still counts for framing.
    assert modifiers(graded)["x-frame-options"][1] == 5


def test_missing_and_unparsable_csp_cost_twenty_five():
    headers = {k: v for k, v in HARDENED.items() if k != "Content-Security-Policy"}

    assert modifiers(grade(response(headers=headers)))["content-security-policy"][1] == -25
    assert modifiers(grade(response(**{"Content-Security-Policy": " "})))[
        "content-security-policy"
    ] == ("csp-header-invalid", -25)


def test_hardened_session_and_csrf_cookies_earn_the_cookie_bonus():
    cookies = [
        "__Host-sessionid=abc; HttpOnly; Path=/; SameSite=Lax; Secure",
        "__Host-csrftoken=def; Path=/; SameSite=Lax; Secure",
    ]

    graded = grade(response(**{"Set-Cookie": cookies}))

    assert modifiers(graded)["cookies"] == (
        "cookies-secure-with-httponly-sessions-and-samesite",
        5,
    )


def test_the_worst_cookie_sets_the_cookie_result():
    cookies = [
        "csrftoken=def; Path=/; SameSite=Lax; Secure",
        "sessionid=abc; Path=/; SameSite=Lax",
    ]
    no_hsts = {k: v for k, v in HARDENED.items() if k != "Strict-Transport-Security"}

    with_hsts = grade(response(**{"Set-Cookie": cookies}))
    without_hsts = grade(response(headers=no_hsts, **{"Set-Cookie": cookies}))

    assert modifiers(with_hsts)["cookies"] == (
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        -10,
    )
    assert modifiers(without_hsts)["cookies"] == ("cookies-session-without-secure-flag", -40)


def test_cookie_flags_each_have_their_penalty():
    def cookie_result(header):
        return modifiers(grade(response(**{"Set-Cookie": [header]})))["cookies"]

    assert cookie_result("sessionid=a; Secure; SameSite=Lax")[1] == -30
    assert cookie_result("theme=dark; Secure; SameSite=None")[1] == -20
    assert cookie_result("csrftoken=a; Secure")[1] == -20
    assert cookie_result("theme=dark; Secure") == ("cookies-secure-with-httponly-sessions", 0)


def test_short_or_broken_hsts():
    short = grade(response(**{"Strict-Transport-Security": "max-age=86400"}))
    broken = grade(response(**{"Strict-Transport-Security": "includeSubDomains"}))

    assert modifiers(short)["strict-transport-security"][1] == -10
    assert modifiers(broken)["strict-transport-security"] == ("hsts-header-invalid", -20)


def test_redirection_must_go_to_https_on_the_same_host():
    def redirect(status, location):
        graded = grade(response(http_status=status, location=location))
        return modifiers(graded)["redirection"]

    assert redirect(301, "https://runlocalai.example/") == ("redirection-to-https", 0)
    assert redirect(301, "https://www.runlocalai.example/")[1] == -5
    assert redirect(302, "http://runlocalai.example/")[1] == -20
    assert redirect(200, "")[0] == "redirection-missing"


def test_referrer_policy_uses_the_last_value_a_browser_understands():
    def policy(value):
        return modifiers(grade(response(**{"Referrer-Policy": value})))["referrer-policy"]

    assert policy("unsafe-url, no-referrer") == ("referrer-policy-private", 5)
    assert policy("no-referrer, unsafe-url") == ("referrer-policy-unsafe", -5)
    assert policy("sometimes") == ("referrer-policy-header-invalid", -5)


def test_cors_that_reflects_the_origin_with_credentials_costs_fifty():
    reflected = grade(
        response(
            **{
                "Access-Control-Allow-Origin": "https://elsewhere.example",
                "Access-Control-Allow-Credentials": "true",
            }
        )
    )
    public = grade(response(**{"Access-Control-Allow-Origin": "*"}))

    assert modifiers(reflected)["cross-origin-resource-sharing"][1] == -50
    assert modifiers(public)["cross-origin-resource-sharing"][1] == 0


def test_scripts_from_elsewhere_need_https_and_integrity():
    def sri(body):
        return modifiers(grade(response(body=body)))["subresource-integrity"]

    assert sri("<p>no scripts</p>")[1] == 0
    assert sri('<script src="https://cdn.example/x.js"></script>')[1] == -5
    assert sri('<script src="http://cdn.example/x.js"></script>')[1] == -50
    assert sri('<script src="//cdn.example/x.js"></script>')[1] == -50
    assert sri('<script src="https://cdn.example/x.js" integrity="sha384-x"></script>')[1] == 5
    assert sri('<script src="/static/a.js" integrity="sha384-x"></script>')[1] == 5


def test_framing_and_sniffing_headers():
    headers = {**HARDENED, "Content-Security-Policy": "default-src 'none'; script-src 'self'"}

    framed = grade(response(headers=headers))
    unframed = grade(response(headers={k: v for k, v in headers.items() if k != "X-Frame-Options"}))
    sniffed = grade(response(**{"X-Content-Type-Options": "yes"}))

    assert modifiers(framed)["x-frame-options"] == ("x-frame-options-sameorigin-or-deny", 0)
    assert modifiers(unframed)["x-frame-options"][1] == -20
    assert modifiers(sniffed)["x-content-type-options"][1] == -5


def test_cross_origin_resource_policy_same_origin_is_a_bonus_coop_is_reported_only():
    graded = grade(response(**{"Cross-Origin-Resource-Policy": "same-origin"}))

    assert modifiers(graded)["cross-origin-resource-policy"][1] == 10
    assert modifiers(graded)["cross-origin-opener-policy"] == (
        "cross-origin-opener-policy-same-origin",
        0,
    )
    assert graded.score == 130


def test_header_names_are_case_insensitive_and_repeated_headers_use_the_first():
    lower = {name.lower(): value for name, value in HARDENED.items()}
    lower["x-frame-options"] = ["DENY", "SAMEORIGIN"]

    assert grade(response(headers=lower)).score == 120
    assert observatory.BONUS_THRESHOLD == 90
