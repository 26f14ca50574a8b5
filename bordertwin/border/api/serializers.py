"""Border records as GeoJSON features: the map reads them straight from the API.

Each record is a Feature whose `properties` are its fields; writes take the same fields
as plain JSON (latitude and longitude for a marker), and answer with the Feature.
"""

import json
from typing import Any, cast

from django.utils.translation import gettext as _
from rest_framework import serializers

from bordertwin import access
from bordertwin.core.api.viewsets import RecordSerializer

from .. import services
from ..choices import IncidentStatus
from ..models import Incident, IncidentStep, Marker, MarkerInspection, Patrol, Segment


def marker_sort_key(number: str) -> tuple[int, str]:
    digits = ""
    for char in number:
        if not char.isdigit():
            break
        digits += char
    return (int(digits) if digits else 0, number)


class FeatureSerializer(RecordSerializer):
    def geometry(self, obj: Any) -> dict[str, Any] | None:
        return None

    def to_representation(self, obj: Any) -> dict[str, Any]:
        properties = super().to_representation(obj)
        for name in access.hidden_fields(self.user(), obj):
            properties[name] = None  # the other side's private fields: their names, for instance
        return {"type": "Feature", "id": obj.pk, "geometry": self.geometry(obj), "properties": properties}

    def user(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "user", None)


class SegmentSerializer(FeatureSerializer):
    partnership_name = serializers.CharField(source="partnership.__str__", read_only=True)

    class Meta:
        model = Segment
        fields = [
            "id", "url", "partnership", "partnership_name", "name", "vn_post", "la_post", "from_marker", "to_marker",
            "length_km", "description", "is_example",
        ]

    def geometry(self, obj: Segment) -> dict[str, Any] | None:
        markers = getattr(obj, "live_markers", None)
        if markers is None:
            markers = list(Marker.objects.filter(segment=obj))
        points = [[float(m.longitude), float(m.latitude)] for m in sorted(markers, key=lambda m: marker_sort_key(m.number))]
        return {"type": "LineString", "coordinates": points} if len(points) > 1 else None


class MarkerSerializer(FeatureSerializer):
    last_condition = serializers.SerializerMethodField()
    last_inspected_on = serializers.DateField(read_only=True)

    class Meta:
        model = Marker
        fields = [
            "id", "url", "segment", "number", "marker_type", "latitude", "longitude", "elevation_m", "installed_on",
            "description", "last_condition", "last_inspected_on", "is_example",
        ]

    def get_last_condition(self, obj: Marker) -> str | None:
        return getattr(obj, "last_condition", None)

    def geometry(self, obj: Marker) -> dict[str, Any]:
        return {"type": "Point", "coordinates": [float(obj.longitude), float(obj.latitude)]}


class PatrolSerializer(FeatureSerializer):
    partnership: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Patrol
        fields = [
            "id", "url", "partnership", "segment", "kind", "started_at", "ended_at", "vn_unit", "la_unit", "vn_people", "la_people",
            "vn_names", "la_names", "route_length_km", "findings", "owning_side", "shared_at", "is_example",
        ]
        read_only_fields = ["route_length_km", "owning_side", "shared_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("segment") is not None:
            attrs["partnership"] = attrs["segment"].partnership
        return attrs

    def geometry(self, obj: Patrol) -> dict[str, Any] | None:
        return json.loads(obj.route_geojson) if obj.route_geojson else None


class RouteSerializer(serializers.Serializer):
    """A route for a patrol: a GPX or GeoJSON file, or GeoJSON in the body."""

    file = serializers.FileField(required=False)
    route = serializers.JSONField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("file") and attrs.get("route") in (None, ""):
            raise serializers.ValidationError(_("Send a GPX or GeoJSON file, or a GeoJSON line as “route”."))
        return attrs


class InspectionSerializer(RecordSerializer):
    photo = serializers.FileField(required=False, write_only=True)

    class Meta:
        model = MarkerInspection
        fields = ["id", "marker", "patrol", "inspected_on", "condition", "note", "photo", "is_example"]

    def to_representation(self, obj: MarkerInspection) -> dict[str, Any]:
        data = super().to_representation(obj)
        request = self.context.get("request")
        if access.scope(getattr(request, "user", None), access.VIEW, Patrol).empty:
            data["patrol"] = None  # patrols are border-sensitive; a viewer learns the condition, not the patrol
        return data


class IncidentStepSerializer(serializers.ModelSerializer):
    acted_by = serializers.CharField(source="acted_by.username", read_only=True)

    class Meta:
        model = IncidentStep
        fields = ["from_status", "to_status", "acted_by", "acted_at", "side", "note"]


class IncidentSerializer(FeatureSerializer):
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id", "url", "partnership", "segment", "patrol", "category", "occurred_at", "place_description", "nearest_marker",
            "latitude", "longitude", "vn_people", "la_people", "other_people", "people_names", "description", "deadline",
            "status", "reported_by_side", "shared_at", "steps", "is_example",
        ]
        read_only_fields = ["status", "reported_by_side", "shared_at"]
        extra_kwargs = {"partnership": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        segment = attrs.get("segment")
        if segment is not None and attrs.get("partnership") is None:
            attrs["partnership"] = segment.partnership
        if self.instance is None and attrs.get("partnership") is None:
            raise serializers.ValidationError({"partnership": _("Choose the partnership or the segment where it happened.")})
        return attrs

    def get_steps(self, obj: Incident) -> list[dict[str, Any]] | None:
        view = self.context.get("view")
        if view is not None and getattr(view, "action", None) == "list":
            return None
        return cast(list[dict[str, Any]], IncidentStepSerializer(services.history_steps(obj, self.user()), many=True).data)

    def to_representation(self, obj: Incident) -> dict[str, Any]:
        feature = super().to_representation(obj)
        if obj.patrol_id and obj.patrol_id not in self.visible_patrols():
            feature["properties"]["patrol"] = None  # a shared incident found by a patrol the reader may not see
        return feature

    def visible_patrols(self) -> set[int]:
        """The patrols the reader sees (one query per response, only when an incident names a patrol)."""
        context = cast(dict[str, Any], self.context)  # a dict, shared by the serializers of one response
        if "visible_patrols" not in context:
            context["visible_patrols"] = set(Patrol.objects.restrict(self.user()).values_list("pk", flat=True))
        return context["visible_patrols"]

    def geometry(self, obj: Incident) -> dict[str, Any] | None:
        position = obj.position
        if position is None:
            return None
        return {"type": "Point", "coordinates": [float(position[1]), float(position[0])]}


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ShareSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)

