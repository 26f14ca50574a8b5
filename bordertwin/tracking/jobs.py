"""Tracking's background work: large spreadsheet imports (every row or none, in the job's one transaction),
and each day an e-mail to those whose commitments are overdue or soon due."""

import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin.access.users import Actor
from bordertwin.jobs.housekeeping import mail_each, signed_in_users
from bordertwin.jobs.registry import JobError, Outcome, Progress, every, register
from bordertwin.partnerships.models import Commitment

from . import importing, services

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


COMMITMENTS_DUE = "tracking.commitments_due"
DUE_SOON_DAYS = 30


def commitments_message(user: Actor) -> tuple[str, str] | None:
    today = timezone.localdate()
    commitments = list(Commitment.objects.restrict(user).exclude(status__in=services.CLOSED_STATUSES).select_related("agreement"))
    states = services.commitment_states(commitments, today)
    late = sum(1 for state in states.values() if state.late)
    soon = sum(1 for c in commitments if not states[c.pk].late and c.due_date
               and today <= c.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS))
    if not (late or soon):
        return None
    return (
        _("Commitments: {late} overdue, {soon} due within {days} days").format(late=late, soon=soon, days=DUE_SOON_DAYS),
        _("{late} commitments you follow are overdue and {soon} fall due within {days} days.\n\n{url}").format(
            late=late, soon=soon, days=DUE_SOON_DAYS, url=settings.BORDERTWIN_SITE_URL + reverse("partnerships:commitment_list"),
        ),
    )


@register(COMMITMENTS_DUE, gettext_lazy("Commitments due or overdue"))
def commitments_due(job: Any, progress: Progress) -> Outcome:
    sent = mail_each(signed_in_users(), commitments_message)
    return Outcome(summary={"sent": sent, "message": _("{count} e-mails sent.").format(count=sent)})


every(24 * 3600, COMMITMENTS_DUE)
