"""The intake's background work: a large uploaded file is read by a job (services.submit_later queues it).

The job makes the document as a small upload does within the request, then becomes a job
about that document: from then on its page and its answer in the API are shown only to a
starter who may still see the document (jobs.services.visible).
"""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin.jobs.models import Job
from bordertwin.jobs.registry import JobError, Outcome, Progress, register

from . import services
from .models import SourceDocument


@register(services.READ_JOB, gettext_lazy("Reading a document"))
def read_document(job: Any, progress: Progress) -> Outcome:
    parameters = job.parameters
    document_date = parameters.get("document_date")
    with job.source_file.open("rb") as stream:
        try:
            document = services.submit_document(
                acting_user=job.started_by, upload=File(stream, name=parameters["file_name"]), title=parameters.get("title", ""),
                kind=parameters["kind"], language=parameters["language"], progress=progress,
                document_date=datetime.date.fromisoformat(document_date) if document_date else None,
            )
        except ValidationError as error:
            raise JobError(" ".join(error.messages)) from None
        except PermissionDenied as error:
            raise JobError(str(error)) from None
    # The job is now about the document: whoever may no longer see it no longer sees the job's result.
    Job.objects.filter(pk=job.pk).update(target_type=ContentType.objects.get_for_model(SourceDocument), target_id=document.pk)
    message = _("Read. Review what was found before anything is recorded.")
    earlier = services.earlier_copy(job.started_by, document)
    if earlier is not None:
        message += " " + services.same_document_warning(earlier)
    return Outcome(summary={
        "document": document.pk, "message": message, "link": document.get_absolute_url(),
        "document_url": reverse("sourcedocument-detail", args=[document.pk]),
    })
