"""A job as the API shows it: poll its URL until it is done, then fetch its result."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from .. import services
from ..models import Job, State
from ..views import result_file, visible_job


def job_data(request: Request, job: Job) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(job.pk), "kind": job.kind, "state": job.state, "progress": services.progress(job),
        "url": reverse("job-detail", args=[job.pk], request=request),
        "page": request.build_absolute_uri(job.get_absolute_url()),
        "created_at": job.created_at, "finished_at": job.finished_at, "summary": job.summary, "error": job.error or None,
        "result": None,
    }
    if job.state == State.DONE and job.result_file:
        data["result"] = reverse("job-result", args=[job.pk], request=request)
    return data


def accepted(request: Request, job: Job) -> Response:
    """202 Accepted: the work is queued; its job's URL (also in Location) answers how it goes."""
    data = job_data(request, job)
    return Response(data, status=202, headers={"Location": data["url"]})


class JobView(APIView):
    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: Any) -> Response:
        return Response(job_data(request, visible_job(request, pk)))


class JobResultView(APIView):
    """The file the job made; 409 while it is not done (poll the job first)."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 409: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: Any) -> Any:
        job = visible_job(request, pk)
        return result_file(job) or Response({"detail": _("The job has not finished."), "state": job.state}, status=409)
