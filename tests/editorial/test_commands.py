from datetime import timedelta
from io import StringIO

import time_machine
from django.core.management import call_command
from django.utils import timezone

from editorial.models import Page, Status


def test_publish_scheduled_publishes_due_revisions_once(make_page, editor, reviewer):
    page = make_page(by=editor)
    page.submit_for_review(by=editor)
    go_live = timezone.now() + timedelta(hours=1)
    page.approve(by=reviewer, go_live_at=go_live)

    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.status == Status.IN_REVIEW

    with time_machine.travel(go_live + timedelta(minutes=1)):
        out = StringIO()
        call_command("publish_scheduled", stdout=out)
        call_command("publish_scheduled", stdout=out)

    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    assert "Published 1 scheduled revision(s)." in out.getvalue()
    assert "Published 0 scheduled revision(s)." in out.getvalue()
    assert Page.objects.published().count() == 1
