"""The user's own notifications: list them, mark one or all as read. Nobody reads another's."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from .. import services
from ..models import Notification
from .serializers import MarkedSerializer, NotificationSerializer

UNREAD = OpenApiParameter("unread", bool, description="true: only the notifications not read yet.")


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your notifications, newest first, each written in your language."""

    serializer_class = NotificationSerializer
    lookup_value_regex = r"\d+"
    queryset = Notification.objects.none()  # the schema's model; each request reads services.inbox

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "language": services.reader_language(self.request)}

    def get_queryset(self) -> QuerySet[Notification]:
        found = services.inbox(self.request.user)
        if self.request.query_params.get("unread") in ("true", "1"):
            found = found.filter(read_at__isnull=True)
        return found

    @extend_schema(parameters=[UNREAD])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: Any = None) -> Response:
        """Mark one of your notifications as read (404 for any other)."""
        notification = get_object_or_404(services.inbox(request.user), pk=pk)
        return Response(self.get_serializer(services.mark_read(notification, acting_user=request.user)).data)

    @extend_schema(request=None, responses={200: MarkedSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        """Mark all your notifications as read."""
        return Response(MarkedSerializer(services.mark_all_read(acting_user=request.user)).data)
