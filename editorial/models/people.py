import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify


class PersonQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Person(models.Model):
    """A public author or reviewer; bylines link to their page."""

    TEAM_SLUG = "runlocalai-editors"

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    role = models.CharField(max_length=120, blank=True, help_text="E.g. “Hardware editor”.")
    bio = models.TextField(blank=True)
    is_team = models.BooleanField(
        default=False, help_text="A shared byline for content reviewed as a team."
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("editorial:person_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def for_user(cls, user):
        """The person behind a staff account, created on first use from the user's name."""
        try:
            return user.person
        except cls.DoesNotExist:
            name = user.get_full_name() or user.get_username()
            slug = slugify(name) or f"user-{user.pk}"
            if cls.objects.filter(slug=slug).exists():
                slug = f"{slug}-{user.pk}"
            return cls.objects.create(name=name, slug=slug, user=user)

    @classmethod
    def team(cls):
        team, _ = cls.objects.get_or_create(
            slug=cls.TEAM_SLUG,
            defaults={
                "name": "RunLocalAI editors",
                "is_team": True,
                "role": "Editorial team",
                "bio": (
                    "Content shipped with the site is written and cross-checked by the "
                    "RunLocalAI editors as a team, each page against the sources it cites."
                ),
            },
        )
        return team
