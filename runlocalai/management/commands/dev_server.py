import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from runlocalai import embedded_db


class Command(BaseCommand):
    help = (
        "Development server in one step: database (embedded unless DATABASE_URL is set), "
        "migrations, shipped content, then runserver on 127.0.0.1:$PORT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--skip-content",
            action="store_true",
            help="Do not (re)load shipped content.",
        )

    def handle(self, *args, port, skip_content, **options):
        database = settings.DATABASES["default"]
        self.stdout.write(
            f"Database: {database['NAME']} on {database.get('HOST') or 'local socket'}"
        )
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Migrations applied.")
        if not skip_content:
            call_command("load_content", stdout=self.stdout)

        self.stdout.write(self.style.SUCCESS(f"Serving http://127.0.0.1:{port}/ (Ctrl-C stops)"))
        # Ctrl-C (SIGINT) and a plain `kill` (SIGTERM) both end in the cleanup below.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
        )
        # The task worker sends newsletter mail (django-tasks-db); it reloads on
        # code changes like runserver and stops with it. With the immediate
        # backend (DJANGO_TASKS_BACKEND) tasks run inline and need no worker.
        processes = [server]
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            processes.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--queue-name", "*"],
                    cwd=settings.BASE_DIR,
                )
            )
            self.stdout.write("Task worker started (manage.py db_worker).")
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            if embedded_db.started_here():
                embedded_db.stop()
                self.stdout.write("Embedded PostgreSQL stopped.")
