from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"

    def ready(self):
        # Registers the site's searchable types (catalog entries and terms) and
        # the hooks that keep the search index in step with publishing.
        from runlocalai import search  # noqa: F401
