import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max
from django.utils import timezone

from .workflow import FourEyesError, TransitionError


class RevisionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    SCHEDULED = "scheduled", "Approved, scheduled"
    LIVE = "live", "Approved"
    SUPERSEDED = "superseded", "Superseded"


OPEN_STATES = [
    RevisionState.DRAFT,
    RevisionState.IN_REVIEW,
    RevisionState.CHANGES_REQUESTED,
    RevisionState.SCHEDULED,
]


class RevisionQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).order_by("-number")

    def for_object_id(self, content_type_id, object_id):
        return self.filter(content_type_id=content_type_id, object_id=object_id)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def awaiting_review_by(self, user):
        """Revisions in review that `user` may approve: never their own."""
        return (
            self.filter(state=RevisionState.IN_REVIEW)
            .exclude(changed_by=user)
            .select_related("content_type", "changed_by")
        )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Revision(models.Model):
    """
    One version of a piece of content: its fields and related rows as JSON.

    A revision is written (draft), submitted (in review), sent back (changes
    requested) or approved (live, or scheduled to go live). `changed_by` is the
    last person who changed its content, the one person who can never approve it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=RevisionState, default=RevisionState.DRAFT)
    data = models.JSONField()
    summary = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="The reviewer's note.")
    go_live_at = models.DateTimeField(null=True, blank=True)
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="one_number_per_revision"
            )
        ]
        indexes = [models.Index(fields=["state", "go_live_at"])]

    def __str__(self):
        return f"{self.content_type.name} #{self.object_id}, revision {self.number}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @property
    def is_scheduled(self):
        return self.state == RevisionState.SCHEDULED

    @classmethod
    def capture(cls, obj, *, by, data=None, summary="", restored_from=None):
        """Store `obj`'s current content (or `data`) in its open revision, creating one."""
        from editorial import snapshots

        data = snapshots.capture(obj) if data is None else data
        revision = cls.objects.for_object(obj).open().select_for_update().first()
        if revision is None:
            latest = cls.objects.for_object(obj).aggregate(Max("number"))["number__max"]
            revision = cls(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                number=(latest or 0) + 1,
            )
        revision.data = data
        revision.summary = summary or revision.summary
        revision.changed_by = by
        revision.changed_at = timezone.now()
        revision.restored_from = restored_from
        # Whatever was submitted or approved before, changed content needs a new review.
        revision.state = RevisionState.DRAFT
        revision.reviewed_by = None
        revision.reviewed_at = None
        revision.go_live_at = None
        revision.save()
        return revision

    def submit(self, *, by):
        if self.state not in (RevisionState.DRAFT, RevisionState.CHANGES_REQUESTED):
            raise TransitionError(
                f"A revision that is {self.get_state_display()} cannot be submitted."
            )
        self.state = RevisionState.IN_REVIEW
        self.submitted_at = timezone.now()
        self.save(update_fields=["state", "submitted_at"])

    def request_changes(self, *, by, note):
        if self.state != RevisionState.IN_REVIEW:
            raise TransitionError("Only a revision in review can be sent back.")
        if not note.strip():
            raise TransitionError("Say what needs to change.")
        self.state = RevisionState.CHANGES_REQUESTED
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.note = note
        self.save(update_fields=["state", "reviewed_by", "reviewed_at", "note"])

    def approve(self, *, by, note="", go_live_at=None):
        if self.state != RevisionState.IN_REVIEW:
            raise TransitionError("Only a revision in review can be approved.")
        if self.changed_by_id is not None and self.changed_by_id == by.pk:
            raise FourEyesError(
                "You made the last change to this revision; another reviewer must approve it."
            )
        now = timezone.now()
        self.reviewed_by = by
        self.reviewed_at = now
        self.note = note
        if go_live_at is not None and go_live_at > now:
            self.state = RevisionState.SCHEDULED
            self.go_live_at = go_live_at
        self.save(update_fields=["state", "reviewed_by", "reviewed_at", "note", "go_live_at"])

    def mark_live(self):
        self.__class__.objects.for_object_id(self.content_type_id, self.object_id).filter(
            state=RevisionState.LIVE
        ).exclude(pk=self.pk).update(state=RevisionState.SUPERSEDED)
        self.state = RevisionState.LIVE
        self.save(update_fields=["state"])

    def mark_shipped(self):
        self.reviewed_at = timezone.now()
        self.save(update_fields=["reviewed_at"])
        self.mark_live()
