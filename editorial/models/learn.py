import pghistory
from django.db import models
from django.urls import reverse

from .workflow import Publishable, PublishableQuerySet, Status


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Course(Publishable):
    """A short course of numbered chapters under /learn/<slug>/."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(
        max_length=400, help_text="One or two sentences; also the page's meta description."
    )
    level = models.CharField(max_length=20, choices=Level, default=Level.BEGINNER)
    body = models.TextField(
        blank=True, help_text="Markdown: who the course is for, what it covers."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on the Learn index, lowest first."
    )

    REVIEW_CADENCE_DAYS = 365

    class Meta(Publishable.Meta):
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial:course_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class ChapterQuerySet(PublishableQuerySet):
    def published(self):
        """Published chapters of published courses: a chapter never outlives its course."""
        return super().published().filter(course__status=Status.PUBLISHED)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Chapter(Publishable):
    """
    One numbered chapter of a course, at /learn/<course>/<slug>/.

    Slugs are unique site-wide (not only per course) so that shipped content
    upserts by slug like every other publishable type.
    """

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="chapters")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(max_length=400, help_text="Also the page's meta description.")
    reading_minutes = models.PositiveSmallIntegerField()
    key_insight = models.TextField(help_text="One sentence worth remembering (Markdown).")
    body = models.TextField(help_text="Markdown; [[fit …]] shortcodes allowed.")
    exercise = models.TextField(help_text="A short task (Markdown).")
    check_on_your_machine = models.TextField(
        help_text="A command or UI step, and what to look for (Markdown)."
    )

    objects = ChapterQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 365

    class Meta(Publishable.Meta):
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="chapter_number_per_course")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("editorial:chapter_detail", args=[self.course.slug, self.slug])

    def natural_key(self):
        return (self.slug,)
