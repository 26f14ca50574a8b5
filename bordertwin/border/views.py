"""Border pages: the dashboard of alerts, the map, and the lists and records of segments, markers, patrols, incidents."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bordertwin import access
from bordertwin.core import context
from bordertwin.core.forms import ReasonForm, apply_errors
from bordertwin.core.models import Attachment
from bordertwin.core.registry import register_model_views
from bordertwin.core.tables import Column, Table
from bordertwin.core.views import RecordCreateView, RecordDetailView, RecordListView, RecordUpdateView, page_size
from bordertwin.partnerships.models import sides

from . import alerts, services
from .choices import OPEN_INCIDENT_STATUSES, IncidentCategory, IncidentStatus, MarkerCondition
from .filtersets import IncidentFilterSet, MarkerFilterSet, PatrolFilterSet, SegmentFilterSet
from .forms import IncidentForm, InspectionForm, MarkerForm, MoveForm, PatrolForm, RouteForm, SegmentForm
from .models import Incident, Marker, MarkerInspection, Patrol, Segment

PARTNERSHIP = sides("partnership")
ALERT_ROWS = 20


def with_photos(inspections: QuerySet) -> list[MarkerInspection]:
    """Inspections with their photos attached as `photos` (one query for all of them)."""
    rows = list(inspections)
    content_type = ContentType.objects.get_for_model(MarkerInspection)
    photos: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(
        content_type=content_type, object_id__in=[row.pk for row in rows], deleted_at__isnull=True,
    ):
        photos.setdefault(attachment.object_id, []).append(attachment)
    for row in rows:
        row.photos = photos.get(row.pk, [])
    return rows


def dashboard(request: HttpRequest) -> HttpResponse:
    """Alerts of the border: markers due for inspection, incidents past their deadline."""
    user = request.user
    due = alerts.markers_due(user).select_related("segment").order_by("last_inspected_on", "number")
    overdue = alerts.incidents_overdue(user).select_related("segment", "nearest_marker").order_by("deadline", "pk")
    return render(request, "border/dashboard.html", {
        "inspection_days": settings.BORDERTWIN_MARKER_INSPECTION_DAYS,
        "markers_due_count": due.count(), "markers_due": due[:ALERT_ROWS],
        "incidents_overdue_count": overdue.count(), "incidents_overdue": overdue[:ALERT_ROWS],
        "segment_count": Segment.objects.restrict(user).count(),
        "marker_count": Marker.objects.restrict(user).count(),
        "patrol_count": Patrol.objects.restrict(user).count(),
        "open_incident_count": Incident.objects.restrict(user).filter(status__in=OPEN_INCIDENT_STATUSES).count(),
    })


def border_map(request: HttpRequest) -> HttpResponse:
    """Markers by last condition or by time since inspection, patrol routes and incidents, read from the API."""
    user = request.user
    return render(request, "border/map.html", {
        "segments": Segment.objects.restrict(user).order_by("name"),
        "categories": [(value, str(label)) for value, label in IncidentCategory.choices],
        "statuses": [(value, str(label)) for value, label in IncidentStatus.choices],
        "conditions": [(value, str(label)) for value, label in MarkerCondition.choices],
        "tile_url": settings.BORDERTWIN_MAP_TILE_URL,
        "inspection_days": settings.BORDERTWIN_MARKER_INSPECTION_DAYS,
        "sees_sensitive": not access.scope(user, access.VIEW, Patrol).empty,
        "labels": {
            "never": _("Never inspected"), "marker": _("Marker"), "patrol": _("Patrol"), "incident": _("Incident"),
            "loading": _("Loading…"), "empty": _("Nothing to show for these filters."),
            "failed": _("The map data could not be loaded."), "recent": _("Inspected recently"), "due": _("Due soon"),
            "overdue": _("Overdue"), "counts": _("{markers} markers · {patrols} patrols · {incidents} incidents"),
        },
    })


# Segments


class SegmentDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        markers = list(services.with_last_inspection(Marker.objects.filter(segment=self.object), self.request.user).order_by("latitude", "pk"))
        for marker in markers:
            marker.last_condition_label = services.condition_label(marker.last_condition)
        context["markers"] = markers
        context["can_add_marker"] = access.can(self.request.user, access.CHANGE, self.object)
        return context


register_model_views(
    Segment, "segments/",
    table=Table([
        Column(gettext_lazy("Name"), "name", link=True),
        Column(gettext_lazy("Partnership"), "partnership"),
        Column(gettext_lazy("Vietnamese border-guard unit"), "vn_post"),
        Column(gettext_lazy("Lao border-guard unit"), "la_post"),
        Column(gettext_lazy("Length (km)"), "length_km"),
    ]),
    filterset=SegmentFilterSet, form=SegmentForm, related=("vn_post", "la_post", *PARTNERSHIP),
    detail=SegmentDetailView, detail_related=("vn_post", "la_post", "from_marker", "to_marker", *PARTNERSHIP),
)


# Markers


class MarkerListView(RecordListView):
    def base_queryset(self) -> QuerySet:
        return services.with_last_inspection(super().base_queryset(), self.request.user)


class MarkerDetailView(RecordDetailView):
    def get_queryset(self) -> QuerySet:
        return services.with_last_inspection(super().get_queryset(), self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        inspections = MarkerInspection.objects.restrict(self.request.user).filter(marker=self.object)
        # A page at a time: a marker inspected every few days for years has thousands.
        page = Paginator(inspections.order_by("-inspected_on", "-pk"), page_size(self.request)).get_page(self.request.GET.get("page"))
        context.update(inspections=with_photos(cast(QuerySet, page.object_list)), page_obj=page, query="")
        context["last_condition_label"] = services.condition_label(self.object.last_condition)
        return context


register_model_views(
    Marker, "markers/",
    table=Table([
        Column(gettext_lazy("Number"), "number", link=True),
        Column(gettext_lazy("Type"), "marker_type"),
        Column(gettext_lazy("Segment"), "segment"),
        Column(gettext_lazy("Latitude"), "latitude"),
        Column(gettext_lazy("Longitude"), "longitude"),
        Column(gettext_lazy("Last known condition"), lambda m: services.condition_label(m.last_condition)),
        Column(gettext_lazy("Last inspected"), "last_inspected_on"),
    ]),
    filterset=MarkerFilterSet, form=MarkerForm, related=("segment",), prefill=("segment",),
    list=MarkerListView, detail=MarkerDetailView,
)


# Patrols


class PatrolDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        patrol, user = self.object, self.request.user
        inspections = MarkerInspection.objects.restrict(user).filter(patrol=patrol).select_related("marker")
        context.update(
            inspections=with_photos(inspections.order_by("marker__latitude", "pk")),
            incidents=Incident.objects.restrict(user).filter(patrol=patrol).order_by("-occurred_at"),
            names_visible=not access.hidden_fields(user, patrol),
            can_share=bool(patrol.owning_side) and patrol.shared_at is None and context["can_change"],
            share_form=ReasonForm(),
            tile_url=settings.BORDERTWIN_MAP_TILE_URL,
        )
        return context


class PatrolFormMixin:
    """Patrols are saved as their side's (services.save_patrol)."""

    request: HttpRequest

    def save(self, form: Any) -> Model:
        return services.save_patrol(form.instance, acting_user=self.request.user, reason=form.cleaned_data.get("change_reason", ""))


class PatrolCreateView(PatrolFormMixin, RecordCreateView):
    pass


class PatrolUpdateView(PatrolFormMixin, RecordUpdateView):
    pass


register_model_views(
    Patrol, "patrols/",
    table=Table([
        Column(gettext_lazy("Started"), "started_at", link=True),
        Column(gettext_lazy("Kind"), "kind"),
        Column(gettext_lazy("Segment"), "segment"),
        Column(gettext_lazy("Vietnamese unit"), "vn_unit"),
        Column(gettext_lazy("Lao unit"), "la_unit"),
        Column(gettext_lazy("Side"), lambda p: p.get_owning_side_display() or _("Both sides")),
        Column(gettext_lazy("People"), lambda p: p.vn_people + p.la_people),
        Column(gettext_lazy("Route (km)"), "route_length_km"),
    ]),
    filterset=PatrolFilterSet, form=PatrolForm, related=("segment", "vn_unit", "la_unit"), prefill=("segment",),
    detail=PatrolDetailView, detail_related=("segment", "vn_unit", "la_unit", *PARTNERSHIP),
    add=PatrolCreateView, edit=PatrolUpdateView,
)


@require_POST
def patrol_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Share a one-sided patrol with the other side."""
    patrol = access.visible_or_404(Patrol, request.user, pk, access.CHANGE)
    form = ReasonForm(request.POST)
    note = form.cleaned_data["change_reason"] if form.is_valid() else ""
    try:
        services.share_patrol(patrol, acting_user=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Patrol shared with the other side."))
    return HttpResponseRedirect(patrol.get_absolute_url())


def patrol_route(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a GPX track or GeoJSON, or draw the route on the map."""
    patrol = access.visible_or_404(Patrol, request.user, pk, access.CHANGE)
    form = RouteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        data = upload.read() if upload is not None else form.cleaned_data["route"]
        try:
            with context.acting(request.user):
                services.set_route(
                    patrol, data, acting_user=request.user, name=getattr(upload, "name", ""), reason=form.cleaned_data["change_reason"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Route saved: {km} km.").format(km=patrol.route_length_km))
            return redirect(patrol.get_absolute_url())
    markers = Marker.objects.filter(segment=patrol.segment_id).values_list("number", "latitude", "longitude")
    return render(request, "border/patrol_route.html", {
        "patrol": patrol, "form": form, "tile_url": settings.BORDERTWIN_MAP_TILE_URL,
        "markers": [{"number": n, "lat": float(lat), "lon": float(lon)} for n, lat, lon in markers],
    })


def patrol_inspect(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one marker's condition as the patrol found it."""
    patrol = access.visible_or_404(Patrol, request.user, pk, access.CHANGE)
    form = InspectionForm(request.POST or None, request.FILES or None, patrol=patrol)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with context.acting(request.user):
                services.record_inspection(
                    data["marker"], acting_user=request.user, condition=data["condition"], inspected_on=data["inspected_on"],
                    patrol=patrol, note=data["note"], photo=data.get("photo"),
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Inspection of {marker} saved.").format(marker=data["marker"]))
            if "another" in request.POST:
                return redirect("border:patrol_inspect", pk=patrol.pk)
            return redirect(patrol.get_absolute_url())
    return render(request, "border/patrol_inspect.html", {"patrol": patrol, "form": form})


# Incidents


class IncidentDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        incident, user = self.object, self.request.user
        moves = services.allowed_moves(incident, user)
        form = MoveForm()
        cast(forms.ChoiceField, form.fields["status"]).choices = moves
        context.update(
            steps=services.history_steps(incident, user),
            names_visible="people_names" not in access.hidden_fields(user, incident),
            patrol_visible=incident.patrol is not None and access.can(user, access.VIEW, incident.patrol),
            moves=moves, move_form=form,
        )
        return context


class IncidentCreateView(RecordCreateView):
    def save(self, form: Any) -> Model:
        return services.report_incident(form.instance, acting_user=self.request.user, note=form.cleaned_data.get("change_reason", ""))


register_model_views(
    Incident, "incidents/",
    table=Table([
        Column(gettext_lazy("Occurred"), "occurred_at", link=True),
        Column(gettext_lazy("Category"), "category"),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Reported by"), "reported_by_side"),
        Column(gettext_lazy("Partnership"), "partnership"),
        Column(gettext_lazy("Segment"), "segment"),
        Column(gettext_lazy("Nearest marker"), "nearest_marker.number"),
        Column(gettext_lazy("Deadline"), "deadline"),
    ]),
    filterset=IncidentFilterSet, form=IncidentForm, prefill=("segment", "patrol", "nearest_marker"),
    related=("segment", "nearest_marker", *PARTNERSHIP),
    detail=IncidentDetailView, detail_related=("segment", "patrol__segment", "nearest_marker", *PARTNERSHIP),
    add=IncidentCreateView,
)


@require_POST
def incident_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an incident one step along its workflow."""
    incident = access.visible_or_404(Incident, request.user, pk, access.VIEW)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return HttpResponseRedirect(incident.get_absolute_url())
    try:
        services.move_incident(incident, form.cleaned_data["status"], acting_user=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Incident moved."))
    return HttpResponseRedirect(incident.get_absolute_url())
