"""`bordertwin serve`: gunicorn with defaults for running behind a reverse proxy (nginx, Caddy) on the same machine."""

import os
import shutil
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = "Serve the app with gunicorn: bound to 127.0.0.1:8000 for a reverse proxy, 2 × CPUs + 1 workers."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=os.environ.get("BORDERTWIN_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("BORDERTWIN_WEB_WORKERS", 0)) or default_workers())
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("BORDERTWIN_WEB_TIMEOUT", 60)))

    def handle(self, *args: Any, bind: str, workers: int, timeout: int, **options: Any) -> None:
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError("gunicorn is not installed.")
        arguments = [
            gunicorn, "bordertwin.wsgi:application", "--bind", bind, "--workers", str(workers), "--timeout", str(timeout),
            "--graceful-timeout", "30", "--max-requests", "1000", "--max-requests-jitter", "100",
            # Only the proxy on this machine may say which scheme and client a request came from.
            "--forwarded-allow-ips", os.environ.get("BORDERTWIN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "--access-logfile", "-", "--error-logfile", "-",
        ]
        os.execv(gunicorn, arguments)  # noqa: S606  (gunicorn takes this process over: signals reach it directly)
