from bordertwin.core.api.viewsets import RecordViewSet

from ..filtersets import AgreementFilterSet, CommitmentFilterSet, PartnershipFilterSet
from .serializers import AgreementSerializer, CommitmentSerializer, PartnershipSerializer


class PartnershipViewSet(RecordViewSet):
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilterSet
    ordering = ["pk"]


class AgreementViewSet(RecordViewSet):
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    ordering = ["-signed_on", "pk"]


class CommitmentViewSet(RecordViewSet):
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilterSet
    ordering = ["agreement", "position", "pk"]
