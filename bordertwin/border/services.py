"""The border's workflows: record and share a patrol, inspect a marker, keep a route, report an incident and move it along."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import context, services
from bordertwin.core.choices import Side

from . import geo
from .choices import IncidentStatus, MarkerCondition
from .models import Incident, IncidentStep, Marker, MarkerInspection, Patrol

PHOTO_TYPES = ("image/jpeg", "image/png")

# Which status an incident may move to from each status. Sharing is the reporting
# side's act; every later step may be taken by either side once the incident is shared.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    IncidentStatus.REPORTED: (IncidentStatus.SHARED, IncidentStatus.RESOLVED),
    IncidentStatus.SHARED: (IncidentStatus.JOINT_HANDLING, IncidentStatus.RESOLVED),
    IncidentStatus.JOINT_HANDLING: (IncidentStatus.RESOLVED,),
    IncidentStatus.RESOLVED: (IncidentStatus.CLOSED, IncidentStatus.JOINT_HANDLING),
    IncidentStatus.CLOSED: (),
}


def with_last_inspection(markers: QuerySet, user: Actor) -> QuerySet:
    """Markers annotated with the date and condition of the latest live inspection `user` may read (two subqueries, no N+1)."""
    latest = MarkerInspection.objects.restrict(user, access.VIEW).filter(marker=OuterRef("pk")).order_by("-inspected_on", "-pk")
    return markers.annotate(
        last_inspected_on=Subquery(latest.values("inspected_on")[:1]),
        last_condition=Subquery(latest.values("condition")[:1]),
    )


@transaction.atomic
def save_patrol(patrol: Patrol, *, acting_user: Actor, reason: str = "") -> Patrol:
    """Record a new patrol or change one, as its side's (`Patrol.assign_side`).

    An officer records their own side's patrols and joint ones; a patrol naming only the
    other side's unit is that side's to record.
    """
    officer = access.require(acting_user, access.ADD if patrol.pk is None else access.CHANGE, patrol)
    patrol.assign_side(officer.side)
    if patrol.owning_side not in ("", officer.side) and not officer.is_superuser:
        field = "vn_unit" if patrol.owning_side == Side.VN else "la_unit"
        raise ValidationError({field: _(
            "A patrol of one side is that side's to record: name a unit of your side, or a unit of each side for a joint patrol."
        )})
    return services.save_record(patrol, acting_user=acting_user, reason=reason)


@transaction.atomic
def share_patrol(patrol: Patrol, *, acting_user: Actor, note: str = "") -> Patrol:
    """Share a one-sided patrol with the other side, who from now on reads it but never changes it."""
    patrol = Patrol.objects.select_for_update().get(pk=patrol.pk)
    access.require(acting_user, access.CHANGE, patrol)
    if not patrol.owning_side:
        raise ValidationError(_("A joint patrol is already both sides'."))
    if patrol.shared_at is not None:
        raise ValidationError(_("This patrol is already shared with the other side."))
    patrol.shared_at = timezone.now()
    with context.acting(acting_user, note.strip() or _("Shared with the other side")):
        patrol.save(update_fields=["shared_at"])
    return patrol


def history_steps(incident: Incident, user: Actor) -> QuerySet:
    """The steps of `incident` that `user` may read: the other side's begin when it was shared."""
    since = access.history_since(user, incident)
    steps = incident.steps.select_related("acted_by")
    return steps if since is None else steps.filter(acted_at__gte=since)


@transaction.atomic
def record_inspection(
    marker: Marker, *, acting_user: Actor, condition: str, inspected_on: datetime.date, patrol: Patrol | None = None,
    note: str = "", photo: UploadedFile | None = None, reason: str = "",
) -> MarkerInspection:
    """Record what a patrol (or a single visit) found at a marker, with an optional photo checked by its content."""
    if photo is not None and services.check_upload(photo) not in PHOTO_TYPES:
        raise ValidationError({"photo": _("A marker photo is a JPEG or PNG image.")})
    if patrol is not None:
        access.require(acting_user, access.CHANGE, patrol)
    inspection = MarkerInspection(marker=marker, patrol=patrol, condition=condition, inspected_on=inspected_on, note=note)
    with context.acting(acting_user, reason):
        services.save_record(inspection, acting_user=acting_user, reason=reason)
        if photo is not None:
            services.attach_file(inspection, photo, acting_user=acting_user)
    return inspection


@transaction.atomic
def set_route(patrol: Patrol, data: bytes | str, *, acting_user: Actor, name: str = "", reason: str = "") -> Patrol:
    """Keep a patrol's route from a GPX track or a GeoJSON line, with its length; refuse routes far from the segment."""
    access.require(acting_user, access.CHANGE, patrol)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    points = geo.parse_route(raw, name)
    markers = list(Marker.objects.filter(segment=patrol.segment_id).values_list("longitude", "latitude"))
    if markers:
        allowed = geo.Bounds.of([(float(x), float(y)) for x, y in markers]).grown(geo.MAX_DISTANCE_FROM_SEGMENT_KM)
        outside = next((p for p in points if not allowed.contains(p)), None)
        if outside is not None:
            raise ValidationError(
                _("The point {lat}, {lon} is more than {km} km from the markers of {segment}.").format(
                    lat=round(outside[1], 6), lon=round(outside[0], 6), km=int(geo.MAX_DISTANCE_FROM_SEGMENT_KM),
                    segment=patrol.segment,
                )
            )
    bounds = geo.Bounds.of(points)
    patrol.route_geojson = geo.line_geojson(points)
    patrol.route_length_km = geo.length_km(points)
    patrol.route_min_lon, patrol.route_min_lat = bounds.min_lon, bounds.min_lat
    patrol.route_max_lon, patrol.route_max_lat = bounds.max_lon, bounds.max_lat
    return services.save_record(patrol, acting_user=acting_user, reason=reason or _("Route imported"))


@transaction.atomic
def report_incident(incident: Incident, *, acting_user: Actor, note: str = "") -> Incident:
    """Record a new incident as reported by the acting user's side; only that side sees it until it is shared."""
    if incident.pk is not None:
        raise ValidationError(_("This incident is already reported."))
    incident.reported_by_side = acting_user.side
    incident.status = IncidentStatus.REPORTED
    with context.acting(acting_user, note):
        services.save_record(incident, acting_user=acting_user, reason=note)
        IncidentStep.objects.create(
            incident=incident, from_status="", to_status=IncidentStatus.REPORTED, acted_by=acting_user,
            side=acting_user.side, note=note,
        )
    return incident


@transaction.atomic
def move_incident(incident: Incident, to_status: str, *, acting_user: Actor, note: str = "") -> Incident:
    """Move an incident one step along its workflow, recording who, when and why."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    officer = access.require(acting_user, access.VIEW, incident)
    if to_status not in TRANSITIONS.get(incident.status, ()):
        raise ValidationError(
            _("An incident that is “{current}” cannot become “{target}”.").format(
                current=incident.get_status_display(), target=_label(to_status),
            )
        )
    if to_status == IncidentStatus.SHARED:
        access.require(acting_user, access.CHANGE, incident)
    elif incident.shared_at is None and officer.side != incident.reported_by_side and not officer.is_superuser:
        raise ValidationError(_("Only the reporting side handles an incident it has not shared."))
    if to_status in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED) and not note.strip():
        raise ValidationError({"note": _("Say how the incident was resolved or why it is closed.")})
    step = IncidentStep(
        incident=incident, from_status=incident.status, to_status=to_status, acted_by=officer,
        side=officer.side, note=note.strip(),
    )
    incident.status = to_status
    if to_status == IncidentStatus.SHARED:
        incident.shared_at = timezone.now()
    with context.acting(acting_user, note or _label(to_status)):
        incident.save(update_fields=["status", "shared_at"])
        step.save()
    return incident


def allowed_moves(incident: Incident, user: Actor) -> list[tuple[str, str]]:
    """The statuses `user` may move `incident` to now, with their labels (for the page's buttons)."""
    moves = []
    for status in TRANSITIONS.get(incident.status, ()):
        if status == IncidentStatus.SHARED and not access.can(user, access.CHANGE, incident):
            continue
        reporting_side = access.signed_in(user) and (user.side == incident.reported_by_side or user.is_superuser)
        if status != IncidentStatus.SHARED and incident.shared_at is None and not reporting_side:
            continue
        moves.append((status, _label(status)))
    return moves


def _label(status: str) -> str:
    return str(dict(IncidentStatus.choices).get(status, status))


def condition_label(value: str | None) -> str:
    return str(dict(MarkerCondition.choices).get(value, _("Never inspected"))) if value else _("Never inspected")
