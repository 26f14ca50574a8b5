"""The border line as the two sides keep it: segments, boundary markers, joint patrols, incidents.

Segments and markers are read by every role in scope and kept by border officers,
approvers and administrators (`access_sensitive_write`). Patrols and incidents are
border-sensitive: only border officers, approvers and administrators see them.

Each patrol, inspection and incident is one side's record, or both sides' (a patrol
naming a unit of each side). The other side reads one side's record only once it is
shared, from the moment of sharing, and never changes or deletes it; the names of the
people in it stay with its side (`access_private_fields`).
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.access.users import User
from bordertwin.core import context
from bordertwin.core.choices import Side
from bordertwin.core.fields import BoundedTextField, example_flag
from bordertwin.core.models import BaseRecord
from bordertwin.partnerships.models import PARTNERSHIP_ORGANISATIONS, PARTNERSHIP_PLACES, Partnership, through
from bordertwin.places.choices import OrganisationKind
from bordertwin.places.models import Organisation

from . import geo
from .choices import IncidentCategory, IncidentStatus, MarkerCondition, MarkerType, PatrolKind

BORDER_GUARD_KINDS = (OrganisationKind.BORDER_GUARD_POST, OrganisationKind.BORDER_GUARD_COMPANY)
BORDER_GUARDS = {"kind__in": BORDER_GUARD_KINDS}


def coordinate(verbose_name: Any, digits: int) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=digits, decimal_places=6)


def check_position(errors: dict[str, Any], latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        errors["longitude"] = _("Give both latitude and longitude, or neither.")
    elif latitude is not None and longitude is not None and not geo.within_countries(latitude, longitude):
        errors["latitude"] = _("The point {lat}, {lon} lies outside Vietnam and Laos.").format(lat=latitude, lon=longitude)


def entering_side() -> str:
    """The side of the user saving a record now ("" when nobody is acting)."""
    ctx = context.current()
    return str(getattr(ctx.user, "side", "") or "") if ctx else ""


def check_guard(errors: dict[str, Any], field: str, organisation: Organisation | None, side: str) -> None:
    if organisation is None:
        return
    if organisation.kind not in BORDER_GUARD_KINDS:
        errors[field] = _("Choose a border-guard post or company.")
    elif organisation.place.country != side:
        errors[field] = _("Choose a unit of the {side} side.").format(side=Side(side).label)


class Segment(BaseRecord):
    """A stretch of the border line that one pair of border-guard posts looks after, e.g. markers 522–540."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="border_segments", verbose_name=_("partnership"))
    name = models.CharField(_("name"), max_length=200)
    vn_post = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="vn_border_segments",
        verbose_name=_("Vietnamese border-guard unit"), limit_choices_to=BORDER_GUARDS,
    )
    la_post = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="la_border_segments",
        verbose_name=_("Lao border-guard unit"), limit_choices_to=BORDER_GUARDS,
    )
    from_marker = models.ForeignKey(
        "Marker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("from marker"),
    )
    to_marker = models.ForeignKey(
        "Marker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("to marker"),
    )
    length_km = models.DecimalField(
        _("length (km)"), max_digits=8, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(Decimal(0))],
    )
    description = BoundedTextField(_("description"), max_length=10_000, blank=True)
    is_example = example_flag()

    search_fields = ("name", "vn_post__name_vi", "la_post__name_vi", "partnership__search_text")
    access_places = through("partnership", PARTNERSHIP_PLACES)
    access_organisations = (*through("partnership", PARTNERSHIP_ORGANISATIONS), "vn_post", "la_post")
    access_kind = access.Kind.SENSITIVE_WRITE

    class Meta:
        verbose_name = _("border segment")
        verbose_name_plural = _("border segments")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        check_guard(errors, "vn_post", self.vn_post, Side.VN)
        check_guard(errors, "la_post", self.la_post, Side.LA)
        for field in ("from_marker", "to_marker"):
            marker = getattr(self, field)
            if marker is not None and (self.pk is None or marker.segment_id != self.pk):
                errors[field] = _("Choose a marker of this segment.")
        if errors:
            raise ValidationError(errors)


class Marker(BaseRecord):
    """A boundary marker (mốc quốc giới) standing on the line, numbered as written on it: "520", "520(1)", "728/1"."""

    segment = models.ForeignKey(Segment, on_delete=models.PROTECT, related_name="markers", verbose_name=_("segment"))
    number = models.CharField(_("number"), max_length=30, help_text=_("As written on the marker, e.g. 520, 520(1) or 728/1."))
    marker_type = models.CharField(_("type"), max_length=20, choices=MarkerType.choices, default=MarkerType.MAIN)
    latitude = coordinate(_("latitude"), 8)
    longitude = coordinate(_("longitude"), 9)
    elevation_m = models.DecimalField(_("elevation (m)"), max_digits=7, decimal_places=1, null=True, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    description = BoundedTextField(_("description"), max_length=10_000, blank=True)
    is_example = example_flag()

    search_fields = ("number", "segment__name", "description")
    access_places = through("segment__partnership", PARTNERSHIP_PLACES)
    access_organisations = (*through("segment__partnership", PARTNERSHIP_ORGANISATIONS), "segment__vn_post", "segment__la_post")
    access_kind = access.Kind.SENSITIVE_WRITE

    class Meta:
        verbose_name = _("boundary marker")
        verbose_name_plural = _("boundary markers")
        ordering = ["segment", "latitude", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=Q(deleted_at__isnull=True), name="border_marker_unique_live_number"),
        ]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="border_marker_position"),
            models.Index(fields=["segment", "latitude", "id"], name="border_marker_order"),
        ]

    def __str__(self) -> str:
        return _("Marker {number}").format(number=self.number)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.number = (self.number or "").strip()
        if self.number and Marker.objects.filter(number=self.number).exclude(pk=self.pk).exists():
            errors["number"] = _("Marker {number} already exists.").format(number=self.number)
        if self.latitude is not None and self.longitude is not None:
            check_position(errors, self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)


class Patrol(BaseRecord):
    """A patrol of the line, joint (song phương) or by one side, with who walked it, where, and what they found."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="border_patrols", verbose_name=_("partnership"))
    segment = models.ForeignKey(Segment, on_delete=models.PROTECT, related_name="patrols", verbose_name=_("segment"))
    kind = models.CharField(_("kind"), max_length=20, choices=PatrolKind.choices, default=PatrolKind.JOINT)
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    vn_unit = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="vn_border_patrols",
        verbose_name=_("Vietnamese unit"), limit_choices_to=BORDER_GUARDS,
    )
    la_unit = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="la_border_patrols",
        verbose_name=_("Lao unit"), limit_choices_to=BORDER_GUARDS,
    )
    vn_people = models.PositiveIntegerField(_("Vietnamese people"), default=0)
    la_people = models.PositiveIntegerField(_("Lao people"), default=0)
    vn_names = BoundedTextField(_("Vietnamese participants"), max_length=5_000, blank=True, help_text=_("One per line: name, rank or position."))
    la_names = BoundedTextField(_("Lao participants"), max_length=5_000, blank=True, help_text=_("One per line: name, rank or position."))
    route_geojson = BoundedTextField(_("route (GeoJSON)"), max_length=2_000_000, blank=True, editable=False)
    route_length_km = models.DecimalField(_("route length (km)"), max_digits=8, decimal_places=3, null=True, blank=True, editable=False)
    route_min_lon = models.FloatField(null=True, blank=True, editable=False)
    route_min_lat = models.FloatField(null=True, blank=True, editable=False)
    route_max_lon = models.FloatField(null=True, blank=True, editable=False)
    route_max_lat = models.FloatField(null=True, blank=True, editable=False)
    findings = BoundedTextField(_("findings"), max_length=10_000, blank=True)
    owning_side = models.CharField(
        _("side"), max_length=2, choices=Side.choices, blank=True, editable=False,
        help_text=_("The side whose patrol it is; empty for a joint patrol, which is both sides'."),
    )
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True, editable=False)
    is_example = example_flag()

    search_fields = ("segment__name", "findings", "vn_unit__name_vi", "la_unit__name_vi")
    access_places = through("partnership", PARTNERSHIP_PLACES)
    access_organisations = (*through("partnership", PARTNERSHIP_ORGANISATIONS), "vn_unit", "la_unit")
    access_kind = access.Kind.SENSITIVE
    access_side = "owning_side"
    access_shared_at = "shared_at"
    access_private_fields = ("vn_names", "la_names")

    class Meta:
        verbose_name = _("border patrol")
        verbose_name_plural = _("border patrols")
        ordering = ["-started_at", "pk"]
        indexes = [models.Index(fields=["segment", "started_at"], name="border_patrol_segment_start")]

    def __str__(self) -> str:
        return capfirst(_("{kind} patrol of {segment}, {date}").format(
            kind=self.get_kind_display().lower(), segment=self.segment if self.segment_id else "", date=self.started_at.strftime("%d/%m/%Y") if self.started_at else "",
        ))

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.segment_id and self.partnership_id and self.segment.partnership_id != self.partnership_id:
            errors["segment"] = _("Choose a segment of this partnership.")
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            errors["ended_at"] = _("A patrol cannot end before it starts.")
        check_guard(errors, "vn_unit", self.vn_unit, Side.VN)
        check_guard(errors, "la_unit", self.la_unit, Side.LA)
        if self.kind == PatrolKind.JOINT and not (self.vn_people and self.la_people) and (self.vn_people or self.la_people):
            errors["la_people"] = _("A joint patrol has people of both sides.")
        if errors:
            raise ValidationError(errors)

    def clean_fields(self, exclude: Any = None) -> None:
        if self.segment_id and not self.partnership_id:
            self.partnership_id = self.segment.partnership_id
        super().clean_fields(exclude)

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q:
        """A side reads its own patrols, joint ones and those the other side shared; it changes only the first two."""
        ours = Q(owning_side__in=["", user.side])
        return ours | Q(shared_at__isnull=False) if action == access.VIEW else ours

    @property
    def is_joint(self) -> bool:
        return bool(self.vn_unit_id and self.la_unit_id)

    def assign_side(self, entering: str) -> None:
        """Whose patrol it is: both sides' when it names a unit of each, else its one unit's side, else the side that recorded it.

        A joint patrol that loses a unit stays readable by the side that read it: it counts as shared.
        """
        was = self.owning_side
        if self.is_joint:
            self.owning_side = ""
        elif self.vn_unit_id or self.la_unit_id:
            self.owning_side = Side.VN if self.vn_unit_id else Side.LA
        elif self._state.adding:
            self.owning_side = entering
        if not self._state.adding and not was and self.owning_side and self.shared_at is None:
            self.shared_at = timezone.now()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.assign_side(entering_side())
        super().save(*args, **kwargs)


class MarkerInspection(BaseRecord):
    """What a patrol found at one marker on one day: its condition, a note and maybe a photo."""

    marker = models.ForeignKey(Marker, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("marker"))
    patrol = models.ForeignKey(
        Patrol, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("patrol"),
    )
    inspected_on = models.DateField(_("inspected on"))
    condition = models.CharField(_("condition"), max_length=20, choices=MarkerCondition.choices)
    note = BoundedTextField(_("note"), max_length=10_000, blank=True)
    recorded_by_side = models.CharField(_("recorded by"), max_length=2, choices=Side.choices, blank=True, editable=False)
    is_example = example_flag()

    search_fields = ("marker__number", "note")
    access_places = through("marker__segment__partnership", PARTNERSHIP_PLACES)
    access_organisations = (
        *through("marker__segment__partnership", PARTNERSHIP_ORGANISATIONS), "marker__segment__vn_post", "marker__segment__la_post",
    )
    access_kind = access.Kind.SENSITIVE_WRITE
    access_side = "owning_side"
    access_shared_at = "shared_at"

    class Meta:
        verbose_name = _("marker inspection")
        verbose_name_plural = _("marker inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [
            models.Index(fields=["marker", "inspected_on"], name="border_inspection_latest"),
            models.Index(fields=["inspected_on", "id"], name="border_inspection_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["marker", "patrol"], condition=Q(deleted_at__isnull=True, patrol__isnull=False),
                name="border_inspection_once_per_patrol",
            ),
        ]

    def __str__(self) -> str:
        return _("{marker}: {condition} on {date}").format(
            marker=self.marker, condition=self.get_condition_display(), date=self.inspected_on.strftime("%d/%m/%Y"),
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.marker_id and self.patrol is not None and self.patrol.segment_id != self.marker.segment_id:
            errors["marker"] = _("The patrol inspects markers of its own segment.")
        if self.inspected_on and self.patrol is not None and self.patrol.started_at.date() > self.inspected_on:
            errors["inspected_on"] = _("A marker is inspected during the patrol, not before it.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q:
        """An inspection is its patrol's, to read and change as the patrol is; one outside a patrol is the side's that made it."""
        ours = Q(patrol__isnull=True, recorded_by_side__in=["", user.side]) | Q(patrol__owning_side__in=["", user.side])
        return ours | Q(patrol__shared_at__isnull=False) if action == access.VIEW else ours

    @property
    def owning_side(self) -> str:
        return self.patrol.owning_side if self.patrol is not None else self.recorded_by_side

    @property
    def shared_at(self) -> Any:
        return self.patrol.shared_at if self.patrol is not None else None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and not self.recorded_by_side:
            self.recorded_by_side = entering_side()
        super().save(*args, **kwargs)


class Incident(BaseRecord):
    """Something that happened on the border — an illegal crossing, a damaged marker, a flood — and how it was handled."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="border_incidents", verbose_name=_("partnership"))
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("segment"),
    )
    patrol = models.ForeignKey(
        Patrol, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("found by patrol"),
    )
    category = models.CharField(_("category"), max_length=30, choices=IncidentCategory.choices)
    occurred_at = models.DateTimeField(_("occurred"))
    place_description = models.CharField(_("place"), max_length=255, blank=True)
    nearest_marker = models.ForeignKey(
        Marker, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("nearest marker"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    vn_people = models.PositiveIntegerField(_("Vietnamese people involved"), default=0)
    la_people = models.PositiveIntegerField(_("Lao people involved"), default=0)
    other_people = models.PositiveIntegerField(_("other people involved"), default=0)
    people_names = BoundedTextField(
        _("names of people involved"), max_length=5_000, blank=True,
        help_text=_("Seen only by border officers, approvers and administrators of the reporting side."),
    )
    description = BoundedTextField(_("description"), max_length=10_000)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.REPORTED, editable=False)
    reported_by_side = models.CharField(_("reported by"), max_length=2, choices=Side.choices, editable=False)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True, editable=False)
    is_example = example_flag()

    search_fields = ("description", "place_description", "nearest_marker__number", "segment__name")
    access_places = through("partnership", PARTNERSHIP_PLACES)
    access_organisations = (*through("partnership", PARTNERSHIP_ORGANISATIONS), "segment__vn_post", "segment__la_post")
    access_kind = access.Kind.SENSITIVE
    access_side = "reported_by_side"
    access_shared_at = "shared_at"
    access_private_fields = ("people_names",)

    class Meta:
        verbose_name = _("border incident")
        verbose_name_plural = _("border incidents")
        ordering = ["-occurred_at", "pk"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="border_incident_deadline"),
            models.Index(fields=["partnership", "occurred_at"], name="border_incident_period"),
        ]

    def __str__(self) -> str:
        return _("{category}, {date}").format(
            category=self.get_category_display(), date=self.occurred_at.strftime("%d/%m/%Y") if self.occurred_at else "",
        )

    def clean_fields(self, exclude: Any = None) -> None:
        if not self.partnership_id and self.segment is not None:
            self.partnership_id = self.segment.partnership_id
        super().clean_fields(exclude)

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q:
        """The other side sees an incident only once the reporting side has shared it.

        Its record stays the reporting side's to change or delete; the other side takes
        part through the workflow's steps (services.move_incident).
        """
        if action == access.VIEW:
            return Q(reported_by_side=user.side) | Q(shared_at__isnull=False)
        return Q(reported_by_side=user.side)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.partnership_id and self.segment is not None and self.segment.partnership_id != self.partnership_id:
            errors["segment"] = _("Choose a segment of this partnership.")
        if self.partnership_id and self.patrol is not None and self.patrol.partnership_id != self.partnership_id:
            errors["patrol"] = _("Choose a patrol of this partnership.")
        if self.partnership_id and self.nearest_marker is not None and self.nearest_marker.segment.partnership_id != self.partnership_id:
            errors["nearest_marker"] = _("Choose a marker on this partnership's border.")
        check_position(errors, self.latitude, self.longitude)
        if not (self.place_description or self.nearest_marker_id or self.latitude is not None):
            errors["place_description"] = _("Say where it happened: a place, the nearest marker or coordinates.")
        if self.deadline and self.occurred_at and self.deadline < self.occurred_at.date():
            errors["deadline"] = _("The deadline cannot be before the incident.")
        if errors:
            raise ValidationError(errors)

    @property
    def position(self) -> tuple[Decimal, Decimal] | None:
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        if self.nearest_marker is not None:
            return self.nearest_marker.latitude, self.nearest_marker.longitude
        return None


class IncidentStep(models.Model):
    """One step of an incident's handling: who moved it, when, from which status to which, and why."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps", verbose_name=_("incident"))
    from_status = models.CharField(_("from"), max_length=20, choices=IncidentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=IncidentStatus.choices)
    acted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    acted_at = models.DateTimeField(_("when"), auto_now_add=True)
    side = models.CharField(_("side"), max_length=2, choices=Side.choices)
    note = BoundedTextField(_("note"), max_length=10_000, blank=True)

    class Meta:
        verbose_name = _("incident step")
        verbose_name_plural = _("incident steps")
        ordering = ["acted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
