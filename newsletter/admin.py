import csv
import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse

from editorial.admin import PublishableAdmin
from editorial.models import TransitionError

from . import compose
from .models import (
    ConsentRecord,
    DeliveryState,
    Digest,
    Subscriber,
    SubscriberState,
    UnsubscribeRecord,
)


@admin.register(Digest)
class DigestAdmin(PublishableAdmin):
    list_display = ["subject", "status_badge", "send_status", "updated_at"]
    search_fields = ["subject", "slug"]
    prepopulated_fields = {"slug": ["subject"]}
    fields = ["subject", "slug", "intro", "body", "author", "last_verified"]
    readonly_fields = ["send_started_at", "sent_at"]
    actions = [*PublishableAdmin.actions, "send_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                deliveries_total=Count("deliveries"),
                deliveries_pending=Count(
                    "deliveries", filter=Q(deliveries__state=DeliveryState.PENDING)
                ),
            )
        )

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [*fields, "send_started_at", "sent_at"] if obj and obj.is_sent else fields

    def get_changeform_initial_data(self, request):
        # A new issue starts from what went live since the last one was sent.
        return {**compose.draft(), **super().get_changeform_initial_data(request)}

    @admin.display(description="Sending")
    def send_status(self, obj):
        if not obj.is_sent:
            return "Not sent"
        if obj.deliveries_pending:
            return f"Sending: {obj.deliveries_pending} of {obj.deliveries_total} left"
        return f"Sent to {obj.deliveries_total} on {obj.send_started_at:%Y-%m-%d}"

    @admin.action(description="Send selected to subscribers (or resume)", permissions=["publish"])
    def send_selected(self, request, queryset):
        for digest in queryset:
            try:
                created = digest.send(by=request.user)
            except (TransitionError, PermissionDenied) as error:
                messages.error(request, f"{digest}: {error}")
                continue
            self.log_change(request, digest, "Sent to subscribers.")
            if created:
                messages.success(request, f"{digest}: queued for {created} subscribers.")
            else:
                messages.info(request, f"{digest}: resumed; only pending deliveries are sent.")


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    fields = readonly_fields = ["created_at", "version", "page", "confirmed_at"]

    def has_add_permission(self, request, obj=None):
        return False


class UnsubscribeInline(admin.TabularInline):
    model = UnsubscribeRecord
    extra = 0
    can_delete = False
    fields = readonly_fields = ["created_at", "method"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Subscribers are created only by the signup form; staff export, mark or delete them."""

    list_display = ["email", "state", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["state"]
    search_fields = ["email"]
    fields = readonly_fields = [
        "email",
        "state",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "confirmation_sent_at",
    ]
    inlines = [ConsentInline, UnsubscribeInline]
    actions = [
        "export_json",
        "export_csv",
        "unsubscribe_selected",
        "mark_bounced",
        "mark_complained",
    ]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Export selected subscribers' data (JSON)", permissions=["view"])
    def export_json(self, request, queryset):
        data = [subscriber.export() for subscriber in _with_records(queryset)]
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="subscribers.json"'
        return response

    @admin.action(description="Export selected subscribers' data (CSV)", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "record", "at", "detail", "extra"])
        for subscriber in _with_records(queryset):
            data = subscriber.export()
            writer.writerow([data["email"], "state", data["created_at"], data["state"], ""])
            for item in data["consents"]:
                writer.writerow(
                    [
                        data["email"],
                        "consent",
                        item["given_at"],
                        f"version {item['version']} on {item['page']}",
                        f"confirmed {item['confirmed_at'] or 'no'}",
                    ]
                )
            for item in data["unsubscribes"]:
                writer.writerow([data["email"], "unsubscribe", item["at"], item["method"], ""])
            for item in data["deliveries"]:
                writer.writerow(
                    [
                        data["email"],
                        "delivery",
                        item["sent_at"] or "",
                        item["digest"],
                        item["state"],
                    ]
                )
        return response

    @admin.action(description="Unsubscribe selected (on their request)", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        for subscriber in queryset:
            subscriber.unsubscribe(method=UnsubscribeRecord.Method.ADMIN)
        self.message_user(request, f"Unsubscribed {len(queryset)}.")

    @admin.action(description="Mark selected as bounced", permissions=["change"])
    def mark_bounced(self, request, queryset):
        for subscriber in queryset:
            subscriber.mark(SubscriberState.BOUNCED)
        self.message_user(request, f"Marked {len(queryset)} as bounced.")

    @admin.action(description="Mark selected as complained (spam report)", permissions=["change"])
    def mark_complained(self, request, queryset):
        for subscriber in queryset:
            subscriber.mark(SubscriberState.COMPLAINED)
        self.message_user(request, f"Marked {len(queryset)} as complained.")


def _with_records(queryset):
    return queryset.prefetch_related("consents", "unsubscribes")
