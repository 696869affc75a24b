"""Admin for Learn courses and chapters, Pulse entries and contact messages (see admin.py)."""

from django.contrib import admin

from .admin import PublishableAdmin
from .models import Chapter, ContactMessage, Course, PulseEntry


class ChapterInline(admin.TabularInline):
    """The course's chapters at a glance; each is edited and reviewed on its own page."""

    model = Chapter
    extra = 0
    fields = ["number", "title", "slug", "status", "reading_minutes"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Course)
class CourseAdmin(PublishableAdmin):
    list_display = ["title", "slug", "level", "position", *PublishableAdmin.list_display[1:]]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "level", "position", "body", "author", "last_verified"]
    inlines = [*PublishableAdmin.inlines, ChapterInline]


@admin.register(Chapter)
class ChapterAdmin(PublishableAdmin):
    list_display = ["__str__", "course", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "course"]
    list_select_related = ["author", "course"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [*PublishableAdmin.autocomplete_fields, "course"]
    fields = [
        "course",
        "number",
        "title",
        "slug",
        "summary",
        "reading_minutes",
        "key_insight",
        "body",
        "exercise",
        "check_on_your_machine",
        "author",
        "last_verified",
    ]


@admin.register(PulseEntry)
class PulseEntryAdmin(PublishableAdmin):
    list_display = ["title", "date", "kind", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "kind"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    fields = [
        "date",
        "kind",
        "title",
        "slug",
        "summary",
        "body",
        "links",
        "author",
        "last_verified",
    ]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """What readers wrote, exactly as they wrote it: editors read and delete, never edit."""

    list_display = ["created_at", "name", "email", "excerpt"]
    search_fields = ["name", "email", "message"]
    date_hierarchy = "created_at"
    readonly_fields = ["name", "email", "message", "created_at"]

    @admin.display(description="Message")
    def excerpt(self, obj):
        return obj.message[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
