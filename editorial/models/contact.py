from django.db import models


class ContactMessage(models.Model):
    """
    A message sent through /contact/, kept for the editors.

    Read-only in the admin: it is what a reader wrote, never edited. The
    sender's IP address is not stored (rate limiting counts in the cache).
    """

    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    message = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ["view", "delete"]

    def __str__(self):
        return f"{self.name} <{self.email}> on {self.created_at:%Y-%m-%d}"
