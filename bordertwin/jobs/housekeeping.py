"""Work every deployment needs on a schedule: clearing what has expired (users hear of their alerts through notifications)."""

import datetime
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from .models import ACTIVE, Job
from .registry import Outcome, Progress, every, register

CLEAN_UP = "jobs.clean_up"
# What the apps above also clear each hour (e.g. accounts: expired API tokens): name → function(now) → rows removed.
CLEANERS: dict[str, Callable[[datetime.datetime], int]] = {}


def also_clean(name: str, clear: Callable[[datetime.datetime], int]) -> None:
    """Have the hourly clean-up call `clear(now)` too (registered in an app's AppConfig.ready)."""
    CLEANERS[name] = clear


@register(CLEAN_UP, gettext_lazy("Clean-up of expired sessions, API tokens and old jobs"))
def clean_up(job: Any, progress: Progress) -> Outcome:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    now = timezone.now()
    cleared = {name: clear(now) for name, clear in CLEANERS.items()}
    before = now - datetime.timedelta(days=settings.BORDERTWIN_JOB_KEEP_DAYS)
    old = Job.objects.exclude(state__in=ACTIVE).filter(finished_at__lt=before)
    files = [name for name in old.values_list("result_file", flat=True) if name]
    count = old.delete()[0]
    DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    storage = Job._meta.get_field("result_file").storage
    for name in files:
        storage.delete(name)
    return Outcome(summary={"jobs": count, **cleared, "message": _("{count} old jobs removed.").format(count=count)})


every(3600, CLEAN_UP)
