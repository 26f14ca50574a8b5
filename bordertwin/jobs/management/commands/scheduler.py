"""`bordertwin scheduler`: queue the scheduled work when it falls due, and rescue jobs whose worker died.

Run one (or more: a slot of scheduled work is queued once, whoever asks first) beside the workers.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from bordertwin.jobs import services


class Command(BaseCommand):
    help = "Queue scheduled jobs (alerts, clean-up) when due, and queue again the jobs of workers that died."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between two looks (default 30).")
        parser.add_argument("--once", action="store_true", help="Look once, then stop (e.g. from cron).")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        while True:
            close_old_connections()
            counts = services.recover()
            started = services.schedule()
            if once:
                self.stdout.write("Recovered: {counts}; scheduled: {started}".format(counts=counts, started=", ".join(started) or "-"))
                return
            time.sleep(interval)
