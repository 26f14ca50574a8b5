from decimal import Decimal

from rest_framework import serializers

from bordertwin.core.api.viewsets import ReaderTextSerializer, RecordSerializer, VisibleRelatedField
from bordertwin.partnerships.models import Commitment

from ..models import Activity, Delivery, ExchangeRate, ReviewPeriod

CONFIRMATION_FIELDS = ["recorded_by_side", "confirmation", "confirmed_by", "confirmed_at", "confirmation_note", "is_example"]


class ActivitySerializer(RecordSerializer):
    commitments = VisibleRelatedField(many=True, queryset=Commitment.objects.all(), required=False)
    confirmed_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    title_for_reader = ReaderTextSerializer("title")

    class Meta:
        model = Activity
        fields = [
            "id", "url", "partnership", "kind", "title", "title_lo", "title_en", "title_for_reader", "started_on", "ended_on",
            "date_precision", "venue", "host_side",
            "vn_participant_count", "vn_participants", "la_participant_count", "la_participants", "summary",
            "commitments", *CONFIRMATION_FIELDS,
        ]
        read_only_fields = CONFIRMATION_FIELDS


class DeliverySerializer(RecordSerializer):
    quantity = serializers.DecimalField(max_digits=18, decimal_places=3, min_value=Decimal(0), required=False, allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=2, min_value=Decimal(0), required=False, allow_null=True)
    confirmed_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    item_for_reader = ReaderTextSerializer("item")

    class Meta:
        model = Delivery
        fields = [
            "id", "url", "partnership", "category", "item", "item_lo", "item_en", "item_for_reader", "quantity", "unit", "value",
            "currency", "value_qualifier",
            "giver_side", "giver_organisation", "giver_name", "recipient_organisation", "recipient_place", "recipient_group",
            "beneficiary_count", "beneficiary_count_qualifier", "commitment", "delivered_on", "delivered_on_precision", "notes",
            *CONFIRMATION_FIELDS,
        ]
        read_only_fields = CONFIRMATION_FIELDS


class ExchangeRateSerializer(RecordSerializer):
    rate = serializers.DecimalField(max_digits=20, decimal_places=6, min_value=Decimal("0.000001"))

    class Meta:
        model = ExchangeRate
        fields = ["id", "url", "currency", "to_currency", "rate", "valid_on", "source"]


class ReviewPeriodSerializer(RecordSerializer):
    approved_by: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ReviewPeriod
        fields = ["id", "url", "partnership", "start", "end", "title", "approved_by", "approved_at", "locked"]
        read_only_fields = ["approved_by", "approved_at", "locked"]


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
