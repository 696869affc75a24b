from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"

    def ready(self):
        from . import reference_search  # noqa: F401  (registers the search types)
        from .roles import sync_role_permissions

        # After every app's migrations, not just this one's: Django creates each
        # app's permissions in its own post_migrate, and content types of apps
        # listed after this one only get theirs later. Runs after Django's own
        # handler because the auth app connects first.
        post_migrate.connect(sync_role_permissions, dispatch_uid="editorial-roles")
