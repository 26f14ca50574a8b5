"""Pages of the intake: hand in a document, list them, and review what is proposed from each."""

from collections import defaultdict
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import files
from bordertwin.core.forms import apply_errors
from bordertwin.core.models import BaseRecord
from bordertwin.core.registry import register_model_views
from bordertwin.core.tables import Column, Table
from bordertwin.core.views import RecordListView, record_context
from bordertwin.partnerships.choices import Domain
from bordertwin.partnerships.models import sides

from . import services
from .choices import DocumentStatus
from .filtersets import SourceDocumentFilterSet
from .forms import ReviewForm, SubmitForm, date_label
from .highlight import pieces
from .models import ProposalLink, SourceDocument


class SourceDocumentListView(RecordListView):
    def base_queryset(self) -> Any:
        return super().base_queryset().defer("text", "proposals")


def submit(request: HttpRequest) -> HttpResponse:
    """Paste a text or upload a file; the document is stored with its proposals, then reviewed."""
    if not access.can_add(request.user, SourceDocument):
        raise PermissionDenied(_("You cannot submit documents."))
    form = SubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {key: data[key] for key in ("title", "kind", "document_date", "language")}
        try:
            if services.read_in_background(data["file"]):
                # A large file is read by a job (intake.jobs); its page shows how it goes, then leads to the document.
                return redirect(services.submit_later(acting_user=request.user, upload=data["file"], **values))
            document = services.submit_document(acting_user=request.user, text=data["text"], upload=data["file"], **values)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Read. Review what was found before anything is recorded."))
            earlier = services.earlier_copy(request.user, document)
            if earlier is not None:
                messages.warning(request, services.same_document_warning(earlier))
            return redirect(document.get_absolute_url())
    return render(request, "intake/sourcedocument_submit.html", {"form": form}, status=400 if form.errors else 200)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's text with the proposed spans marked beside the proposals; its review when pending."""
    document = get_object_or_404(
        SourceDocument.objects.restrict(request.user, access.VIEW).select_related("submitted_by", "partnership"), pk=pk
    )
    frame = record_context(request, document)
    can_review = document.status == DocumentStatus.PENDING and frame["can_change"]
    form = ReviewForm(request.POST or None, document=document, user=request.user) if can_review else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You cannot review this document."))
        if form.is_valid():
            try:
                created = services.accept_proposals(document, form.result, acting_user=request.user)
            except ValidationError as error:
                apply_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            else:
                messages.success(request, _("{count} records created from the document.").format(count=len(created)))
                return redirect(document.get_absolute_url())
        status = status if status != 200 else 400
    records = accepted_records(request.user, document) if document.status == DocumentStatus.REVIEWED else []
    context = {
        "object": document, "document": document, "pieces": pieces(document.text, document.proposals or {}),
        "form": form, "groups": form.bound_groups() if form else [], "proposals": document.proposals or {},
        "accepted": records, "domain_labels": domain_labels(document.proposals or {}), "event": event_label(document.proposals or {}),
        "suggested_places": services.place_proposals(document.proposals or {}) if form is not None and not form.may_add_places else [],
        **frame,
    }
    return render(request, "intake/sourcedocument_detail.html", context, status=status)




# A document handed in by mistake is deleted softly; the records taken from it stay. It is reviewed, never edited.
register_model_views(
    SourceDocument, "",
    table=Table([
        Column(gettext_lazy("Title"), "title", link=True),
        Column(gettext_lazy("Kind"), "kind"),
        Column(gettext_lazy("Document date"), "document_date"),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Partnership"), "partnership"),
        Column(gettext_lazy("Submitted by"), "submitted_by"),
        Column(gettext_lazy("Submitted"), "created_at"),
    ]),
    filterset=SourceDocumentFilterSet, related=("submitted_by", *sides("partnership")),
    list=SourceDocumentListView, add=submit, detail=detail, edit=None,
)


def accepted_records(user: Actor, document: SourceDocument) -> list[tuple[ProposalLink, Any]]:
    """The records taken from the document, each with its link; a record the user may not see comes as None."""
    links = list(ProposalLink.objects.filter(document=document).select_related("content_type"))
    by_type: dict[int, list[ProposalLink]] = defaultdict(list)
    for link in links:
        by_type[link.content_type_id].append(link)
    found: dict[tuple[int, int], Any] = {}
    for content_type_id, group in by_type.items():
        model = group[0].content_type.model_class()
        if model is None:
            continue
        # Proposals become records, whose querysets restrict.
        for record in cast(type[BaseRecord], model).objects.restrict(user, access.VIEW).filter(pk__in=[link.object_id for link in group]):
            found[(content_type_id, record.pk)] = record
    return [(link, found.get((link.content_type_id, link.object_id))) for link in links]


def original_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file the document was read from, to whoever may see the document."""
    document = get_object_or_404(SourceDocument.objects.restrict(request.user, access.VIEW), pk=pk)
    if not document.file:
        raise Http404
    return files.download(document.file, document.file_name or "document")


def event_label(proposals: dict) -> str:
    """The event's date as found: "22/6/2024", a range, or "22/6 (year unknown)"."""
    event = proposals.get("event_date") or proposals.get("event_partial") or {}
    return date_label(event.get("value"), event.get("end"))


def domain_labels(proposals: dict) -> list[str]:
    """The proposed domains as officers read them ("Quốc phòng - an ninh"), not as codes."""
    labels = dict(Domain.choices)
    return [str(labels.get(item.get("value"), item.get("value"))) for item in proposals.get("domains", [])]
