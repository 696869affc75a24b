import pghistory
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from editorial.models import Revision, RevisionState


class Command(BaseCommand):
    help = (
        "Publish approved revisions whose go-live time has come. Idempotent and safe to run "
        "every minute from cron, even twice at once (rows are locked and skipped)."
    )

    def handle(self, *args, **options):
        published = 0
        while self.publish_one():
            published += 1
        self.stdout.write(f"Published {published} scheduled revision(s).")

    def publish_one(self):
        with transaction.atomic(), pghistory.context(command="publish_scheduled"):
            revision = (
                Revision.objects.filter(
                    state=RevisionState.SCHEDULED, go_live_at__lte=timezone.now()
                )
                .select_for_update(skip_locked=True)
                .order_by("go_live_at")
                .first()
            )
            if revision is None:
                return False
            revision.content_object.go_live(revision)
            self.stdout.write(f"{revision.content_type.name}: {revision.content_object}")
            return True
