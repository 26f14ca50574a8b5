from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from bordertwin.core.api.viewsets import RecordSerializer

from ..choices import DocumentKind, Language
from ..models import ProposalLink, SourceDocument


class SourceDocumentSerializer(RecordSerializer):
    review_url = serializers.SerializerMethodField()
    submitted_by: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = SourceDocument
        fields = [
            "id", "url", "review_url", "title", "kind", "status", "document_date", "language", "partnership",
            "submitted_by", "file_name", "sha256", "created_at",
        ]
        read_only_fields = fields

    def get_review_url(self, obj: SourceDocument) -> str:
        return obj.get_absolute_url()


class ProposalLinkSerializer(serializers.ModelSerializer):
    record_type = serializers.CharField(source="content_type.model")
    span = serializers.SerializerMethodField()

    class Meta:
        model = ProposalLink
        fields = ["record_type", "object_id", "field", "span", "text"]

    def get_span(self, obj: ProposalLink) -> list[int | None]:
        return [obj.span_start, obj.span_end]


class SourceDocumentDetailSerializer(SourceDocumentSerializer):
    """One document with its text, the proposals for review and the records already taken from it."""

    links = ProposalLinkSerializer(many=True, read_only=True)

    class Meta(SourceDocumentSerializer.Meta):
        fields = [*SourceDocumentSerializer.Meta.fields, "text", "proposals", "links"]
        read_only_fields = fields


class SubmitSerializer(serializers.Serializer):
    """A text (JSON) or a file (multipart) to read, with what helps reading it."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False, allow_empty_file=True)
    document_date = serializers.DateField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False, default=DocumentKind.ARTICLE)
    language = serializers.ChoiceField(choices=Language.choices, required=False, default=Language.VI)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("file" in attrs) == bool(attrs.get("text", "")):
            raise serializers.ValidationError(_("Send a text or a file (one of the two)."))
        return attrs
