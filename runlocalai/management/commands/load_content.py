from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the content shipped with the project (each app's content/ folder). "
        "Idempotent: entries are upserted by slug, so running it twice changes nothing."
    )

    def handle(self, *args, **options):
        loaders = _content_loaders()
        if not loaders:
            self.stdout.write("No shipped content to load.")
            return
        for label, loader in loaders:
            with transaction.atomic():
                summary = loader.load()
            self.stdout.write(f"{label}: {summary}")


def _content_loaders():
    """Each app may ship `<app>/content_loader.py` with `load()` and an ORDER number."""
    loaders = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.content_loader")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.content_loader":
                raise
            continue
        loaders.append((getattr(module, "ORDER", 100), config.label, module))
    return [(label, module) for _, label, module in sorted(loaders)]
