"""What needs attention on the border: markers nobody has looked at for too long, incidents past their deadline."""

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from bordertwin import access
from bordertwin.access.users import Actor

from .choices import OPEN_INCIDENT_STATUSES
from .models import Incident, Marker
from .services import with_last_inspection


def inspection_cutoff(today: datetime.date | None = None, days: int | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=days if days is not None else settings.BORDERTWIN_MARKER_INSPECTION_DAYS)


def markers_due(user: Actor, today: datetime.date | None = None, days: int | None = None) -> QuerySet:
    """Markers the user sees that were never inspected, or not within the last N days."""
    cutoff = inspection_cutoff(today, days)
    markers = with_last_inspection(Marker.objects.restrict(user, access.VIEW), user)
    return markers.filter(Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=cutoff))


def incidents_overdue(user: Actor, today: datetime.date | None = None) -> QuerySet:
    """Open incidents the user sees whose deadline has passed."""
    today = today or timezone.localdate()
    return Incident.objects.restrict(user, access.VIEW).filter(status__in=OPEN_INCIDENT_STATUSES, deadline__lt=today)


def alert_counts(user: Actor, today: datetime.date | None = None) -> dict[str, int]:
    """Counts for the overview page: markers due for inspection, incidents open past their deadline."""
    return {"markers_due": markers_due(user, today).count(), "incidents_overdue": incidents_overdue(user, today).count()}
