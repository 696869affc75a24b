from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalog.api import export


class Command(BaseCommand):
    help = (
        "Write the dated open-data archive (every published catalog table as CSV and JSON) "
        "into a directory: the same file /api/v1/export.zip serves."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        today = timezone.localdate()
        path = directory / export.archive_name(today)
        path.write_bytes(export.archive(today))
        self.stdout.write(str(path))
