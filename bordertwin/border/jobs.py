"""Scheduled border work: each day, those who look after boundary markers hear which are due for inspection."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin.access.users import Actor
from bordertwin.jobs.housekeeping import mail_each, signed_in_users
from bordertwin.jobs.registry import Outcome, Progress, every, register

from . import alerts

INSPECTION_ALERTS = "border.inspection_alerts"


def inspection_message(user: Actor) -> tuple[str, str] | None:
    count = alerts.markers_due(user).count()
    if not count:
        return None
    return (
        _("{count} boundary markers are due for inspection").format(count=count),
        _("{count} boundary markers you look after have not been inspected within {days} days.\n\n{url}").format(
            count=count, days=settings.BORDERTWIN_MARKER_INSPECTION_DAYS,
            url=settings.BORDERTWIN_SITE_URL + reverse("border:marker_list") + "?overdue=true",
        ),
    )


@register(INSPECTION_ALERTS, gettext_lazy("Marker inspection alerts"))
def inspection_alerts(job: Any, progress: Progress) -> Outcome:
    sent = mail_each(signed_in_users(), inspection_message)
    return Outcome(summary={"sent": sent, "message": _("{count} e-mails sent.").format(count=sent)})


every(24 * 3600, INSPECTION_ALERTS)
