"""A job's page (its progress, polled by htmx, then its result) and its result file."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render

from . import registry, services
from .models import Job, State


def visible_job(request: HttpRequest, pk: Any) -> Job:
    """The job, when the user may see it and what it was made from; 404 otherwise."""
    job = get_object_or_404(Job.objects.select_related("started_by", "target_type"), pk=pk)
    if not services.visible(request.user, job):
        raise Http404
    return job


def job_context(job: Job) -> dict[str, Any]:
    return {"job": job, "label": registry.kind(job.kind).label, "progress": services.progress(job), "State": State}


def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    job = visible_job(request, pk)
    return render(request, "jobs/job.html", job_context(job))


def status(request: HttpRequest, pk: Any) -> HttpResponse:
    """The part of the job page that changes: polled every second while the job waits or runs."""
    job = visible_job(request, pk)
    return render(request, "jobs/partials/status.html", job_context(job))


def result_file(job: Job) -> FileResponse | None:
    """The job's file as a download, once it is done; None before."""
    if job.state != State.DONE or not job.result_file:
        return None
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_type)


def result(request: HttpRequest, pk: Any) -> HttpResponseBase:
    job = visible_job(request, pk)
    return result_file(job) or redirect(job)
