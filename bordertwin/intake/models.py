"""Documents officers hand in for intake, and the records taken from them after review."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from bordertwin.core.fields import BoundedTextField
from bordertwin.core.models import BaseRecord
from bordertwin.partnerships.models import Partnership
from bordertwin.places.models import Organisation, Place

from .choices import DocumentKind, DocumentStatus, Language


def source_path(instance: "SourceDocument", filename: str) -> str:
    return f"intake/{instance.sha256[:2]}/{instance.sha256[:16]}-{filename}"


class SourceDocument(BaseRecord):
    """A text or file records are taken from: minutes of talks, a news article, a report.

    Before a partnership is chosen in review, the document is seen through the place or
    organisation of the office that submitted it; afterwards through its partnership too.
    """

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.ARTICLE)
    file = models.FileField(_("original file"), upload_to=source_path, max_length=500, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    text = BoundedTextField(_("text"), max_length=100_000)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.VI)
    sha256 = models.CharField(_("checksum"), max_length=64, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    scope_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitting office's place"),
    )
    scope_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("submitting organisation"),
    )
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="source_documents",
        verbose_name=_("partnership"),
    )
    status = models.CharField(_("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.PENDING)
    proposals = models.JSONField(_("proposals"), default=dict, blank=True, editable=False)

    search_fields = ("title", "file_name")
    access_places = ("scope_place", "partnership__vn_place", "partnership__la_place")
    access_organisations = ("scope_organisation", "partnership__vn_organisation", "partnership__la_organisation")

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ProposalLink(models.Model):
    """Where an accepted record came from: the document, the proposal field and the span of text."""

    document = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="links", verbose_name=_("source document")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("proposal field"), max_length=40)
    span_start = models.PositiveIntegerField(_("span start"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("span end"), null=True, blank=True)
    text = BoundedTextField(_("text in the document"), max_length=100_000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("record taken from a document")
        verbose_name_plural = _("records taken from documents")
        ordering = ["document", "span_start", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document} [{self.span_start}:{self.span_end}]"

    def as_dict(self) -> dict[str, Any]:
        return {
            "record_type": self.content_type.model, "record_id": self.object_id, "field": self.field,
            "span": [self.span_start, self.span_end], "text": self.text,
        }
