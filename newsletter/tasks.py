"""Background work: mail never leaves inside a web request (see DESIGN.md section 7)."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import mail
from .models import ConsentRecord, Digest


@task
def send_confirmation(consent_id):
    """Mail a confirmation link for a signup, unless the address needs none or got one lately."""
    with transaction.atomic():
        record = (
            ConsentRecord.objects.select_related("subscriber")
            .select_for_update(of=("subscriber",))
            .filter(pk=consent_id)
            .first()
        )
        if record is None:  # the subscriber was deleted meanwhile
            return False
        subscriber = record.subscriber
        now = timezone.now()
        if not subscriber.may_be_sent_confirmation(now=now):
            return False
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
        # Inside the transaction: if the mail fails, the throttle is not spent.
        mail.send_confirmation(record)
    return True


@task
def send_digest(digest_id):
    """Work through a digest's pending deliveries; safe to run again at any time."""
    digest = Digest.objects.filter(pk=digest_id).first()
    if digest is None:
        return 0
    handled = 0
    while digest.deliver_next():
        handled += 1
    digest.finish_if_done()
    return handled
