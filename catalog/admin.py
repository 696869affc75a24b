from django.contrib import admin, messages

from editorial.admin import PublishableAdmin, SourceInline
from tools import contradictions

from .models import (
    AffiliateOffer,
    AIModel,
    Benchmark,
    Build,
    BuildItem,
    Hardware,
    ModelFamily,
    ModelFile,
    Organization,
    Quantization,
    Software,
)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SourceInline]


@admin.register(ModelFamily)
class ModelFamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "organization"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SourceInline]


@admin.register(Quantization)
class QuantizationAdmin(admin.ModelAdmin):
    list_display = ["name", "format", "bits_per_weight"]
    list_filter = ["format"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SourceInline]


class EngineCheckedAdmin(PublishableAdmin):
    """Warns the editor, on save, about prose that contradicts the fit engine."""

    engine_check = None

    def save_model(self, request, obj, form, change):
        for found in type(self).engine_check(obj):
            self.message_user(
                request,
                f"Check the {found.field.replace('_', ' ')}: “{found.claim}”. {found.reason}",
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)


class ModelFileInline(admin.TabularInline):
    model = ModelFile
    extra = 0
    autocomplete_fields = ["quantization"]


@admin.register(AIModel)
class AIModelAdmin(EngineCheckedAdmin):
    engine_check = contradictions.check_model
    list_display = ["name", "family", "params_b", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "family", "attention_kind", "commercial_use"]
    list_select_related = ["family", "author"]
    search_fields = ["name", "slug", "hf_repo", "ollama_tag"]
    autocomplete_fields = ["author", "family", "organization"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ModelFileInline, *PublishableAdmin.inlines]


@admin.register(Hardware)
class HardwareAdmin(EngineCheckedAdmin):
    engine_check = contradictions.check_hardware
    list_display = [
        "name",
        "kind",
        "memory_gb",
        "bandwidth_gbs",
        "price_usd",
        *PublishableAdmin.list_display[1:],
    ]
    list_filter = [*PublishableAdmin.list_filter, "kind", "market_tier", "vendor"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["author", "vendor"]
    prepopulated_fields = {"slug": ["name"]}


class BuildItemInline(admin.TabularInline):
    model = BuildItem
    extra = 0
    autocomplete_fields = ["hardware"]


@admin.register(Build)
class BuildAdmin(PublishableAdmin):
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BuildItemInline, *PublishableAdmin.inlines]


@admin.register(Software)
class SoftwareAdmin(PublishableAdmin):
    list_display = ["name", "kind", "license", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "kind", "open_source"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["author", "organization"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Benchmark)
class BenchmarkAdmin(PublishableAdmin):
    list_display = [
        "__str__",
        "decode_tokens_per_s",
        "prefill_tokens_per_s",
        "trust_tier",
        *PublishableAdmin.list_display[1:],
    ]
    list_filter = [*PublishableAdmin.list_filter, "backend", "source_kind", "trust_tier"]
    list_select_related = ["model", "quantization", "hardware", "build", "author"]
    search_fields = ["model__name", "hardware__name", "build__name", "test", "notes"]
    autocomplete_fields = ["author", "model", "quantization", "hardware", "build", "software"]


@admin.register(AffiliateOffer)
class AffiliateOfferAdmin(PublishableAdmin):
    list_display = ["__str__", "price", "currency", "seen", *PublishableAdmin.list_display[1:]]
    list_select_related = ["hardware", "build"]
    search_fields = ["retailer", "hardware__name", "build__name"]
    autocomplete_fields = ["author", "hardware", "build"]
