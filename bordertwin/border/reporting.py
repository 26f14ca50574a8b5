"""The border part of a partnership's annual review: patrols held, markers inspected, incidents by category."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, OuterRef, Subquery

from bordertwin import access
from bordertwin.access.users import Actor

from .choices import IncidentCategory, IncidentStatus, MarkerCondition
from .models import Incident, MarkerInspection, Patrol


def border_summary(partnership: Any, date_from: datetime.date, date_to: datetime.date, user: Actor | None = None) -> dict[str, Any]:
    """Border work of `partnership` between two dates, both included.

    marker_conditions counts each inspected marker once, by the condition its latest
    inspection in the period found. With `user`, only what that user may see is counted.
    """
    patrols = Patrol.objects.filter(partnership=partnership, started_at__date__gte=date_from, started_at__date__lte=date_to)
    inspections = MarkerInspection.objects.filter(
        marker__segment__partnership=partnership, inspected_on__gte=date_from, inspected_on__lte=date_to,
    )
    incidents = Incident.objects.filter(partnership=partnership, occurred_at__date__gte=date_from, occurred_at__date__lte=date_to)
    if user is not None:
        patrols = patrols.restrict(user, access.VIEW)
        inspections = inspections.restrict(user, access.VIEW)
        incidents = incidents.restrict(user, access.VIEW)
    latest = inspections.filter(marker=OuterRef("marker")).order_by("-inspected_on", "-pk").values("pk")[:1]
    conditions = dict(
        inspections.filter(pk=Subquery(latest)).values("condition").annotate(n=Count("pk")).values_list("condition", "n")
    )
    condition_labels = dict(MarkerCondition.choices)
    category_labels, status_labels = dict(IncidentCategory.choices), dict(IncidentStatus.choices)
    by_category: dict[str, dict[str, int]] = defaultdict(dict)
    for category, status, count in incidents.values("category", "status").annotate(n=Count("pk")).values_list("category", "status", "n").order_by():
        by_category[str(category_labels[category])][str(status_labels[status])] = count
    return {
        "patrols_held": patrols.count(),
        "markers_inspected": inspections.values("marker").distinct().count(),
        "marker_conditions": {str(condition_labels[c]): conditions[c] for c in MarkerCondition.values if c in conditions},
        "incidents_by_category": dict(by_category),
    }
