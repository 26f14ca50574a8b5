"""The border API: segments, markers, patrols and incidents as GeoJSON, marker inspections, the incident workflow."""

import json
from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin.core import context
from bordertwin.core.api.policy import COUNT_DESCRIPTION, Pagination
from bordertwin.core.api.viewsets import RecordViewSet
from bordertwin.partnerships.models import sides

from .. import geo, services
from ..filtersets import IncidentFilterSet, InspectionFilterSet, MarkerFilterSet, PatrolFilterSet, SegmentFilterSet
from ..models import Incident, Marker, Patrol
from .serializers import (
    IncidentSerializer,
    InspectionSerializer,
    MarkerSerializer,
    MoveSerializer,
    PatrolSerializer,
    RouteSerializer,
    SegmentSerializer,
    ShareSerializer,
)


class FeaturePagination(Pagination):
    """A page of records as a GeoJSON FeatureCollection; a map may ask for a whole segment at once."""

    max_page_size = 5000

    def get_paginated_response(self, data: Any) -> Response:
        return Response({
            "type": "FeatureCollection", **self.counted(), "next": self.get_next_link(), "previous": self.get_previous_link(),
            "features": data,
        })

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "type": {"type": "string", "example": "FeatureCollection"},
                "count": {"type": "integer", "description": COUNT_DESCRIPTION},
                "count_exact": {"type": "boolean", "description": "False when count is an estimate."},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "features": schema,
            },
        }


class FeatureViewSet(RecordViewSet):
    pagination_class = FeaturePagination


class SegmentViewSet(FeatureViewSet):
    serializer_class = SegmentSerializer
    filterset_class = SegmentFilterSet
    related = sides("partnership")
    ordering = ["name", "pk"]

    def get_queryset(self) -> QuerySet:
        markers = Marker.objects.only("pk", "segment_id", "number", "latitude", "longitude")
        return super().get_queryset().prefetch_related(Prefetch("markers", queryset=markers, to_attr="live_markers"))


class MarkerViewSet(FeatureViewSet):
    serializer_class = MarkerSerializer
    filterset_class = MarkerFilterSet
    ordering = ["segment", "latitude", "pk"]

    def get_queryset(self) -> QuerySet:
        return services.with_last_inspection(super().get_queryset(), self.request.user)


class PatrolViewSet(FeatureViewSet):
    """Patrols, saved as their side's (services.save_patrol); a one-sided patrol reaches the other side once shared."""

    serializer_class = PatrolSerializer
    filterset_class = PatrolFilterSet
    ordering = ["-started_at", "pk"]
    # Not the names of the participants: ordering by them would hint at what the other side may not read.
    ordering_fields = ["id", "started_at", "ended_at", "kind", "segment", "vn_people", "la_people", "route_length_km", "shared_at"]

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._save(serializer, Patrol())

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._save(serializer, cast(Patrol, serializer.instance))

    def _save(self, serializer: serializers.BaseSerializer[Any], patrol: Patrol) -> None:
        for name, value in serializer.validated_data.items():
            setattr(patrol, name, value)
        with context.acting(self.request.user):
            serializer.instance = services.save_patrol(patrol, acting_user=self.request.user, reason=self._reason())

    @extend_schema(request=ShareSerializer, responses=PatrolSerializer)
    @action(detail=True, methods=["post"])
    def share(self, request: Request, pk: Any = None) -> Response:
        """Share a one-sided patrol with the other side: {"note": "..."}; its border officers read it from now on."""
        patrol = self.get_object()
        incoming = ShareSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        with context.acting(request.user):
            patrol = services.share_patrol(patrol, acting_user=request.user, note=incoming.validated_data.get("note", ""))
        return Response(PatrolSerializer(patrol, context=self.get_serializer_context()).data)

    @extend_schema(request=RouteSerializer, responses=PatrolSerializer)
    @action(detail=True, methods=["post"])
    def route(self, request: Request, pk: Any = None) -> Response:
        """Set the patrol's route from a GPX or GeoJSON file, or a GeoJSON line in `route`."""
        patrol = self.get_object()
        incoming = RouteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        upload = incoming.validated_data.get("file")
        if upload is not None:
            geo.check_route_size(upload.size)
            data: bytes | str = upload.read()
            name = upload.name
        else:
            route = incoming.validated_data["route"]
            data = route if isinstance(route, str) else json.dumps(route)
            name = ""
        with context.acting(request.user):
            services.set_route(patrol, data, acting_user=request.user, name=name, reason=self._reason())
        return Response(PatrolSerializer(patrol, context=self.get_serializer_context()).data)


class InspectionViewSet(RecordViewSet):
    """Marker inspections: what each visit found; recorded through services.record_inspection."""

    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]
    ordering = ["-inspected_on", "-pk"]

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = serializer.validated_data
        with context.acting(self.request.user):
            serializer.instance = services.record_inspection(
                data["marker"], acting_user=self.request.user, condition=data["condition"], inspected_on=data["inspected_on"],
                patrol=data.get("patrol"), note=data.get("note", ""), photo=data.get("photo"), reason=self._reason(),
            )


class IncidentViewSet(FeatureViewSet):
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    related = ("nearest_marker",)
    ordering = ["-occurred_at", "pk"]
    # Not the names of the people involved: ordering by them would hint at what the other side may not read.
    ordering_fields = ["id", "occurred_at", "deadline", "category", "status", "shared_at"]

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        incident = Incident(**serializer.validated_data)
        with context.acting(self.request.user):
            serializer.instance = services.report_incident(incident, acting_user=self.request.user, note=self._reason())

    @extend_schema(request=MoveSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: Any = None) -> Response:
        """Move the incident along its workflow: {"status": "shared", "note": "..."}."""
        incident = self.get_object()
        incoming = MoveSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        with context.acting(request.user):
            incident = services.move_incident(
                incident, incoming.validated_data["status"], acting_user=request.user,
                note=incoming.validated_data.get("note", ""),
            )
        fresh = get_object_or_404(self.get_queryset(), pk=incident.pk)
        return Response(IncidentSerializer(fresh, context=self.get_serializer_context()).data, status=status.HTTP_200_OK)

