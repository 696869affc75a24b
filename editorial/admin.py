from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.timezone import make_aware

from . import preview, snapshots
from .models import (
    Correction,
    FourEyesError,
    Page,
    Person,
    Revision,
    RevisionState,
    Source,
    Status,
    TransitionError,
)


class SourceInline(GenericTabularInline):
    model = Source
    extra = 0
    fields = ["position", "url", "title", "publisher", "accessed", "note"]


class CorrectionInline(GenericTabularInline):
    model = Correction
    extra = 0
    fields = ["date", "text"]


class StaleFilter(admin.SimpleListFilter):
    title = "verification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        days = model_admin.model.REVIEW_CADENCE_DAYS
        return [("stale", f"Not verified in {days} days")]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        return queryset


class PublishableAdmin(admin.ModelAdmin):
    """
    Base admin for publishable content: editors write and submit, reviewers approve.

    Saving a published item never changes it: the edit is captured as a pending
    revision and the row is rolled back, so the public page keeps showing the
    approved version until a reviewer who did not write the change approves it.
    Every transition calls the model's own method, which checks permissions and
    the four-eyes rule, so the admin cannot do anything the model API forbids.
    """

    list_display = ["__str__", "status_badge", "last_verified", "updated_at"]
    list_filter = ["status", StaleFilter]
    list_select_related = ["author"]
    autocomplete_fields = ["author"]
    inlines = [SourceInline, CorrectionInline]
    actions = ["submit_selected", "approve_selected", "archive_selected"]
    change_form_template = "admin/editorial/publishable_change_form.html"

    # -- list -----------------------------------------------------------------

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="editorial-status editorial-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    # -- saving: edits become revisions ----------------------------------------

    def save_model(self, request, obj, form, change):
        self._staging = None
        if change and obj.is_published:
            # Everything written from here to save_related is undone after the
            # new content has been captured into a revision.
            self._staging = transaction.savepoint_create()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if self._staging is None:
            revision = obj.record_edit(by=request.user)
            return
        data = snapshots.capture(obj)
        transaction.savepoint_rollback(self._staging)
        obj.refresh_from_db()
        revision = Revision.capture(obj, by=request.user, data=data)
        self.message_user(
            request,
            f"Saved as revision {revision.number}, waiting for review. "
            "The public page is unchanged until a reviewer approves it.",
            messages.WARNING,
        )

    def log_change(self, request, obj, message):
        # For a published item the row did not change; say so in its history.
        if getattr(self, "_staging", None) is not None:
            message = [{"changed": {"fields": ["pending revision"]}}]
        return super().log_change(request, obj, message)

    # -- workflow views --------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                wrap(self.workflow_view),
                name=f"{prefix}_workflow",
            ),
            path("<path:object_id>/review/", wrap(self.review_view), name=f"{prefix}_review"),
            path(
                "<path:object_id>/revisions/", wrap(self.revisions_view), name=f"{prefix}_revisions"
            ),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=f"{prefix}_preview"),
            *super().get_urls(),
        ]

    def _get_for_workflow(self, request, object_id):
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return _workflow(self, request, object_id, action)

    def review_view(self, request, object_id):
        obj = self._get_for_workflow(request, object_id)
        revision = obj.open_revision()
        live = Revision.objects.for_object(obj).filter(state=RevisionState.LIVE).first()
        changes = (
            snapshots.diff(type(obj), live.data if live else None, revision.data)
            if revision
            else []
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review: {obj}",
            "opts": self.opts,
            "original": obj,
            "revision": revision,
            "live": live,
            "changes": changes,
            "can_approve": self._can_approve(request, revision),
            "is_own_change": revision is not None and revision.changed_by_id == request.user.pk,
        }
        return TemplateResponse(request, "admin/editorial/review.html", context)

    def revisions_view(self, request, object_id):
        obj = self._get_for_workflow(request, object_id)
        revisions = list(
            Revision.objects.for_object(obj).select_related("changed_by", "reviewed_by")
        )
        # Each revision is compared with the one before it.
        history = [
            (revision, snapshots.diff(type(obj), older.data if older else None, revision.data))
            for revision, older in zip(revisions, [*revisions[1:], None], strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revisions: {obj}",
            "opts": self.opts,
            "original": obj,
            "history": history,
            "can_restore": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, "admin/editorial/revisions.html", context)

    def preview_view(self, request, object_id):
        obj = self._get_for_workflow(request, object_id)
        revision = obj.open_revision() or Revision.objects.for_object(obj).first()
        return preview.render_preview(request, obj, revision)

    def _can_approve(self, request, revision):
        return (
            revision is not None
            and revision.state == RevisionState.IN_REVIEW
            and self.has_publish_permission(request)
            and revision.changed_by_id != request.user.pk
        )

    def has_publish_permission(self, request):
        from django.contrib.auth import get_permission_codename

        codename = get_permission_codename("publish", self.opts)
        return request.user.has_perm(f"{self.opts.app_label}.{codename}")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            revision = obj.open_revision()
            extra_context = {
                **(extra_context or {}),
                "workflow_revision": revision,
                "workflow_can_approve": self._can_approve(request, revision),
                "workflow_can_publish": self.has_publish_permission(request),
                "workflow_is_own_change": revision is not None
                and revision.changed_by_id == request.user.pk,
                "workflow_is_published": obj.is_published,
                "workflow_is_archived": obj.status == Status.ARCHIVED,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    # -- bulk actions (one audit record per object: each goes through its own method) --

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        done = _each(request, queryset, lambda obj: obj.submit_for_review(by=request.user))
        self.message_user(request, f"Submitted {done} for review.")

    @admin.action(description="Approve and publish selected", permissions=["publish"])
    def approve_selected(self, request, queryset):
        done = _each(request, queryset, lambda obj: obj.approve(by=request.user))
        self.message_user(request, f"Approved {done}.")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive_selected(self, request, queryset):
        done = _each(request, queryset, lambda obj: obj.archive(by=request.user))
        self.message_user(request, f"Archived {done}.")


def _each(request, queryset, transition):
    """Apply a transition to every object; report each refusal instead of stopping."""
    done = 0
    for obj in queryset:
        try:
            with transaction.atomic():
                transition(obj)
        except (TransitionError, PermissionDenied) as error:
            messages.error(request, f"{obj}: {error}")
        else:
            done += 1
    return done


def _workflow(model_admin, request, object_id, action):
    obj = model_admin._get_for_workflow(request, object_id)
    note = request.POST.get("note", "").strip()
    transitions = {
        "submit": lambda: obj.submit_for_review(by=request.user),
        "approve": lambda: obj.approve(
            by=request.user, note=note, go_live_at=_go_live_at(request.POST)
        ),
        "request_changes": lambda: obj.request_changes(by=request.user, note=note),
        "archive": lambda: obj.archive(by=request.user),
        "unarchive": lambda: obj.unarchive(by=request.user),
        "restore": lambda: obj.restore(
            get_object_or_404(
                Revision.objects.for_object(obj), number=request.POST.get("revision")
            ),
            by=request.user,
        ),
    }
    if action not in transitions:
        raise PermissionDenied
    if action in {"submit", "restore"} and not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    try:
        with transaction.atomic():
            transitions[action]()
    except FourEyesError as error:
        messages.error(request, str(error))
    except (TransitionError, PermissionDenied, ValueError) as error:
        messages.error(request, str(error) or "You may not do that.")
    else:
        model_admin.log_change(request, obj, f"Workflow: {action.replace('_', ' ')}.")
        messages.success(request, _DONE[action])
    return HttpResponseRedirect(model_admin._change_url(obj))


_DONE = {
    "submit": "Submitted for review.",
    "approve": "Approved.",
    "request_changes": "Sent back to the writer with your note.",
    "archive": "Archived: no longer on the public site.",
    "unarchive": "Unarchived as a draft.",
    "restore": "Restored as a new revision; it needs review before it goes live.",
}


def _go_live_at(data):
    raw = data.get("go_live_at", "").strip()
    if not raw:
        return None
    moment = parse_datetime(raw)
    if moment is None:
        raise ValueError("The go-live time must look like 2026-12-01 09:00.")
    return make_aware(moment) if moment.tzinfo is None else moment


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "user", "is_team"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "slug", *PublishableAdmin.list_display[1:]]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "author", "last_verified"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "changed_by", "changed_at", "reviewed_by", "reviewed_at"]
    list_filter = ["state", "content_type"]
    readonly_fields = [field.name for field in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Learn, Pulse, contact messages and the reference content (guides, errors,
# troubleshooting, quick answers, kits) register themselves on import.
from . import admin_reference, admin_site  # noqa: E402, F401
