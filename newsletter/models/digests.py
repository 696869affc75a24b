"""
The monthly digest: an editorial issue, and one delivery row per recipient.

Sending is idempotent by construction. The first send freezes the recipient
list as Delivery rows (unique per digest and subscriber); the task then works
through the pending rows one at a time, each locked, mailed and marked sent in
its own transaction. Sending again, or a worker restarting after a crash, only
picks up rows still pending: nobody is mailed twice and nobody is skipped.
"""

import smtplib

import pghistory
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from editorial.models import Publishable, PublishableQuerySet, Status, TransitionError

from .subscribers import Subscriber, SubscriberState


class DigestQuerySet(PublishableQuerySet):
    def approved(self):
        """Published by a reviewer, whether or not it has been sent yet."""
        return super().published()

    def published(self):
        # An issue becomes public (archive, author pages, search) once it is mailed:
        # until then its subject is still news for subscribers.
        return self.approved().filter(send_started_at__isnull=False)

    def last_sent(self):
        return self.filter(send_started_at__isnull=False).order_by("-send_started_at").first()


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Digest(Publishable):
    subject = models.CharField(max_length=150, help_text="The mail's subject and the page title.")
    slug = models.SlugField(unique=True)
    intro = models.TextField(help_text="A short paragraph above the changes; plain text.")
    body = models.TextField(help_text="Markdown.")
    send_started_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a reviewer sent it."
    )
    sent_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the last delivery was done."
    )

    objects = DigestQuerySet.as_manager()

    WORKFLOW_FIELDS = Publishable.WORKFLOW_FIELDS | {"send_started_at", "sent_at"}

    class Meta(Publishable.Meta):
        ordering = ["-send_started_at", "-created_at"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletter:digest_detail", args=[self.slug])

    @property
    def is_sent(self):
        return self.send_started_at is not None

    def send(self, *, by):
        """
        Mail the approved issue to every active subscriber (a reviewer's action).

        The first call freezes the recipients; every call (re)queues the task, so
        a reviewer can resume a send that a worker crash interrupted.
        """
        from newsletter.tasks import send_digest

        self._require_permission(by, "publish")
        with transaction.atomic():
            digest = type(self).objects.select_for_update().get(pk=self.pk)
            if digest.status != Status.PUBLISHED:
                raise TransitionError("Only a published digest can be sent.")
            created = 0
            if digest.send_started_at is None:
                digest.send_started_at = timezone.now()
                digest.save(update_fields=["send_started_at"])
                recipients = Subscriber.objects.active().values_list("pk", flat=True)
                created = len(
                    Delivery.objects.bulk_create(
                        [Delivery(digest=digest, subscriber_id=pk) for pk in recipients],
                        ignore_conflicts=True,
                        batch_size=1000,
                    )
                )
            transaction.on_commit(lambda: send_digest.enqueue(digest.pk))
        self.send_started_at = digest.send_started_at
        return created

    def deliver_next(self):
        """
        Send one pending delivery; False when none is left.

        The row stays locked from the moment it is picked until it is marked,
        so concurrent workers never take the same row. A crash between the
        mail server's acceptance and the commit is the one window in which a
        retry could repeat a mail; it is one message wide.
        """
        from newsletter import mail

        with transaction.atomic():
            delivery = (
                self.deliveries.filter(state=DeliveryState.PENDING)
                .select_related("subscriber")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")
                .first()
            )
            if delivery is None:
                return False
            if delivery.subscriber.state != SubscriberState.ACTIVE:
                # Unsubscribed (or bounced) after the send started.
                delivery.finish(DeliveryState.SKIPPED)
                return True
            try:
                mail.send_digest(self, delivery.subscriber)
            except smtplib.SMTPRecipientsRefused as error:
                # This address is refused for good; other errors (server down)
                # propagate, leave the row pending and stop the run.
                delivery.finish(DeliveryState.FAILED, error=str(error)[:500])
                return True
            delivery.finish(DeliveryState.SENT)
            return True

    def finish_if_done(self):
        if not self.deliveries.filter(state=DeliveryState.PENDING).exists():
            type(self).objects.filter(pk=self.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped (no longer subscribed)"
    FAILED = "failed", "Failed (address refused)"


class Delivery(models.Model):
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=20, choices=DeliveryState, default=DeliveryState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="one_delivery_per_digest")
        ]
        indexes = [models.Index(fields=["digest", "state"])]

    def __str__(self):
        return f"{self.digest} → {self.subscriber}"

    def finish(self, state, *, error=""):
        self.state = state
        self.error = error
        self.sent_at = timezone.now() if state == DeliveryState.SENT else None
        self.save(update_fields=["state", "error", "sent_at"])
