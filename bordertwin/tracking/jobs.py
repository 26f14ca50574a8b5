"""Tracking's background work: large spreadsheet imports (every row or none, in the job's one transaction).

Commitments due or overdue are told by the notifications' daily reminders (bordertwin.notifications)."""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin.jobs.registry import JobError, Outcome, Progress, register

from . import importing

IMPORT = "tracking.import"


@register(IMPORT, gettext_lazy("Import from a spreadsheet"))
def import_spreadsheet(job: Any, progress: Progress) -> Outcome:
    model = apps.get_model(job.parameters["model"])
    with job.source_file.open("rb") as upload:
        try:
            result = importing.import_file(model, upload, acting_user=job.started_by)
        except ValidationError as error:
            raise JobError(" ".join(error.messages)) from None
    if not result.ok:
        raise JobError(_("Nothing was saved: correct these rows and import the file again"), [str(e) for e in result.errors])
    return Outcome(summary={
        "created": result.created, "updated": result.updated,
        "message": _("{created} added, {updated} changed.").format(created=result.created, updated=result.updated),
        "link": reverse(f"tracking:{model._meta.model_name}_list"),
    })
