"""Starting, running, recovering and showing jobs.

A job runs at most once to completion: a worker claims it with a conditional update
(queued → running), and records its result with another (running, by this worker, at
this attempt → done) in the same transaction as the work. A worker that dies half way
leaves the job running with no live worker; `recover` puts it back in the queue (or
fails it after BORDERTWIN_JOB_ATTEMPTS tries), and the dead worker's transaction was
rolled back by the database, so nothing of it stays.
"""

import datetime
import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import context

from . import registry, signals
from .models import ACTIVE, Job, State

logger = logging.getLogger("bordertwin.jobs")


def worker_id() -> str:
    """This process, as a job records who runs it (asked each time: RQ runs each job in a forked process)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:128]

PROGRESS_KEY = "bordertwin:job-progress:{pk}"
DATABASE_QUEUES = {"django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"}


class Superseded(Exception):
    """This worker was taken for dead and the job handed to another: its work is undone."""


def start(kind: str, user: Actor | None, parameters: dict[str, Any] | None = None, *, target: Model | None = None,
          key: str = "", reuse_done: bool = False, source: Any = None) -> Job:
    """A new job of `kind`, queued once the calling transaction commits; or the same job asked for earlier.

    With a `key`, a job of that key still waiting or running is returned instead of a
    new one (and, with reuse_done, one already done too): asked twice, it is done once.
    """
    registry.kind(kind)  # an unknown kind fails here, in the request, not in a worker
    if key:
        existing = _same_key(key, reuse_done)
        if existing is not None:
            return existing
    ctx = context.current()
    job = Job(
        kind=kind, parameters=parameters or {}, key=key, started_by=user if user is not None and user.is_authenticated else None,
        language=(getattr(user, "language", "") or translation.get_language() or settings.LANGUAGE_CODE)[:2],
        request_id=ctx.request_id if ctx else "",
    )
    if target is not None:
        job.target_type = ContentType.objects.get_for_model(type(target))
        job.target_id = target.pk
    try:
        with transaction.atomic():
            if source is not None:
                job.source_file.save(os.path.basename(source.name), source, save=False)
            job.save()
            if queue_in_database():
                hand_over(job.pk)
    except IntegrityError:
        existing = _same_key(key, reuse_done) if key else None
        if existing is None:
            raise
        return existing
    if not queue_in_database():
        # Redis must not hand the id to a worker before the job's row is committed.
        transaction.on_commit(lambda: hand_over(job.pk))
    job.refresh_from_db()
    return job


def queue_in_database() -> bool:
    """Whether the task queue is written in the database (the embedded default), in the same transaction as the job."""
    return settings.TASKS["default"]["BACKEND"] in DATABASE_QUEUES


def in_background(upload: Any) -> bool:
    """Whether an uploaded file is large enough to be read by a job rather than within the request."""
    return (getattr(upload, "size", 0) or 0) > settings.BORDERTWIN_JOB_INLINE_BYTES


def _same_key(key: str, reuse_done: bool) -> Job | None:
    states = [*ACTIVE, State.DONE] if reuse_done else list(ACTIVE)
    return Job.objects.filter(key=key, state__in=states).order_by("-created_at").first()


def hand_over(pk: Any) -> bool:
    """Put the job on the task queue. If the queue cannot be reached, the job waits: the scheduler tries again."""
    from .tasks import run_job

    try:
        run_job.enqueue(str(pk))
    except Exception:
        logger.warning("Job %s could not be queued yet; the scheduler will queue it again", pk, exc_info=True)
        return False
    Job.objects.filter(pk=pk).update(handed_over=True)
    return True


def run(pk: str) -> str:
    """Do the job `pk` if it is still waiting; the task queue calls this. Returns the job's state."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=pk, state=State.QUEUED).update(
        state=State.RUNNING, attempts=F("attempts") + 1, worker=worker_id(), heartbeat=now, progress=0
    )
    job = Job.objects.filter(pk=pk).select_related("started_by").first()
    if job is None or not claimed:
        return job.state if job else "missing"
    kind = registry.kind(job.kind)
    with translation.override(job.language), context.acting(job.started_by, request_id=job.request_id or None):
        try:
            if kind.atomic:
                with transaction.atomic():
                    _finish(job, kind.work(job, progress_of(job)))
            else:
                outcome = kind.work(job, progress_of(job))
                with transaction.atomic():
                    _finish(job, outcome)
        except Superseded:
            logger.warning("Job %s was handed to another worker; this attempt's work is undone", pk)
        except registry.JobError as exc:
            _fail(job, exc.message, exc.details)
        except Exception:
            logger.exception("Job %s (%s) failed", pk, job.kind)
            _fail(job, _("The job failed unexpectedly. Please try again later or tell an administrator (job {pk}).").format(pk=pk))
    job.refresh_from_db()
    if job.finished:
        signals.finished.send(sender=Job, job=job)
    return job.state


def _mine(job: Job) -> Any:
    return Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=worker_id(), attempts=job.attempts)


def _finish(job: Job, outcome: registry.Outcome) -> None:
    if outcome.content is not None:
        job.result_file.save(outcome.filename, ContentFile(outcome.content), save=False)
    elif outcome.file is not None:
        with outcome.file:
            outcome.file.seek(0)
            job.result_file.save(outcome.filename, File(outcome.file, name=outcome.filename), save=False)
    updated = _mine(job).update(
        state=State.DONE, progress=100, finished_at=timezone.now(), summary=outcome.summary, sensitive=outcome.sensitive,
        result_file=job.result_file.name or "", result_name=outcome.filename, result_type=outcome.content_type, source_file="",
    )
    if not updated:
        if job.result_file:
            job.result_file.delete(save=False)
        raise Superseded
    _drop_source(job)


def _fail(job: Job, message: str, details: list[str] | None = None) -> None:
    _mine(job).update(state=State.FAILED, finished_at=timezone.now(), error=message, summary={"errors": details or []}, source_file="")
    _drop_source(job)


def _drop_source(job: Job) -> None:
    """The uploaded file a job read is deleted once the job's end is committed."""
    if job.source_file:
        name = str(job.source_file.name)
        transaction.on_commit(lambda: job.source_file.storage.delete(name))


def progress_of(job: Job) -> registry.Progress:
    """A callback the work calls with 0–100. Outside a transaction it is written to the job at once;
    inside one (where another connection's write could wait on the work's own lock) it goes to the cache."""

    def report(percent: int) -> None:
        percent = max(0, min(99, int(percent)))
        if connection.in_atomic_block:
            cache.set(PROGRESS_KEY.format(pk=job.pk), percent, 3600)
        else:
            _mine(job).update(progress=percent, heartbeat=timezone.now())

    return report


def progress(job: Job) -> int:
    if job.state != State.RUNNING:
        return 100 if job.state == State.DONE else job.progress
    return max(job.progress, cache.get(PROGRESS_KEY.format(pk=job.pk)) or 0)


def _worker_gone(worker: str) -> bool:
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover(now: datetime.datetime | None = None) -> dict[str, int]:
    """Jobs whose worker died go back to the queue (or fail after too many tries); jobs never queued are queued.

    A worker on this machine that no longer exists is dead at once; one elsewhere, when
    the job has shown no sign of life for BORDERTWIN_JOB_LEASE_SECONDS.
    """
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(seconds=settings.BORDERTWIN_JOB_LEASE_SECONDS)
    counts = {"requeued": 0, "failed": 0, "queued": 0}
    for job in Job.objects.filter(state=State.RUNNING).select_related("started_by"):
        if not (_worker_gone(job.worker) or (job.heartbeat and job.heartbeat < stale_before)):
            continue
        running = Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=job.worker, attempts=job.attempts)
        if job.attempts >= settings.BORDERTWIN_JOB_ATTEMPTS:
            with translation.override(job.language):
                message = _("The job was interrupted {count} times and was given up. Nothing of it was saved.").format(count=job.attempts)
            if running.update(state=State.FAILED, finished_at=now, error=message, source_file=""):
                counts["failed"] += 1
                _drop_source(job)
        elif running.update(state=State.QUEUED, worker="", handed_over=False):
            counts["requeued"] += 1
    waiting = Job.objects.filter(state=State.QUEUED, handed_over=False, created_at__lt=now - datetime.timedelta(seconds=5))
    for pk in waiting.values_list("pk", flat=True):
        counts["queued"] += hand_over(pk)
    return counts


def visible(user: Actor, job: Job) -> bool:
    """The starter sees their job while they may still see what it was made from; others never do.

    Jobs made by no one (scheduled work) are seen by administrators only.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if job.started_by_id is None:
        return user.is_superuser
    if job.started_by_id != user.pk and not user.is_superuser:
        return False
    if job.target_type_id is None:
        return True
    target = job.target_type.model_class()._base_manager.filter(pk=job.target_id).first()  # type: ignore[union-attr]  # a set target type names an installed model
    if target is None or not access.can(user, access.VIEW, target):
        return False
    return not job.sensitive or access.may_read_sensitive(user, target)


def schedule(now: datetime.datetime | None = None) -> list[str]:
    """Queue each scheduled kind whose time has come: once per period, however many schedulers ask."""
    now = now or timezone.now()
    started = []
    for kind, seconds in registry.SCHEDULES.items():
        slot = int(now.timestamp()) // seconds
        job = start(kind, None, key=f"schedule:{kind}:{slot}", reuse_done=True)
        if job.created_at >= now:
            started.append(kind)
    return started
