from decimal import Decimal

from rest_framework import serializers

from bordertwin.core.api.viewsets import ReaderTextSerializer, RecordSerializer

from ..models import Agreement, Commitment, Partnership, Unit


class PartnershipSerializer(RecordSerializer):
    vn_carriers = serializers.SerializerMethodField()

    class Meta:
        model = Partnership
        fields = [
            "id", "url", "vn_place", "vn_organisation", "la_place", "la_organisation", "level", "established_on", "established_on_precision",
            "status", "parent", "border_length_km", "border_length_source", "description", "vn_carriers",
        ]

    def get_vn_carriers(self, obj: Partnership) -> list[int] | None:
        """The Vietnamese units carrying the partnership on today (on a single partnership only)."""
        view = self.context.get("view")
        if view is not None and getattr(view, "action", None) == "list":
            return None
        return [p.pk for p in obj.vn_carriers()]


class AgreementSerializer(RecordSerializer):
    title_for_reader = ReaderTextSerializer("title")

    class Meta:
        model = Agreement
        fields = [
            "id", "url", "partnership", "kind", "title", "title_lo", "title_en", "title_for_reader", "signed_on",
            "signed_on_precision", "signed_at", "vn_signatories", "la_signatories",
            "valid_from", "valid_to", "follows", "summary",
        ]


class CommitmentSerializer(RecordSerializer):
    carried_from: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    target_quantity = serializers.DecimalField(
        max_digits=18, decimal_places=3, min_value=Decimal(0), required=False, allow_null=True
    )
    text_for_reader = ReaderTextSerializer("text")

    class Meta:
        model = Commitment
        fields = [
            "id", "url", "agreement", "parent", "carried_from", "domain", "text", "text_lo", "text_en", "text_for_reader",
            "responsible_side",
            "responsible_organisation", "target_quantity", "target_unit", "due_date", "recurrence", "status",
            "weight", "position",
        ]


class UnitSerializer(RecordSerializer):
    class Meta:
        model = Unit
        fields = ["id", "url", "code", "name_vi", "name_lo", "name_en", "aliases"]
