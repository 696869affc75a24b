"""Admin for guides, errors (and readers' feedback), troubleshooting, quick answers, kits."""

from django.contrib import admin

from .admin import PublishableAdmin
from .models import (
    ErrorEntry,
    ErrorFeedback,
    Guide,
    GuidePick,
    PromptingKit,
    QuickAnswer,
    TroubleshootingCause,
    TroubleshootingGuide,
)


class GuidePickInline(admin.StackedInline):
    model = GuidePick
    extra = 0
    fields = ["rank", "label", "hardware", "build", "why", "buy_if", "skip_if"]
    autocomplete_fields = ["hardware", "build"]


@admin.register(Guide)
class GuideAdmin(PublishableAdmin):
    list_display = ["title", "format", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "format"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "format", "short_answer", "body", "author"]
    fields += ["last_verified"]
    inlines = [GuidePickInline, *PublishableAdmin.inlines]


@admin.register(ErrorEntry)
class ErrorEntryAdmin(PublishableAdmin):
    list_display = ["title", "category", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "category"]
    search_fields = ["title", "slug", "error_string", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "title",
        "slug",
        "summary",
        "error_string",
        "aliases",
        "category",
        "runtimes",
        "platforms",
        "what_it_means",
        "causes",
        "fix",
        "alternatives",
        "see_also",
        "related",
        "glossary",
        "author",
        "last_verified",
    ]


@admin.register(ErrorFeedback)
class ErrorFeedbackAdmin(admin.ModelAdmin):
    """Readers' answers to “Did this fix it?”: read-only evidence for the next edit."""

    list_display = ["error", "helped", "short_comment", "created_at"]
    list_filter = ["helped", "created_at"]
    list_select_related = ["error"]
    search_fields = ["error__title", "comment"]
    readonly_fields = ["error", "helped", "comment", "created_at"]
    date_hierarchy = "created_at"

    @admin.display(description="Comment")
    def short_comment(self, obj):
        return obj.comment[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TroubleshootingCauseInline(admin.StackedInline):
    model = TroubleshootingCause
    extra = 0
    fields = ["position", "name", "diagnose", "fix"]


@admin.register(TroubleshootingGuide)
class TroubleshootingGuideAdmin(PublishableAdmin):
    list_display = ["title", *PublishableAdmin.list_display[1:]]
    search_fields = ["title", "slug", "symptom", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "symptom", "platforms", "runtimes", "intro"]
    fields += ["author", "last_verified"]
    inlines = [TroubleshootingCauseInline, *PublishableAdmin.inlines]


@admin.register(QuickAnswer)
class QuickAnswerAdmin(PublishableAdmin):
    list_display = ["title", "deeper", *PublishableAdmin.list_display[1:]]
    search_fields = ["title", "slug", "answer"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "answer", "deeper", "body", "author", "last_verified"]


@admin.register(PromptingKit)
class PromptingKitAdmin(PublishableAdmin):
    list_display = ["title", "task", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "task"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "task", "model_sizes", "tested_with", "templates"]
    fields += ["caveats", "tips", "author", "last_verified"]
