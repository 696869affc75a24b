from django.contrib import admin

from editorial.admin import PublishableAdmin

from .models import Category, Term


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(PublishableAdmin):
    list_display = ["term", "abbreviation", "category", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "category"]
    list_select_related = ["category", "author"]
    search_fields = ["term", "slug", "abbreviation", "aliases"]
    autocomplete_fields = [*PublishableAdmin.autocomplete_fields, "category"]
    prepopulated_fields = {"slug": ["term"]}
    fields = [
        "term",
        "slug",
        "abbreviation",
        "aliases",
        "category",
        "definition",
        "deeper_dive",
        "practical_example",
        "workflow_example",
        "related",
        "see_also",
        "author",
        "last_verified",
    ]
