"""A job: long work done outside the request, with its progress and its result.

The job row is the truth; the task queue (django_tasks: the database in the embedded
default, RQ on Redis in production) only carries its id to a worker. A job is made from
one record (`target`, e.g. a partnership): its result is shown only to those who may
see that record (see jobs.services.visible).
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE = (State.QUEUED, State.RUNNING)


def result_path(job: "Job", filename: str) -> str:
    return f"jobs/{job.pk}/{filename}"


def source_path(job: "Job", filename: str) -> str:
    return f"jobs/{job.pk}/source/{filename}"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    key = models.CharField(_("idempotency key"), max_length=200, blank=True, db_index=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs",
                                   null=True, blank=True, verbose_name=_("started by"))
    language = models.CharField(_("language"), max_length=8, default="vi")
    request_id = models.CharField(_("request"), max_length=32, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    source_file = models.FileField(_("file to read"), upload_to=source_path, max_length=300, blank=True)
    sensitive = models.BooleanField(_("holds border-sensitive data"), default=False)

    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    handed_over = models.BooleanField(_("handed to the queue"), default=False)
    worker = models.CharField(_("worker"), max_length=128, blank=True)
    heartbeat = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    result_file = models.FileField(_("result"), upload_to=result_path, max_length=300, blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_type = models.CharField(_("media type"), max_length=120, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            # One active job per key: a job asked for twice while it waits or runs is the same job.
            models.UniqueConstraint(fields=["key"], condition=Q(state__in=["queued", "running"]) & ~Q(key=""),
                                    name="jobs_one_active_job_per_key"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="jobs_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.state in (State.DONE, State.FAILED)
