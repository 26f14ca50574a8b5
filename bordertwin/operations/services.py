"""The state of what the service stands on: database, cache, queue and disk (for /health/)."""

import datetime
import shutil
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone

from bordertwin.jobs.models import Job, State

from .cache import ForgivingRedisCache


def database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return {"ok": False}
    return {"ok": True, "vendor": connection.vendor}


def shared_cache() -> dict[str, Any]:
    """Redis, when configured. Without it pages still work (the cache is bypassed), so it is reported, not required."""
    backend = caches["default"]
    if isinstance(backend, ForgivingRedisCache):
        return {"ok": backend.reachable(), "kind": "redis"}
    return {"ok": True, "kind": "local"}


def queue(database_ok: bool) -> dict[str, Any]:
    """How many jobs wait, and for how long the oldest has. On Redis, whether the queue answers."""
    state: dict[str, Any] = {"ok": database_ok, "kind": "redis" if settings.REDIS_URL else "database"}
    if settings.REDIS_URL:
        state["ok"] = database_ok and shared_cache()["ok"]
    if database_ok:
        waiting = Job.objects.filter(state=State.QUEUED)
        oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
        state["waiting"] = waiting.count()
        state["oldest_waiting_seconds"] = int((timezone.now() - oldest) / datetime.timedelta(seconds=1)) if oldest else 0
    return state


def disk() -> dict[str, Any]:
    usage = shutil.disk_usage(settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.VAR_DIR)
    return {"ok": usage.free >= settings.BORDERTWIN_HEALTH_MIN_FREE_BYTES, "free_bytes": usage.free,
            "free_percent": round(100 * usage.free / usage.total, 1)}


def health() -> tuple[bool, dict[str, Any]]:
    """Ready when the database answers and the disk has room. A dead Redis leaves the service degraded,
    not down: pages bypass the cache and jobs wait in the database until the queue is back."""
    checks = {"database": database(), "cache": shared_cache(), "disk": disk()}
    checks["queue"] = queue(checks["database"]["ok"])
    ready = checks["database"]["ok"] and checks["disk"]["ok"]
    status = "unavailable" if not ready else ("ready" if all(c["ok"] for c in checks.values()) else "degraded")
    return ready, {"status": status, "checks": checks}
