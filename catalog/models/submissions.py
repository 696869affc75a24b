from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .ai_models import AIModel
from .benchmarks import Backend, Benchmark
from .hardware import Build, Hardware
from .reference import Quantization
from .software import Software


class SubmissionState(models.TextChoices):
    NEEDS_MAPPING = "needs-mapping", "Waiting for a reviewer to map it to the catalog"
    IN_REVIEW = "in-review", "Benchmark draft created"
    DECLINED = "declined", "Declined"


class BenchmarkSubmissionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=SubmissionState.NEEDS_MAPPING)


class BenchmarkSubmission(models.Model):
    """
    A measurement a reader sent through /benchmarks/submit/, kept private.

    What the reader typed and pasted is never edited: reviewers read it here,
    map what was "not listed" onto catalog rows, and the public record is the
    Benchmark draft created from it, which goes through the editorial workflow
    like any other change. The email is for follow-up questions only;
    `submitter_key` (a keyed hash of the normalised address) is what the trust
    ladder compares, so erasing an address on request keeps the ladder intact.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(
        max_length=20, choices=SubmissionState, default=SubmissionState.NEEDS_MAPPING
    )
    benchmark = models.OneToOneField(
        Benchmark,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
        editable=False,
    )

    # Who: private, never shown publicly.
    email = models.EmailField(max_length=254, blank=True)
    submitter_key = models.CharField(max_length=64, db_index=True, editable=False)

    # What ran: catalog rows, or the reader's own words when "not listed".
    model = models.ForeignKey(
        AIModel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    model_described = models.CharField("model (as described)", max_length=200, blank=True)
    quantization = models.ForeignKey(
        Quantization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quantization_described = models.CharField(
        "quantization (as described)", max_length=60, blank=True
    )
    hardware = models.ForeignKey(
        Hardware, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    build = models.ForeignKey(
        Build, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hardware_described = models.CharField("hardware (as described)", max_length=200, blank=True)
    software = models.ForeignKey(
        Software, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    software_described = models.CharField("software (as described)", max_length=120, blank=True)
    software_version = models.CharField(max_length=120)
    backend = models.CharField(max_length=10, choices=Backend)
    os = models.CharField("operating system", max_length=120)
    driver = models.CharField("driver", max_length=120, blank=True)
    context = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10_000_000)]
    )
    offloaded = models.BooleanField("partly offloaded to system RAM", default=False)
    run_date = models.DateField()

    # The measurement as typed (or taken from the log when left empty).
    decode_tokens_per_s = models.DecimalField(
        "decode (tok/s)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    prefill_tokens_per_s = models.DecimalField(
        "prefill (tok/s)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    vram_used_gb = models.DecimalField(
        "VRAM used (GiB)", max_digits=8, decimal_places=3, null=True, blank=True
    )
    test = models.CharField(max_length=40, blank=True)
    command = models.TextField(max_length=2000)
    raw_output = models.TextField(max_length=20_000)
    raw_output_sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    notes = models.TextField(max_length=2000, blank=True)

    # What the site made of it.
    parsed = models.JSONField(default=dict, blank=True, editable=False)
    flags = models.JSONField(
        default=list, blank=True, editable=False, help_text="Plausibility flags with reasons."
    )
    flagged = models.BooleanField(default=False, editable=False, db_index=True)
    reviewer_note = models.TextField(blank=True)

    objects = BenchmarkSubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # No "add": submissions come from readers only.
        default_permissions = ["view", "change", "delete"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(hardware__isnull=False) & models.Q(build__isnull=False)),
                name="submission_hardware_or_build",
            ),
        ]

    def __str__(self):
        return f"Submission #{self.pk}: {self.model_label} on {self.device_label}"

    @property
    def model_label(self):
        return str(self.model) if self.model_id else f"{self.model_described} (not listed)"

    @property
    def quantization_label(self):
        if self.quantization_id:
            return str(self.quantization)
        return f"{self.quantization_described} (not listed)"

    @property
    def device(self):
        return self.hardware or self.build

    @property
    def device_label(self):
        device = self.device
        return str(device) if device else f"{self.hardware_described} (not listed)"

    @property
    def software_label(self):
        name = str(self.software) if self.software_id else self.software_described
        return f"{name} {self.software_version}".strip()

    @property
    def is_mapped(self):
        """Model, quantization and device are catalog rows: a Benchmark can be drafted."""
        return bool(self.model_id and self.quantization_id and (self.hardware_id or self.build_id))

    def set_flags(self, flags):
        """Store plausibility flags (catalog.submissions.plausibility.Flag) for reviewers."""
        self.flags = [{"code": flag.code, "reason": flag.reason} for flag in flags]
        self.flagged = bool(self.flags)
