import copy
import itertools

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from catalog.models import AIModel, Benchmark, Build, BuildItem, Hardware, Software
from editorial.models import Person, Status

PREFIX = "bench-"


class Command(BaseCommand):
    help = (
        "Add a synthetic catalog, N times the shipped one, for load tests. Every row's slug "
        "starts with 'bench-' and its name says 'synthetic'. Refuses to run on the main "
        "database: use DATABASE_NAME=runlocalai_bench (make bench does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=10)

    def handle(self, *args, factor, **options):
        from django.db import connection

        if not connection.settings_dict["NAME"].endswith("_bench"):
            raise CommandError("Synthetic rows only go into a database whose name ends in _bench.")
        if AIModel.objects.filter(slug__startswith=PREFIX).exists():
            self.stdout.write("Synthetic catalog already present.")
            return
        with transaction.atomic():
            counts = self.generate(factor - 1)
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))

    def generate(self, copies):
        """`copies` synthetic rows for every real one, published like shipped content."""
        team = Person.team()
        now = timezone.now()
        published = {
            "status": Status.PUBLISHED,
            "published_at": now,
            "reviewed_at": now,
            "reviewed_by": team,
            "author": team,
            "revision_number": 1,
        }
        numbers = itertools.count(1)
        models = self._copies(AIModel, copies, numbers, published)
        hardware = self._copies(Hardware, copies, numbers, published)
        software = self._copies(Software, copies, numbers, published)
        builds = self._copies(Build, copies, numbers, published)
        BuildItem.objects.bulk_create(
            BuildItem(build=build, hardware=hardware[index % len(hardware)], count=2)
            for index, build in enumerate(builds)
        )
        real = list(Benchmark.objects.exclude(slug__startswith=PREFIX).select_related("build"))
        benchmarks = []
        for round_ in range(copies):
            for index, original in enumerate(real):
                benchmark = copy.copy(original)
                benchmark.pk = None
                benchmark.slug = f"{PREFIX}{round_}-{index}-{original.slug}"[:120]
                benchmark.model = models[(round_ * len(real) + index) % len(models)]
                benchmark.hardware = hardware[(round_ * len(real) + index) % len(hardware)]
                benchmark.build = None
                for name, value in published.items():
                    setattr(benchmark, name, value)
                benchmarks.append(benchmark)
        Benchmark.objects.bulk_create(benchmarks, batch_size=1000)
        return {
            "models": len(models),
            "hardware": len(hardware),
            "software": len(software),
            "builds": len(builds),
            "benchmarks": len(benchmarks),
        }

    def _copies(self, model, copies, numbers, published):
        rows = []
        originals = list(model.objects.exclude(slug__startswith=PREFIX))
        for _ in range(copies):
            for original in originals:
                number = next(numbers)
                row = copy.copy(original)
                row.pk = None
                row.slug = f"{PREFIX}{number}-{original.slug}"[:50]
                row.name = f"{original.name} (synthetic {number})"[:120]
                if hasattr(row, "aliases"):
                    row.aliases = []  # aliases join benchmark sources to real builds only
                for name, value in published.items():
                    setattr(row, name, value)
                rows.append(row)
        return model.objects.bulk_create(rows, batch_size=1000)
