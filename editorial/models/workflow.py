"""
The editorial workflow every public content type inherits.

States: draft → in review → (changes requested ↔ in review) → published → archived.
The state is never assigned directly: `save()` and `QuerySet.update()` refuse a
status change that does not come from a transition method, and transitions check
permissions and the four-eyes rule themselves, so the admin, management commands
and the shell all obey the same rules.

Review happens on revisions (see revisions.py). An unpublished item is its own
working copy; a published item keeps exactly its approved content while an edit
waits in a pending revision, and approval applies that revision to the row.
"""

import contextvars
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from .people import Person
from .sources import Correction, Source

_status_writes_allowed = contextvars.ContextVar("status_writes_allowed", default=False)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class TransitionError(Exception):
    """A transition that the item's current state does not allow."""


class FourEyesError(PermissionDenied):
    """Somebody tried to approve a change they made themselves."""


@contextmanager
def _allow_status_writes():
    token = _status_writes_allowed.set(True)
    try:
        yield
    finally:
        _status_writes_allowed.reset(token)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The only door to public content: views, feeds, sitemaps, search and the API use it."""
        return self.filter(status=Status.PUBLISHED)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def stale(self, *, today=None):
        """Published items whose last-verified date is older than their cadence (or unset)."""
        today = today or timezone.localdate()
        cutoff = today - timedelta(days=self.model.REVIEW_CADENCE_DAYS)
        return self.published().filter(Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True))

    def update(self, **kwargs):
        if "status" in kwargs and not _status_writes_allowed.get():
            raise TransitionError("Status changes only through transitions, never update().")
        return super().update(**kwargs)


class Publishable(models.Model):
    """
    Editorial state, byline and evidence for anything readers can see.

    Subclasses add their content fields, a `slug`, `get_absolute_url()` and may
    override REVIEW_CADENCE_DAYS and REVISION_CHILDREN (related accessors whose
    rows are part of a revision, such as a guide's picks).
    """

    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, editable=False, db_index=True
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown as “Written by”.",
    )
    reviewed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_note = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="First publication."
    )
    last_verified = models.DateField(
        null=True, blank=True, help_text="When the facts on this page were last checked."
    )
    revision_number = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    sources = GenericRelation(Source)
    corrections = GenericRelation(Correction)

    objects = PublishableQuerySet.as_manager()

    # Days after which a published item's last-verified date counts as stale.
    REVIEW_CADENCE_DAYS = 365
    REVISION_CHILDREN = ("sources", "corrections")
    # Managed by transitions, never part of a revision's content.
    WORKFLOW_FIELDS = frozenset(
        {
            "id",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "published_at",
            "revision_number",
            "created_at",
            "updated_at",
        }
    )

    class Meta:
        abstract = True
        # Adds a per-model "publish_<model>" permission next to add/change/...
        default_permissions = ["add", "change", "delete", "view", "publish"]

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_status", Status.DRAFT)
        if self.status != loaded and not _status_writes_allowed.get():
            raise TransitionError(
                f"{self.status!r} cannot be assigned directly; use a transition method."
            )
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    # -- reading ----------------------------------------------------------

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def open_revision(self):
        """The revision being written or reviewed, if any."""
        from .revisions import Revision

        return Revision.objects.for_object(self).open().first()

    # -- transitions --------------------------------------------------------

    def record_edit(self, *, by, summary=""):
        """
        Record the item's current content as its open revision, changed by `by`.

        For an unpublished item the row already holds the content; for a
        published one the caller has written the edit and rolls the row back
        (see PublishableAdmin), so the revision is the only place it lives.
        """
        from .revisions import Revision

        if self.status == Status.ARCHIVED:
            raise TransitionError("Archived content cannot be edited; unarchive it first.")
        revision = Revision.capture(self, by=by, summary=summary)
        if self.status in (Status.IN_REVIEW, Status.CHANGES_REQUESTED):
            # An edit after submission goes back to its writer until resubmitted.
            self._set_status(Status.DRAFT)
        return revision

    def submit_for_review(self, *, by):
        revision = self._require_open_revision()
        revision.submit(by=by)
        if not self.is_published:
            self._set_status(Status.IN_REVIEW)

    def request_changes(self, *, by, note):
        self._require_permission(by, "publish")
        revision = self._require_open_revision()
        revision.request_changes(by=by, note=note)
        if not self.is_published:
            self._set_status(Status.CHANGES_REQUESTED)

    def approve(self, *, by, note="", go_live_at=None):
        """
        Approve the open revision: publish it now, or at `go_live_at`.

        The person who last changed the revision can never approve it, whatever
        their permissions (superusers included).
        """
        self._require_permission(by, "publish")
        revision = self._require_open_revision()
        revision.approve(by=by, note=note, go_live_at=go_live_at)
        if not revision.is_scheduled:
            self.go_live(revision)
        return revision

    @transaction.atomic
    def go_live(self, revision):
        """Make an approved revision the public content (also used by scheduled publishing)."""
        from editorial import snapshots

        # Always from the revision: what goes live is exactly what was reviewed.
        snapshots.apply(self, revision.data)
        self.reviewed_by = Person.for_user(revision.reviewed_by) if revision.reviewed_by else None
        self.reviewed_at = revision.reviewed_at
        self.review_note = revision.note
        self.published_at = self.published_at or timezone.now()
        self.revision_number = revision.number
        self._set_status(Status.PUBLISHED)
        revision.mark_live()

    def archive(self, *, by):
        self._require_permission(by, "publish")
        if not self.is_published:
            raise TransitionError("Only published content can be archived.")
        self._set_status(Status.ARCHIVED)

    def unarchive(self, *, by):
        self._require_permission(by, "publish")
        if self.status != Status.ARCHIVED:
            raise TransitionError("Only archived content can be unarchived.")
        self._set_status(Status.DRAFT)

    @transaction.atomic
    def restore(self, revision, *, by):
        """Start a new revision from an old one; it needs review like any change."""
        from editorial import snapshots

        from .revisions import Revision

        if not self.is_published:
            snapshots.apply(self, revision.data)
            with _allow_status_writes():
                self.save()
        restored = Revision.capture(
            self,
            by=by,
            data=revision.data,
            summary=f"Restored revision {revision.number}.",
            restored_from=revision,
        )
        if not self.is_published and self.status != Status.DRAFT:
            self._set_status(Status.DRAFT)
        return restored

    @transaction.atomic
    def publish_shipped(self, *, team, summary="Shipped with the project."):
        """
        Publish content shipped with the project under the team byline.

        Shipped content is reviewed in code review before it is merged, so it
        loads as published; it still gets an approved revision for its history.
        """
        from .revisions import Revision

        self.author = self.author or team
        self.save()
        revision = Revision.capture(self, by=None, summary=summary)
        revision.mark_shipped()
        self.reviewed_by = team
        self.reviewed_at = timezone.now()
        self.published_at = self.published_at or timezone.now()
        self.revision_number = revision.number
        self._set_status(Status.PUBLISHED)

    # -- helpers --------------------------------------------------------------

    def _set_status(self, status):
        with _allow_status_writes():
            self.status = status
            self.save()

    def _require_open_revision(self):
        revision = self.open_revision()
        if revision is None:
            raise TransitionError("There is no pending change to act on.")
        return revision

    def _require_permission(self, user, action):
        codename = get_permission_codename(action, self._meta)
        if not user.has_perm(f"{self._meta.app_label}.{codename}"):
            raise PermissionDenied(f"You may not {action} {self._meta.verbose_name_plural}.")


def publishable_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Publishable)]
