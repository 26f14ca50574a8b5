"""A job kind for tests only: it writes rows slowly, so a worker can be killed half way through."""

import time
from typing import Any

from django.apps import AppConfig


class SlowConfig(AppConfig):
    name = "bordertwin.jobs.tests.slow"
    label = "jobs_tests_slow"

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from bordertwin.jobs.registry import Outcome, register

        @register("tests.slow_groups", "Slow groups")
        def slow_groups(job: Any, progress: Any) -> Outcome:
            count, delay = job.parameters["count"], job.parameters["delay"]
            for n in range(count):
                Group.objects.create(name=f"{job.pk}-{n}")
                progress(100 * n // count)
                time.sleep(delay)
            return Outcome(summary={"created": count})
