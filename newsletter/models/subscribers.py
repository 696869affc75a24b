"""
Subscribers and the records of what each one agreed to.

Personal data lives only here (no audit triggers copy it elsewhere), so
deleting a subscriber in the admin deletes everything the site knows about them.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from newsletter import consent


def _unsubscribe_key():
    return secrets.token_urlsafe(24)


class SubscriberState(models.TextChoices):
    PENDING = "pending", "Pending confirmation"
    ACTIVE = "active", "Active"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    BOUNCED = "bounced", "Bounced"
    COMPLAINED = "complained", "Complained (marked as spam)"


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=SubscriberState.ACTIVE)


class Subscriber(models.Model):
    # Stored normalised (see normalize_email), so a plain unique index is one row per address.
    email = models.EmailField(unique=True)
    state = models.CharField(
        max_length=20, choices=SubscriberState, default=SubscriberState.PENDING, db_index=True
    )
    # A random key rather than a signature: unsubscribe links keep working when
    # SECRET_KEY is rotated, and one key can be revoked by changing it.
    unsubscribe_key = models.CharField(max_length=64, unique=True, default=_unsubscribe_key)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @staticmethod
    def normalize_email(address):
        """
        One spelling per mailbox: trimmed and lower-cased.

        Local parts are case-sensitive in theory; no mail provider in use treats
        them so, and two rows for Ann@ and ann@ would mail one person twice.
        """
        return address.strip().lower()

    @classmethod
    @transaction.atomic
    def sign_up(cls, email, *, page):
        """
        Record a signup for `email` and queue its confirmation mail.

        Does the same work whatever state the address is in (no enumeration
        through timing): insert-or-nothing, one read, one consent record, one
        queued task. The task decides whether a mail is due.
        """
        from newsletter.tasks import send_confirmation

        email = cls.normalize_email(email)
        # INSERT … ON CONFLICT DO NOTHING: concurrent double submits leave one row.
        cls.objects.bulk_create([cls(email=email)], ignore_conflicts=True)
        subscriber = cls.objects.get(email=email)
        record = ConsentRecord.objects.create(
            subscriber=subscriber, version=consent.CURRENT, page=page
        )
        transaction.on_commit(lambda: send_confirmation.enqueue(record.pk))
        return subscriber

    def get_unsubscribe_url(self):
        path = reverse("newsletter:unsubscribe", args=[self.unsubscribe_key])
        return settings.SITE_URL + path

    def may_be_sent_confirmation(self, *, now):
        """Active and complained addresses get no confirmation; others at most one per interval."""
        if self.state in (SubscriberState.ACTIVE, SubscriberState.COMPLAINED):
            return False
        interval = timedelta(minutes=settings.NEWSLETTER_RESEND_MINUTES)
        return self.confirmation_sent_at is None or now - self.confirmation_sent_at >= interval

    def confirm(self, record):
        """Activate through a confirmation link; the link's consent record is used up."""
        now = timezone.now()
        record.confirmed_at = now
        record.save(update_fields=["confirmed_at"])
        if self.state != SubscriberState.ACTIVE:
            self.state = SubscriberState.ACTIVE
            self.confirmed_at = now
            self.unsubscribed_at = None
            self.save(update_fields=["state", "confirmed_at", "unsubscribed_at"])

    def unsubscribe(self, *, method):
        """Stop all mail at once; recorded even when repeated, as proof of the request."""
        UnsubscribeRecord.objects.create(subscriber=self, method=method)
        if self.state in (SubscriberState.PENDING, SubscriberState.ACTIVE):
            self.state = SubscriberState.UNSUBSCRIBED
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["state", "unsubscribed_at"])

    def mark(self, state):
        """Record a bounce or complaint reported by the mail provider."""
        self.state = state
        self.save(update_fields=["state"])

    def export(self):
        """Everything stored about this subscriber, for a data-access request."""
        return {
            "email": self.email,
            "state": self.state,
            "created_at": self.created_at.isoformat(),
            "confirmed_at": _iso(self.confirmed_at),
            "unsubscribed_at": _iso(self.unsubscribed_at),
            "confirmation_sent_at": _iso(self.confirmation_sent_at),
            "consents": [
                {
                    "given_at": record.created_at.isoformat(),
                    "version": record.version,
                    "text": consent.CONSENT_TEXTS.get(record.version, ""),
                    "page": record.page,
                    "confirmed_at": _iso(record.confirmed_at),
                }
                for record in self.consents.all()
            ],
            "unsubscribes": [
                {"at": record.created_at.isoformat(), "method": record.method}
                for record in self.unsubscribes.all()
            ],
            "deliveries": [
                {
                    "digest": delivery.digest.subject,
                    "state": delivery.state,
                    "sent_at": _iso(delivery.sent_at),
                }
                for delivery in self.deliveries.select_related("digest")
            ],
        }


def _iso(moment):
    return moment.isoformat() if moment else None


class ConsentRecord(models.Model):
    """One signup form submission: when, which consent text, on which page, and if confirmed."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.CharField("consent text version", max_length=20)
    page = models.CharField(max_length=200)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Consent {self.version} on {self.created_at:%Y-%m-%d}"


class UnsubscribeRecord(models.Model):
    class Method(models.TextChoices):
        ONE_CLICK = "one_click", "One-click (mail client)"
        PAGE = "page", "Unsubscribe page"
        ADMIN = "admin", "By staff on request"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="unsubscribes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=20, choices=Method)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Unsubscribed ({self.get_method_display()}) on {self.created_at:%Y-%m-%d}"
