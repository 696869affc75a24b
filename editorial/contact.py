"""
The contact form: what a reader may send, and how editors hear about it.

No spam relay: the mail goes only to CONTACT_EMAIL, its subject and headers are
fixed text (the visitor's input is never in a header, not even Reply-To), and the
visitor is never mailed.
"""

import logging

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

MESSAGES_PER_IP_PER_HOUR = 5


class ContactForm(forms.Form):
    name = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Only for our reply; never shown or shared.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    message = forms.CharField(
        min_length=10, max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self):
        # One line only: no control characters survive into the stored name.
        return " ".join(self.cleaned_data["name"].split())

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


def contact_recipient():
    return getattr(settings, "CONTACT_EMAIL", "")


def notify_editors(contact_message):
    """Mail the editors about a stored message; a mail failure is logged, never raised."""
    recipient = contact_recipient()
    if not recipient:
        return
    admin_url = settings.SITE_URL + reverse(
        "admin:editorial_contactmessage_change", args=[contact_message.pk]
    )
    mail = EmailMessage(
        subject=f"New message through the {settings.SITE_NAME} contact form",
        body=render_to_string(
            "editorial/contact_mail.txt", {"message": contact_message, "admin_url": admin_url}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    )
    try:
        mail.send()
    except Exception:
        # The message is stored either way; editors see it in the admin.
        logger.exception("Could not mail contact message %s", contact_message.pk)
