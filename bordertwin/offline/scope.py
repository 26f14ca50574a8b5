"""What a device keeps to fill in forms with no connection: the reference records of the user's scope.

Every list is what bordertwin.access lets the user see, and bounded: a list longer than LIMIT is cut and named
in `truncated`, so the outbox page says so instead of missing records silently.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from bordertwin import access
from bordertwin.access.users import User
from bordertwin.border.models import BORDER_GUARD_KINDS, Incident, Marker, MarkerInspection, Patrol, Segment
from bordertwin.partnerships.models import Commitment, Partnership, Unit
from bordertwin.places.models import Organisation, Place
from bordertwin.tracking.models import Activity, Delivery

LIMIT = 5000

# The forms a device fills in offline, and the record each one creates.
FORM_MODELS: dict[str, type] = {
    "patrol": Patrol, "inspection": MarkerInspection, "incident": Incident, "activity": Activity, "delivery": Delivery,
}


def _bounded(name: str, queryset: QuerySet, row: Any, truncated: list[str]) -> list[dict[str, Any]]:
    rows = list(queryset[: LIMIT + 1])
    if len(rows) > LIMIT:
        truncated.append(name)
        rows = rows[:LIMIT]
    return [row(obj) for obj in rows]


def scope_places(user: User) -> QuerySet:
    """The places the user's roles are held over, and every place below them."""
    paths = [m.place.path for m in user.memberships.select_related("place") if m.place is not None]
    if not paths:
        return Place.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Place.objects.restrict(user).filter(condition)


def bundle(user: User) -> dict[str, Any]:
    truncated: list[str] = []

    def visible(model: type) -> QuerySet:
        return model.objects.restrict(user, access.VIEW)  # type: ignore[attr-defined]  # every model here is a record

    partnerships = _bounded(
        "partnerships", visible(Partnership).select_related("vn_place", "la_place").order_by("pk"),
        lambda p: {"id": p.pk, "name": str(p)}, truncated,
    )
    segments = _bounded(
        "segments", visible(Segment).order_by("name", "pk"),
        lambda s: {"id": s.pk, "name": s.name, "partnership": s.partnership_id}, truncated,
    )
    markers = _bounded(
        "markers", visible(Marker).order_by("segment_id", "number", "pk"),
        lambda m: {
            "id": m.pk, "name": m.number, "segment": m.segment_id,
            "latitude": float(m.latitude), "longitude": float(m.longitude),
        },
        truncated,
    )
    organisations = _bounded(
        "organisations", visible(Organisation).select_related("place").order_by("name_vi", "pk"),
        lambda o: {"id": o.pk, "name": str(o), "side": o.place.country, "guard": o.kind in BORDER_GUARD_KINDS}, truncated,
    )
    units = _bounded("units", visible(Unit).order_by("pk"), lambda u: {"id": u.pk, "name": str(u)}, truncated)
    commitments = _bounded(
        "commitments", visible(Commitment).select_related("agreement").order_by("agreement__partnership_id", "pk"),
        lambda c: {"id": c.pk, "name": str(c), "partnership": c.agreement.partnership_id}, truncated,
    )
    places = _bounded(
        "places", scope_places(user).order_by("path", "pk"), lambda p: {"id": p.pk, "name": str(p)}, truncated,
    )
    return {
        "user": user.pk,
        "refreshed_at": timezone.now().isoformat(),
        "may_add": {kind: access.can_add(user, model) for kind, model in FORM_MODELS.items()},
        "partnerships": partnerships, "segments": segments, "markers": markers, "organisations": organisations,
        "units": units, "commitments": commitments, "places": places, "truncated": truncated, "limit": LIMIT,
    }
