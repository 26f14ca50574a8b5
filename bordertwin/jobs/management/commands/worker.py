"""`bordertwin worker`: run background jobs. Several may run at once, on one machine or several."""

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from bordertwin.jobs import services


class Command(BaseCommand):
    help = "Run background jobs: from Redis (RQ) when BORDERTWIN_REDIS_URL is set, else from the database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--processes", type=int, default=1, help="How many worker processes to run side by side (default 1).")
        parser.add_argument("--burst", action="store_true", help="Run the jobs waiting now, then stop.")

    def handle(self, *args: Any, processes: int, burst: bool, **options: Any) -> None:
        if processes > 1:
            self.several(processes, burst)
            return
        # Jobs whose worker died are queued again before this one starts taking jobs.
        counts = services.recover()
        if any(counts.values()):
            self.stdout.write("Recovered jobs: {counts}".format(counts=counts))
        if settings.REDIS_URL:
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", burst=burst, with_scheduler=False)
        else:
            call_command("db_worker", queue_name="*", batch=burst, reload=False, interval=1, startup_delay=not burst)

    def several(self, processes: int, burst: bool) -> None:
        command = [sys.executable, "-m", "bordertwin.cli", "worker", *(["--burst"] if burst else [])]
        children = [subprocess.Popen(command, env=os.environ.copy()) for _ in range(processes)]

        def stop(signum: int, frame: Any) -> None:
            for child in children:
                child.send_signal(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        codes = [child.wait() for child in children]
        if any(codes):
            sys.exit(max(codes))
