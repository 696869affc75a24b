import pghistory
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Source(models.Model):
    """A cited source attached to any piece of content; shown as a numbered citation."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    position = models.PositiveSmallIntegerField(default=0)
    url = models.URLField("URL", max_length=500)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    accessed = models.DateField(help_text="When the source was last read.")
    note = models.CharField(max_length=300, blank=True, help_text="What it supports.")

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.title


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Correction(models.Model):
    """A dated correction note, shown on the page it corrects."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    date = models.DateField()
    text = models.TextField()

    class Meta:
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"
