"""Filters of the border lists and the map's API: by partnership, segment, period, category, status and bounding box."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bordertwin.core.filtersets import RecordFilterSet
from bordertwin.partnerships.models import Partnership

from . import alerts, geo
from .choices import OPEN_INCIDENT_STATUSES, IncidentCategory, IncidentStatus, MarkerCondition, MarkerType, PatrolKind
from .models import Incident, Marker, MarkerInspection, Patrol, Segment


class BBoxField(forms.CharField):
    """`minlon,minlat,maxlon,maxlat`, as map clients send the visible area."""

    def clean(self, value: Any) -> geo.Bounds | None:
        value = super().clean(value)
        if not value:
            return None
        try:
            return geo.parse_bbox(value)
        except ValueError:
            raise forms.ValidationError(
                _("A bounding box is four numbers: minlon,minlat,maxlon,maxlat, with min ≤ max."), code="bbox",
            ) from None


class BBoxFilter(django_filters.Filter):
    field_class = BBoxField


class BorderFilterSet(RecordFilterSet):
    partnership = django_filters.ModelChoiceFilter(queryset=Partnership.objects.all(), label=_("Partnership"))
    bbox = BBoxFilter(method="filter_bbox", label=_("Area (minlon,minlat,maxlon,maxlat)"))

    def filter_bbox(self, queryset: QuerySet, name: str, value: geo.Bounds | None) -> QuerySet:
        return queryset.filter(self.bbox_condition(value)) if value else queryset

    def bbox_condition(self, box: geo.Bounds, prefix: str = "") -> Q:
        return Q(**{
            f"{prefix}longitude__gte": box.min_lon, f"{prefix}longitude__lte": box.max_lon,
            f"{prefix}latitude__gte": box.min_lat, f"{prefix}latitude__lte": box.max_lat,
        })


class SegmentFilterSet(BorderFilterSet):
    class Meta:
        model = Segment
        fields = ["q", "partnership", "bbox"]

    def filter_bbox(self, queryset: QuerySet, name: str, value: geo.Bounds | None) -> QuerySet:
        if not value:
            return queryset
        inside = Marker.objects.filter(self.bbox_condition(value)).values("segment")
        return queryset.filter(pk__in=inside)


class MarkerFilterSet(BorderFilterSet):
    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.all(), field_name="segment__partnership", label=_("Partnership"),
    )
    segment = django_filters.ModelChoiceFilter(queryset=Segment.objects.all(), label=_("Segment"))
    choice_forward = {"segment": {"partnership": "partnership"}}
    marker_type = django_filters.ChoiceFilter(choices=MarkerType.choices, label=_("Type"))
    condition = django_filters.ChoiceFilter(
        choices=MarkerCondition.choices, field_name="last_condition", label=_("Last known condition"),
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Inspection overdue"))

    class Meta:
        model = Marker
        fields = ["q", "partnership", "segment", "marker_type", "condition", "overdue", "bbox"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        overdue = Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=alerts.inspection_cutoff())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class PatrolFilterSet(BorderFilterSet):
    segment = django_filters.ModelChoiceFilter(queryset=Segment.objects.all(), label=_("Segment"))
    choice_forward = {"segment": {"partnership": "partnership"}}
    kind = django_filters.ChoiceFilter(choices=PatrolKind.choices, label=_("Kind"))
    started_after = django_filters.DateFilter(field_name="started_at__date", lookup_expr="gte", label=_("From"))
    started_before = django_filters.DateFilter(field_name="started_at__date", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Patrol
        fields = ["q", "partnership", "segment", "kind", "started_after", "started_before", "bbox"]

    def filter_bbox(self, queryset: QuerySet, name: str, value: geo.Bounds | None) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(
            route_min_lon__lte=value.max_lon, route_max_lon__gte=value.min_lon,
            route_min_lat__lte=value.max_lat, route_max_lat__gte=value.min_lat,
        )


class InspectionFilterSet(RecordFilterSet):
    marker = django_filters.ModelChoiceFilter(queryset=Marker.objects.all(), label=_("Marker"))
    condition = django_filters.ChoiceFilter(choices=MarkerCondition.choices, label=_("Condition"))
    inspected_after = django_filters.DateFilter(field_name="inspected_on", lookup_expr="gte", label=_("From"))
    inspected_before = django_filters.DateFilter(field_name="inspected_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = MarkerInspection
        fields = ["q", "marker", "condition", "inspected_after", "inspected_before"]


class IncidentFilterSet(BorderFilterSet):
    segment = django_filters.ModelChoiceFilter(queryset=Segment.objects.all(), label=_("Segment"))
    choice_forward = {"segment": {"partnership": "partnership"}}
    category = django_filters.ChoiceFilter(choices=IncidentCategory.choices, label=_("Category"))
    status = django_filters.ChoiceFilter(choices=IncidentStatus.choices, label=_("Status"))
    occurred_after = django_filters.DateFilter(field_name="occurred_at__date", lookup_expr="gte", label=_("From"))
    occurred_before = django_filters.DateFilter(field_name="occurred_at__date", lookup_expr="lte", label=_("Until"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Past deadline"))

    class Meta:
        model = Incident
        fields = ["q", "partnership", "segment", "category", "status", "occurred_after", "occurred_before", "overdue", "bbox"]

    def filter_bbox(self, queryset: QuerySet, name: str, value: geo.Bounds | None) -> QuerySet:
        if not value:
            return queryset
        own = self.bbox_condition(value)
        by_marker = Q(latitude__isnull=True) & self.bbox_condition(value, prefix="nearest_marker__")
        return queryset.filter(own | by_marker)

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        late = Q(status__in=OPEN_INCIDENT_STATUSES, deadline__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
