from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"

    def ready(self):
        from . import reference_search  # noqa: F401  (registers the search types)
        from .content_version import install_triggers
        from .roles import sync_role_permissions

        # After every app's migrations, not just this one's: Django creates each
        # app's permissions in its own post_migrate, and content types of apps
        # listed after this one only get theirs later. Runs after Django's own
        # handler because the auth app connects first.
        post_migrate.connect(sync_role_permissions, dispatch_uid="editorial-roles")
        # Once, after every app's migrations: the triggers need all content tables.
        post_migrate.connect(
            install_triggers, sender=self, dispatch_uid="editorial-content-version"
        )
