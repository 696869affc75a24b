"""The site as in production on loopback: gunicorn serving runlocalai.wsgi (bench, audit)."""

import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


@contextmanager
def gunicorn(port: int, *, workers: int):
    """Start gunicorn on 127.0.0.1:port, wait for /healthz, stop it on exit."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "runlocalai.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_until_up(base: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # /healthz is exempt from the HTTPS redirect, so plain HTTP answers.
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")
