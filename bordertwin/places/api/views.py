from bordertwin.core.api.viewsets import RecordViewSet

from ..filtersets import OrganisationFilterSet, PlaceFilterSet
from .serializers import OrganisationSerializer, PlaceSerializer


class PlaceViewSet(RecordViewSet):
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilterSet
    ordering = ["country", "path"]


class OrganisationViewSet(RecordViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    related = ("place",)
    ordering = ["name_vi", "pk"]
