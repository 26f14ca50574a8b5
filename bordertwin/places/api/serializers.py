from rest_framework import serializers

from bordertwin.core.api.viewsets import RecordSerializer

from ..models import Organisation, Place, Succession


class SuccessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Succession
        fields = ["predecessor", "successor", "kind", "date", "note"]


class PlaceSerializer(RecordSerializer):
    current_successors = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id", "url", "key", "country", "level", "unit_type", "code", "name_vi", "name_lo", "name_en", "aliases",
            "parent", "valid_from", "valid_to", "current_successors",
        ]

    def get_current_successors(self, obj: Place) -> list[int] | None:
        """The units carrying this one on today; only on a single place, to keep lists to one query."""
        view = self.context.get("view")
        if view is not None and getattr(view, "action", None) == "list":
            return None
        return [p.pk for p in obj.current_successors()]


class OrganisationSerializer(RecordSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "url", "name_vi", "name_lo", "name_en", "kind", "place", "valid_from", "valid_to"]
