"""Signed confirmation tokens: they name a consent record and expire."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "newsletter.confirm"


def make_confirmation_token(consent):
    return signing.dumps(consent.pk, salt=SALT)


def read_confirmation_token(token):
    """The consent record's id, or None for a forged, mangled or expired token."""
    max_age = timedelta(hours=settings.NEWSLETTER_CONFIRMATION_MAX_AGE_HOURS)
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    return value if isinstance(value, int) else None
