"""POST /api/v1/intake/ reads a document and answers its proposals; records come only from a review."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin import access
from bordertwin.jobs.api.views import accepted

from .. import services
from ..filtersets import SourceDocumentFilterSet
from ..forms import ReviewForm
from ..models import SourceDocument
from .serializers import SourceDocumentDetailSerializer, SourceDocumentSerializer, SubmitSerializer


class SourceDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = SourceDocumentFilterSet

    def get_queryset(self) -> QuerySet:
        queryset = SourceDocument.objects.restrict(self.request.user, access.VIEW).select_related("submitted_by")
        if self.action == "retrieve":
            return queryset.prefetch_related("links__content_type")
        return queryset.defer("text", "proposals").order_by("-created_at", "-pk")

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return SubmitSerializer
        if self.action == "retrieve":
            return SourceDocumentDetailSerializer
        return SourceDocumentSerializer

    @extend_schema(request=SubmitSerializer, responses={201: SourceDocumentDetailSerializer, 202: OpenApiTypes.OBJECT})
    def create(self, request: Request) -> Response:
        """Read a text or file, store it with its proposals for review, and answer them. A large file
        is read by a job: 202, with the job's URL to poll; once done, its summary names the document."""
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        values = {"title": data.get("title", ""), "kind": data["kind"], "document_date": data.get("document_date"), "language": data["language"]}
        if services.read_in_background(data.get("file")):
            return accepted(request, services.submit_later(acting_user=request.user, upload=data["file"], **values))
        document = services.submit_document(acting_user=request.user, text=data.get("text", ""), upload=data.get("file"), **values)
        body = SourceDocumentDetailSerializer(document, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=dict, responses={201: dict})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """Record the accepted proposals; the body holds the review page's fields ("agreement-0-accept": true…)."""
        document = self.get_object()
        access.require(request.user, access.CHANGE, document)
        if not hasattr(request.data, "items"):
            raise ValidationError({"non_field_errors": [_("Send the review as an object of field names and values.")]})
        form = ReviewForm(_form_data(request.data), document=document, user=request.user)
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        created = services.accept_proposals(document, form.result, acting_user=request.user)
        return Response(
            {"created": [{"record_type": r._meta.model_name, "id": r.pk, "url": r.get_absolute_url()} for r in created],
             "detail": _("{count} records created from the document.").format(count=len(created))},
            status=status.HTTP_201_CREATED,
        )


def _form_data(data: Any) -> dict[str, Any]:
    """JSON booleans as a form's checkboxes: true → "on", false → absent."""
    result = {}
    items = data.dict() if hasattr(data, "dict") else dict(data)
    for key, value in items.items():
        if value is False or value is None:
            continue
        result[key] = "on" if value is True else value
    return result
