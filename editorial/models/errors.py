import pghistory
from django.db import models
from django.db.models import F, Func, Q, Value
from django.urls import reverse

from .fields import PLATFORM_NAMES, RUNTIME_NAMES, display_names, tag_list
from .workflow import Publishable, PublishableQuerySet


class ErrorCategory(models.TextChoices):
    MEMORY = "memory", "Out of memory"
    GPU_DETECTION = "gpu-detection", "GPU not detected"
    LOADING = "loading", "Model loading"
    PERFORMANCE = "performance", "Performance"
    INSTALLATION = "installation", "Installation and drivers"
    TEMPLATES = "templates", "Chat templates and tokenizers"
    NETWORKING = "networking", "Downloads and networking"
    RUNTIME = "runtime", "Runtime crashes and limits"


class ErrorEntryQuerySet(PublishableQuerySet):
    def matching(self, text):
        """Entries whose title, exact message, variants or summary contain `text`."""
        aliases = Func(
            F("aliases"), Value(" "), function="array_to_string", output_field=models.TextField()
        )
        return self.alias(alias_text=aliases).filter(
            Q(title__icontains=text)
            | Q(error_string__icontains=text)
            | Q(alias_text__icontains=text)
            | Q(summary__icontains=text)
        )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ErrorEntry(Publishable):
    """One error message readers paste into search, with its causes and numbered fixes."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, max_length=120)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; also the page's meta description."
    )
    error_string = models.TextField(
        help_text="The exact text people paste: copy it from the terminal, do not paraphrase."
    )
    aliases = tag_list("other exact variants", help_text="Other wordings of the same error.")
    category = models.CharField(max_length=20, choices=ErrorCategory)
    runtimes = tag_list("runtimes affected")
    platforms = tag_list("platforms affected")
    what_it_means = models.TextField(help_text="Markdown.")
    causes = models.TextField(help_text="Markdown: a numbered list, most likely first.")
    fix = models.TextField(help_text="Markdown: numbered steps with commands in code blocks.")
    alternatives = models.TextField(blank=True, help_text="Markdown.")
    see_also = models.TextField(
        blank=True, help_text="Markdown: links to guides and troubleshooting pages."
    )
    related = tag_list("related errors", help_text="Slugs of other error entries.")
    glossary = tag_list("glossary terms", help_text="Slugs of glossary terms.")

    objects = ErrorEntryQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 180

    class Meta(Publishable.Meta):
        verbose_name = "error entry"
        verbose_name_plural = "error entries"
        ordering = ["category", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial:error_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def runtime_names(self):
        return display_names(self.runtimes, RUNTIME_NAMES)

    @property
    def platform_names(self):
        return display_names(self.platforms, PLATFORM_NAMES)

    @property
    def markdown_fields(self):
        """Every Markdown field, in page order (for shortcodes and checks)."""
        return [self.what_it_means, self.causes, self.fix, self.alternatives, self.see_also]


class ErrorFeedback(models.Model):
    """A reader's answer to “Did this fix it?”; read by editors in the admin, never shown."""

    error = models.ForeignKey(ErrorEntry, on_delete=models.CASCADE, related_name="feedback")
    helped = models.BooleanField("fixed it")
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "error feedback"
        verbose_name_plural = "error feedback"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.error}: {'fixed' if self.helped else 'not fixed'}"
