from django.contrib import admin

from editorial.admin import PublishableAdmin

from .models import APIPrice, GPURental


@admin.register(APIPrice)
class APIPriceAdmin(PublishableAdmin):
    list_display = [
        "__str__",
        "input_per_million",
        "output_per_million",
        "seen",
        *PublishableAdmin.list_display[1:],
    ]
    list_select_related = ["author", "served_model"]
    search_fields = ["provider", "model_name", "slug"]
    autocomplete_fields = ["author", "served_model"]
    prepopulated_fields = {"slug": ["provider", "model_name"]}


@admin.register(GPURental)
class GPURentalAdmin(PublishableAdmin):
    list_display = ["__str__", "price_per_hour", "seen", *PublishableAdmin.list_display[1:]]
    list_select_related = ["author", "hardware"]
    search_fields = ["provider", "gpu_name", "slug"]
    autocomplete_fields = ["author", "hardware"]
    prepopulated_fields = {"slug": ["provider", "gpu_name"]}
