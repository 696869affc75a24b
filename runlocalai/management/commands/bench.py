import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import AIModel, Benchmark, Build, Hardware, Software
from runlocalai.audit.server import gunicorn

WRK_SCRIPT = Path(settings.BASE_DIR) / "bin" / "wrk-report.lua"
REPORT_DIR = Path(settings.BASE_DIR) / "reports"
BUDGET_P95_MS = 50
BUDGET_DETAIL_RPS = 300
BUDGET_QUERIES = 10


class Command(BaseCommand):
    help = (
        "Load-test a production-mode server on loopback (run through bin/bench / make bench, "
        "which prepares the database and static files)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8799)
        parser.add_argument("--seconds", type=int, default=8, help="wrk duration per page.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=4)

    def handle(self, *args, port, seconds, connections, workers, **options):
        if not connection.settings_dict["NAME"].endswith("_bench"):
            self.stderr.write("Run through bin/bench (make bench): it uses its own database.")
            sys.exit(2)
        pages = self.pages()
        base = f"http://127.0.0.1:{port}"
        with gunicorn(port, workers=workers):
            rows = [self.measure(name, path, base, seconds, connections) for name, path in pages]
        self.report(rows, seconds=seconds, connections=connections, workers=workers)

    def pages(self):
        """One representative URL per page type, from the bench database itself."""
        model = AIModel.objects.published().exclude(attention_kind="").get(slug="qwen-2-5-14b")
        hardware = Hardware.objects.published().get(slug="nvidia-geforce-rtx-3090")
        build = Build.objects.published().first()
        software = Software.objects.published().get(slug="llama-cpp")
        benchmark = Benchmark.objects.published().exclude(slug__startswith="bench-").first()
        static = "/static/" + self.static_file_near(60_000)
        pages = [
            ("home", "/"),
            ("model index", "/models/"),
            ("model detail", model.get_absolute_url()),
            ("hardware index", "/hardware/"),
            ("hardware detail", hardware.get_absolute_url()),
            ("build detail", build.get_absolute_url()),
            ("software index", "/tools/"),
            ("software detail", software.get_absolute_url()),
            ("benchmark index", "/benchmarks/"),
            ("benchmark detail", benchmark.get_absolute_url()),
            ("glossary term", "/glossary/kv-cache/"),
            ("search", "/search/?q=rtx+3090"),
            (
                "will-it-run result",
                f"/will-it-run/?model={model.slug}&hardware=hw:{hardware.slug}&context=8192",
            ),
            (
                "custom build",
                f"/will-it-run/custom/?gpu=hw:{hardware.slug}&gpu_count=2&system_ram_gb=64"
                "&os=linux&runtime=llama.cpp&use_case=chat",
            ),
            ("compare", f"/compare/hardware/{hardware.slug}-vs-nvidia-geforce-rtx-4090/"),
            ("page (about)", "/about/"),
            ("static file (ceiling)", static),
        ]
        return pages

    def static_file_near(self, size):
        root = Path(settings.STATIC_ROOT)
        files = [p for p in root.rglob("*") if p.is_file() and p.suffix not in {".gz", ".br"}]
        best = min(files, key=lambda path: abs(path.stat().st_size - size))
        return str(best.relative_to(root))

    def measure(self, name, path, base, seconds, connections):
        self.stdout.write(f"  {name}: {path}")
        row = {"page": name, "path": path, **self.in_process(path)}
        wrk = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                str(WRK_SCRIPT),
                # Production settings redirect plain HTTP; the proxy header says "TLS".
                "-H",
                "X-Forwarded-Proto: https",
                base + path,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
        line = next(line for line in wrk.stdout.splitlines() if line.startswith("{"))
        row.update(json.loads(line))
        return row

    def in_process(self, path):
        """Queries, size and server time of the page, measured without the network."""
        client = Client(HTTP_HOST="127.0.0.1")
        if path.startswith("/static/"):
            response = client.get(path, secure=True)
            return {"status": response.status_code, "queries": 0, "size": _size(response)}
        client.get(path, secure=True)  # warm caches of the process, as a live server is
        # The debug query log is a bounded deque: once full, captures count 0.
        reset_queries()
        times = []
        for _ in range(30):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        # The same page with every cached fragment retired, as right after a
        # publish: what the first visitor of a new content version waits for.
        cold = []
        for _ in range(5):
            cache.clear()
            reset_queries()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as cold_queries:
                client.get(path, secure=True)
            cold.append((time.perf_counter() - started) * 1000)
        gzipped = client.get(path, secure=True, headers={"accept-encoding": "gzip"})
        return {
            "status": response.status_code,
            "queries": len(queries),
            "cold_queries": len(cold_queries),
            "size": _size(response),
            "gzip_size": _size(gzipped),
            "server_p50_ms": round(statistics.median(times), 2),
            "server_p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
            "cold_p50_ms": round(statistics.median(cold), 2),
        }

    def report(self, rows, **run):
        REPORT_DIR.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        meta = {"date": stamp, **run, "machine": _machine()}
        (REPORT_DIR / f"bench-{stamp}.json").write_text(
            json.dumps({**meta, "pages": rows}, indent=2)
        )
        table = _table(rows)
        (REPORT_DIR / f"bench-{stamp}.md").write_text(
            f"# make bench {stamp}\n\n{json.dumps(meta)}\n\n{table}\n"
        )
        self.stdout.write("\n" + table)
        self.stdout.write(f"\nReports: reports/bench-{stamp}.md and .json")


def _size(response):
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _machine():
    import os
    import platform

    return f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()}"


def _table(rows):
    header = (
        "| page | status | queries (cold) | KB (gzip) | server p50 ms | server p95 ms | "
        "cold p50 ms | rps (c16) | p50 ms | p95 ms | p99 ms | budget |"
    )
    lines = [header, "|" + "---|" * 12]
    for row in rows:
        over = []
        if row.get("server_p95_ms", 0) > BUDGET_P95_MS:
            over.append("p95")
        if max(row["queries"], row.get("cold_queries", 0)) > BUDGET_QUERIES:
            over.append("queries")
        if row["page"].endswith("detail") and row["rps"] < BUDGET_DETAIL_RPS:
            over.append("rps")
        lines.append(
            f"| {row['page']} | {row['status']} | "
            f"{row['queries']} ({row.get('cold_queries', '—')}) | "
            f"{row['size'] / 1024:.1f} ({row.get('gzip_size', row['size']) / 1024:.1f}) | "
            f"{row.get('server_p50_ms', '—')} | {row.get('server_p95_ms', '—')} | "
            f"{row.get('cold_p50_ms', '—')} | "
            f"{row['rps']:.0f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {'over: ' + ', '.join(over) if over else 'ok'} |"
        )
    return "\n".join(lines)
