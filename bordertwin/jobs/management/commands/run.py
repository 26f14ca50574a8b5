"""`bordertwin run [ADDRESS]`: the development server with a job worker and the scheduler beside it (`make run`)."""

import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV


class Command(BaseCommand):
    help = "Serve the app for development, with a background worker and the scheduler; stops them on exit."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, address: str, **options: Any) -> None:
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # The server's reloaded child: the worker and the scheduler already run beside its parent.
            call_command("runserver", address)
            return
        helpers = [subprocess.Popen([sys.executable, "-m", "bordertwin.cli", name]) for name in ("worker", "scheduler")]
        try:
            call_command("runserver", address)
        finally:
            for helper in helpers:
                helper.terminate()
            for helper in helpers:
                helper.wait(timeout=30)
