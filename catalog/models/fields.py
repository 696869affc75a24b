from django.contrib.postgres.fields import ArrayField
from django.db import models


def tag_list(verbose_name, **kwargs):
    """A short list of tags (backends, platforms…), edited as comma-separated text."""
    return ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        verbose_name=verbose_name,
        **kwargs,
    )


def lines(verbose_name, help_text="One item per line."):
    """A list of sentences (strengths, limitations…), edited one per line."""
    return models.TextField(verbose_name, blank=True, help_text=help_text)


def split_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]
