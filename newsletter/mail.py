"""
The newsletter's mails: a confirmation and the digest, each with text and HTML parts.

Every link is absolute and built from SITE_URL, because
mails are composed in the worker, where there is no request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from editorial.markdown import render as render_markdown

from .tokens import make_confirmation_token


def _url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _send(*, to, subject, template, context, headers=None):
    context = {**context, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/mail/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(
        render_to_string(f"newsletter/mail/{template}.html", context), "text/html"
    )
    message.send(using="default")


def send_confirmation(record):
    token = make_confirmation_token(record)
    _send(
        to=record.subscriber.email,
        subject=f"Confirm your {settings.SITE_NAME} digest subscription",
        template="confirm",
        context={
            "confirm_url": _url("newsletter:confirm", token),
            "hours": settings.NEWSLETTER_CONFIRMATION_MAX_AGE_HOURS,
        },
    )


def send_digest(digest, subscriber):
    unsubscribe_url = subscriber.get_unsubscribe_url()
    _send(
        to=subscriber.email,
        subject=digest.subject,
        template="digest",
        context={
            "digest": digest,
            "body_html": render_markdown(digest.body),
            "archive_url": settings.SITE_URL + digest.get_absolute_url(),
            "unsubscribe_url": unsubscribe_url,
        },
        # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that
        # POSTs "List-Unsubscribe=One-Click" to the URL, without cookies.
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
