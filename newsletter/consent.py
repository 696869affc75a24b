"""
The consent text readers agree to, by version.

A consent record stores the version, so every version ever shown stays here
unchanged: add a new entry (and bump CURRENT) to change the wording.
"""

CONSENT_TEXTS = {
    "2026-06": (
        "Send me the RunLocalAI monthly digest by email. I can unsubscribe with one "
        "click in any issue."
    ),
}
CURRENT = "2026-06"


def current_text():
    return CONSENT_TEXTS[CURRENT]
