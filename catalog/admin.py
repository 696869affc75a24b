from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from editorial.admin import PublishableAdmin, SourceInline
from tools import contradictions

from .models import (
    AffiliateOffer,
    AIModel,
    Benchmark,
    BenchmarkSubmission,
    Build,
    BuildItem,
    Hardware,
    ModelFamily,
    ModelFile,
    Organization,
    Quantization,
    Software,
    SubmissionState,
    TrustTier,
)
from .submissions import services


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


class TrustTierFilter(admin.SimpleListFilter):
    title = "trust tier"
    parameter_name = "trust"

    def lookups(self, request, model_admin):
        return TrustTier.choices

    def queryset(self, request, queryset):
        if self.value() in TrustTier.values:
            return queryset.at_tier(TrustTier(self.value()))
        return queryset


@admin.register(Benchmark)
class BenchmarkAdmin(PublishableAdmin):
    list_display = [
        "__str__",
        "decode_tokens_per_s",
        "prefill_tokens_per_s",
        "trust_tier_label",
        *PublishableAdmin.list_display[1:],
    ]
    list_filter = [*PublishableAdmin.list_filter, "backend", "source_kind", TrustTierFilter]
    list_select_related = ["model", "quantization", "hardware", "build", "author"]
    search_fields = ["model__name", "hardware__name", "build__name", "test", "notes"]
    autocomplete_fields = ["author", "model", "quantization", "hardware", "build", "software"]
    readonly_fields = ["trust_tier_label", "reader_submission"]

    def get_queryset(self, request):
        # The tier is computed, never stored: annotate it for the whole page at once.
        return super().get_queryset(request).with_trust().select_related("submission")

    @admin.display(description="Trust tier (computed)")
    def trust_tier_label(self, obj):
        return obj.get_trust_tier_display()

    @admin.display(description="Reader submission")
    def reader_submission(self, obj):
        submission = getattr(obj, "submission", None)
        if submission is None:
            return "—"
        url = reverse("admin:catalog_benchmarksubmission_change", args=[submission.pk])
        flags = f"{len(submission.flags)} plausibility flag(s)" if submission.flags else "no flags"
        return format_html('<a href="{}">Submission #{}</a> ({})', url, submission.pk, flags)


@admin.register(AffiliateOffer)
class AffiliateOfferAdmin(PublishableAdmin):
    list_display = ["__str__", "price", "currency", "seen", *PublishableAdmin.list_display[1:]]
    list_select_related = ["hardware", "build"]
    search_fields = ["retailer", "hardware__name", "build__name"]
    autocomplete_fields = ["author", "hardware", "build"]


@admin.register(BenchmarkSubmission)
class BenchmarkSubmissionAdmin(admin.ModelAdmin):
    """
    Reader submissions, for reviewers: what was typed and pasted stays as sent.

    Reviewers map "not listed" names onto catalog rows (the only editable
    fields), then create the Benchmark draft, which is reviewed like any change.
    Whoever may publish benchmarks may handle submissions; they hold an email
    address, so editors without that right do not see them.
    """

    list_display = ["__str__", "created_at", "decode_tokens_per_s", "flag_count", "state"]
    list_filter = ["state", "flagged", "backend"]
    list_select_related = ["model", "hardware", "build"]
    search_fields = ["model_described", "hardware_described", "model__name", "hardware__name"]
    autocomplete_fields = ["model", "hardware", "build", "software"]
    actions = ["create_drafts", "recheck", "decline", "erase_emails"]
    fieldsets = [
        ("Review", {"fields": ["state", "benchmark_link", "flag_list", "typed_vs_log"]}),
        (
            "Map to the catalog",
            {
                "fields": [
                    ("model", "model_described"),
                    ("quantization", "quantization_described"),
                    ("hardware", "build", "hardware_described"),
                    ("software", "software_described"),
                    "reviewer_note",
                ]
            },
        ),
        (
            "As submitted",
            {
                "fields": [
                    "created_at",
                    "email",
                    "software_version",
                    "backend",
                    "os",
                    "driver",
                    "context",
                    "offloaded",
                    "run_date",
                    "vram_used_gb",
                    "test",
                    "command",
                    "raw_output",
                    "notes",
                ]
            },
        ),
    ]
    readonly_fields = [
        "state",
        "benchmark_link",
        "flag_list",
        "typed_vs_log",
        "model_described",
        "quantization_described",
        "hardware_described",
        "software_described",
        "created_at",
        "email",
        "software_version",
        "backend",
        "os",
        "driver",
        "context",
        "offloaded",
        "run_date",
        "vram_used_gb",
        "test",
        "command",
        "raw_output",
        "notes",
    ]

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return _may_review_benchmarks(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _may_review_benchmarks(request) or super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new mapping changes what the engine can check.
        services.refresh_flags(obj)

    @admin.display(description="Flags")
    def flag_count(self, obj):
        return len(obj.flags) or "—"

    @admin.display(description="Benchmark draft")
    def benchmark_link(self, obj):
        if not obj.benchmark_id:
            return "— (map the model, quantization and hardware, then “Create benchmark drafts”)"
        url = reverse("admin:catalog_benchmark_change", args=[obj.benchmark_id])
        return format_html('<a href="{}">{}</a>', url, obj.benchmark)

    @admin.display(description="Plausibility flags")
    def flag_list(self, obj):
        if not obj.flags:
            return "None: the speeds are within the engine's range and agree with the log."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><strong>{}</strong>: {}</li>", _flag_rows(obj.flags)),
        )

    @admin.display(description="Typed and parsed values")
    def typed_vs_log(self, obj):
        parsed = obj.parsed or {}
        logged = {m["kind"]: m for m in parsed.get("measurements", [])}
        chosen = {m["kind"]: m for m in parsed.get("chosen", [])}
        rows = []
        for kind, label, typed in (
            ("decode", "Decode tok/s", obj.decode_tokens_per_s),
            ("prefill", "Prefill tok/s", obj.prefill_tokens_per_s),
        ):
            from_log = chosen.get(kind) or logged.get(kind)
            shown = f"{from_log['tokens_per_s']} ({from_log['test']})" if from_log else "—"
            rows.append((label, typed if typed is not None else "—", shown))
        rows.append(("Quantization", obj.quantization_label, parsed.get("quant") or "—"))
        rows.append(("Backend", obj.get_backend_display(), parsed.get("backend") or "—"))
        rows.append(("Version", obj.software_version, parsed.get("version") or "—"))
        return format_html(
            "<p>Log format: {}</p><table><thead><tr><th>Figure</th><th>Submitted</th>"
            "<th>In the log</th></tr></thead><tbody>{}</tbody></table>",
            parsed.get("format") or "not recognised",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.action(
        description="Create benchmark drafts for mapped submissions", permissions=["change"]
    )
    def create_drafts(self, request, queryset):
        done = 0
        for submission in queryset.filter(
            state=SubmissionState.NEEDS_MAPPING, benchmark__isnull=True
        ):
            try:
                services.refresh_flags(submission)
                benchmark = services.create_draft(submission, by=request.user)
            except ValueError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                done += 1
                self.log_change(request, submission, f"Created benchmark draft {benchmark.pk}.")
        self.message_user(request, f"Created {done} benchmark draft(s), now in review.")

    @admin.action(description="Run the plausibility checks again", permissions=["change"])
    def recheck(self, request, queryset):
        for submission in queryset:
            services.refresh_flags(submission)
        self.message_user(request, f"Checked {len(queryset)} submission(s) again.")

    @admin.action(description="Decline selected", permissions=["change"])
    def decline(self, request, queryset):
        declined = 0
        for submission in queryset.filter(benchmark__isnull=True):
            services.decline(submission)
            self.log_change(request, submission, "Declined.")
            declined += 1
        self.message_user(
            request,
            f"Declined {declined}. Submissions with a benchmark draft are handled there "
            "(request changes or archive).",
        )

    @admin.action(description="Erase the email address (on request)", permissions=["change"])
    def erase_emails(self, request, queryset):
        for submission in queryset:
            services.erase_email(submission)
            self.log_change(request, submission, "Email address erased.")
        self.message_user(request, f"Erased {len(queryset)} address(es).")


def _may_review_benchmarks(request):
    return request.user.is_active and request.user.has_perm("catalog.publish_benchmark")


def _flag_rows(flags):
    return ((flag.get("code", ""), flag.get("reason", "")) for flag in flags)
