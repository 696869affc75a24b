from django.core.management.base import BaseCommand

from runlocalai import search


class Command(BaseCommand):
    help = "Recreate the site search index from published content (load_content also does)."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"Indexed {count} published items.")
