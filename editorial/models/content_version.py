from django.db import connection, models


class ContentVersion(models.Model):
    """
    One row that changes whenever any table behind a public page changes.

    PostgreSQL statement triggers (editorial/content_version.py installs them
    after every migrate) bump it, so QuerySet.update(), bulk admin actions,
    scheduled publishing and raw SQL all count, not only save(). Public pages
    use it as the key of their cached fragments and for Last-Modified: a new
    number means nothing cached under the old one is served again.

    The number comes from a sequence, which never rolls back: a preview renders
    inside a transaction that is rolled back, and the number it saw is never
    handed out again, so nothing cached during a preview can be mistaken for
    published content.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_content_version")]

    def __str__(self):
        return f"content version {self.number} ({self.changed_at})"

    @classmethod
    def current(cls):
        """The live row; a blank one before the first change (e.g. right after a flush)."""
        version = cls.objects.filter(id=1).first()
        return version or cls(number=0, changed_at=None)

    @classmethod
    def bump(cls):
        """What the triggers do, for code that changes content without touching a table."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {BUMP_FUNCTION}()")


BUMP_FUNCTION = "editorial_content_version_bump"
