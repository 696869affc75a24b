from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, Q

from newsletter.models import DeliveryState, Digest
from newsletter.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Queue the send task again for every digest with pending deliveries "
        "(after a worker crash; safe to run any time, e.g. from cron)."
    )

    def handle(self, *args, **options):
        unfinished = (
            Digest.objects.filter(send_started_at__isnull=False, sent_at__isnull=True)
            .annotate(
                pending=Count("deliveries", filter=Q(deliveries__state=DeliveryState.PENDING))
            )
            .order_by("send_started_at")
        )
        for digest in unfinished:
            transaction.on_commit(lambda pk=digest.pk: send_digest.enqueue(pk))
            self.stdout.write(f"Resumed: {digest} ({digest.pending} pending)")
