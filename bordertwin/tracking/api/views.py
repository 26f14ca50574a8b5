from typing import TYPE_CHECKING, Any, cast

from django.db import models
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin.core import context
from bordertwin.core.api.viewsets import RecordViewSet
from bordertwin.partnerships.api.serializers import UnitSerializer
from bordertwin.partnerships.models import sides

from .. import services
from ..filtersets import ActivityFilterSet, DeliveryFilterSet, ExchangeRateFilterSet, ReviewPeriodFilterSet, UnitFilterSet
from .serializers import (
    ActivitySerializer,
    DeliverySerializer,
    ExchangeRateSerializer,
    NoteSerializer,
    ReasonSerializer,
    ReviewPeriodSerializer,
)

PARTNERSHIP_RELATED = sides("partnership")


if TYPE_CHECKING:
    _ViewSetBase = RecordViewSet  # what ConfirmationActions is mixed into
else:
    _ViewSetBase = object


class ConfirmationActions(_ViewSetBase):
    """POST …/{id}/confirm/ and …/{id}/dispute/ with an optional (for a dispute, required) note."""

    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: Any = None) -> Response:
        return self._answer(request, services.confirm)

    @action(detail=True, methods=["post"])
    def dispute(self, request: Request, pk: Any = None) -> Response:
        return self._answer(request, services.dispute)

    def _answer(self, request: Request, verdict: Any) -> Response:
        record = self.get_object()
        body = NoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with context.acting(request.user):
            verdict(record, acting_user=request.user, note=body.validated_data["note"])
        record.refresh_from_db()
        return Response(self.get_serializer(record).data)


class PartnershipRecordViewSet(ConfirmationActions, RecordViewSet):
    """Activities and deliveries are written through tracking.services (an activity with its commitments)."""

    def _save(self, instance: Any, data: dict[str, Any]) -> Any:
        commitments = data.pop("commitments", None)
        for name, value in data.items():
            setattr(instance, name, value)
        with context.acting(self.request.user):
            return services.save_partnership_record(
                instance, commitments, acting_user=self.request.user, reason=self._reason()
            )

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        model: type[models.Model] = cast("serializers.ModelSerializer[Any]", serializer).Meta.model
        serializer.instance = self._save(model(), dict(serializer.validated_data))

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._save(serializer.instance, dict(serializer.validated_data))


class ActivityViewSet(PartnershipRecordViewSet):
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    related = PARTNERSHIP_RELATED
    list_related = ()  # a row names its partnership by id
    ordering = ["-started_on", "-pk"]

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("commitments")


class DeliveryViewSet(PartnershipRecordViewSet):
    serializer_class = DeliverySerializer
    filterset_class = DeliveryFilterSet
    related = PARTNERSHIP_RELATED
    list_related = ()  # a row names its partnership by id
    ordering = ["-delivered_on", "-pk"]


class ExchangeRateViewSet(RecordViewSet):
    serializer_class = ExchangeRateSerializer
    filterset_class = ExchangeRateFilterSet
    ordering = ["-valid_on", "currency", "to_currency", "pk"]


class UnitViewSet(RecordViewSet):
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    ordering = ["code"]


class ReviewPeriodViewSet(RecordViewSet):
    """Periods a partnership reviews; POST …/{id}/approve/ locks one, …/{id}/unlock/ with a reason reopens it."""

    serializer_class = ReviewPeriodSerializer
    filterset_class = ReviewPeriodFilterSet
    related = PARTNERSHIP_RELATED
    list_related = ()  # a row names its partnership by id
    ordering = ["-start", "pk"]

    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        period = self.get_object()
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with context.acting(request.user):
            services.approve_period(period, acting_user=request.user, reason=body.validated_data["reason"])
        return Response(self.get_serializer(period).data)

    @action(detail=True, methods=["post"])
    def unlock(self, request: Request, pk: Any = None) -> Response:
        period = self.get_object()
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with context.acting(request.user):
            services.unlock_period(period, acting_user=request.user, reason=body.validated_data["reason"])
        return Response(self.get_serializer(period).data)
