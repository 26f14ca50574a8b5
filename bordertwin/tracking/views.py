from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bordertwin import access
from bordertwin.core.languages import in_reader_language
from bordertwin.core.models import BaseRecord
from bordertwin.core.registry import register_model_views
from bordertwin.core.tables import Column, Table, stream
from bordertwin.core.templatetags.bordertwin import precise_date
from bordertwin.core.views import (
    EXPORT_FORMATS,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
)
from bordertwin.jobs import services as jobs
from bordertwin.partnerships import services as partnership_services
from bordertwin.partnerships.models import Commitment, sides

from . import importing, services
from . import jobs as tracking_jobs
from .choices import Currency
from .filtersets import ActivityFilterSet, DeliveryFilterSet, ExchangeRateFilterSet, ReviewPeriodFilterSet
from .forms import (
    ActivityForm,
    CommitmentStatusForm,
    DeliveryForm,
    ExchangeRateForm,
    ImportForm,
    NoteForm,
    ReasonForm,
    ReviewPeriodForm,
)
from .models import Activity, Delivery, ExchangeRate, PartnershipRecord, ReviewPeriod

PARTNERSHIP_RELATED = sides("partnership")
IMPORTABLE: dict[str, type[Model]] = {"activities": Activity, "deliveries": Delivery}


def number(value: Decimal) -> str:
    """A decimal as the user's language writes it (1.200.000.000 in Vietnamese), without trailing zeros."""
    return formats.number_format(value.normalize(), use_l10n=True, force_grouping=True)


def quantity(delivery: Delivery) -> str:
    if delivery.quantity is None:
        return ""
    return f"{number(delivery.quantity)} {delivery.unit}"


def value(delivery: Delivery) -> str:
    if delivery.value is None:
        return ""
    amount = f"{number(delivery.value)} {delivery.currency}"
    if delivery.value_qualifier == "exact":
        return amount
    return f"{delivery.get_value_qualifier_display()} {amount}"


if TYPE_CHECKING:
    _ListViewBase = RecordListView  # what SpreadsheetExportMixin is mixed into
else:
    _ListViewBase = object


class SpreadsheetExportMixin(_ListViewBase):
    """Exports carry the import's columns (tracking.importing), so an export re-imports as it is."""

    def export_data(self, queryset: QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        # Read in chunks and written as they come: a list of a million deliveries is never all in memory.
        return importing.headers(self.model), importing.export_rows(self.model, stream(importing.export_queryset(queryset)))


def spreadsheet_response(rows: list[list[Any]], filename: str, kind: str) -> HttpResponse:
    if kind == "csv":
        response = HttpResponse(importing.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            importing.xlsx_bytes(rows, filename),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


# --- Activities


class SpreadsheetListView(SpreadsheetExportMixin, RecordListView):
    pass


class PartnershipRecordDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record: PartnershipRecord = self.object
        user = self.request.user
        context.update(
            can_answer=services.may_answer(user, record),
            answer_form=NoteForm(),
            lock=record.lock_error(),
        )
        return context


class ActivityDetailView(PartnershipRecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["commitments"] = self.object.commitments.restrict(self.request.user).select_related("agreement")
        return context


class PartnershipRecordFormMixin:
    """Saves an activity (with the commitments it served) or a delivery through tracking.services."""

    request: HttpRequest

    def save(self, form: Any) -> Model:
        return services.save_partnership_record(
            form.instance, form.cleaned_data.get("commitments"), acting_user=self.request.user,
            reason=form.cleaned_data.get("change_reason", ""),
        )


class PartnershipRecordCreateView(PartnershipRecordFormMixin, RecordCreateView):
    pass


class PartnershipRecordUpdateView(PartnershipRecordFormMixin, RecordUpdateView):
    pass


register_model_views(
    Activity, "activities/",
    table=Table([
        Column(gettext_lazy("Activity"), lambda a: in_reader_language(a, "title").plain(), link=True),
        Column(gettext_lazy("Kind"), "kind"),
        Column(gettext_lazy("Date"), lambda a: precise_date(a.started_on, a.date_precision)),
        Column(gettext_lazy("Place"), "venue"),
        Column(gettext_lazy("Host"), "host_side"),
        Column(gettext_lazy("Partnership"), "partnership"),
        Column(gettext_lazy("Confirmation"), "confirmation"),
    ]),
    filterset=ActivityFilterSet, form=ActivityForm, related=("partnership", *PARTNERSHIP_RELATED), prefill=("partnership", "kind"),
    list=SpreadsheetListView, detail=ActivityDetailView, detail_related=("partnership", *PARTNERSHIP_RELATED, "confirmed_by"),
    add=PartnershipRecordCreateView, edit=PartnershipRecordUpdateView,
)


# --- Deliveries


# The most deliveries the list sums as it shows them.
TOTAL_LIMIT = 20_000


class DeliveryListView(SpreadsheetListView):
    template_name = "tracking/delivery_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        currency = self.request.GET.get("total_in") or Currency.VND
        if currency not in Currency.values:
            currency = Currency.VND
        paginator = context["paginator"]
        # Summed in SQL for a list narrowed enough (a partnership, a period); a whole table is not summed per page.
        total = None
        if not getattr(paginator, "estimated", False) and paginator.count <= TOTAL_LIMIT:
            total = services.queryset_total(cast(QuerySet, self.object_list), currency)
        context.update(total=total, total_currency=currency, total_limit=TOTAL_LIMIT, currencies=Currency.choices)
        return context


class DeliveryDetailView(PartnershipRecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        delivery = self.object
        context["recipients"] = [
            part for part in (delivery.recipient_organisation, delivery.recipient_place, delivery.recipient_group) if part
        ]
        return context


register_model_views(
    Delivery, "deliveries/",
    table=Table([
        Column(gettext_lazy("Item"), lambda d: in_reader_language(d, "item").plain(), link=True),
        Column(gettext_lazy("Category"), "category"),
        Column(gettext_lazy("Quantity"), quantity),
        Column(gettext_lazy("Value"), value),
        Column(gettext_lazy("Delivered on"), lambda d: precise_date(d.delivered_on, d.delivered_on_precision)),
        Column(gettext_lazy("Giver side"), "giver_side"),
        Column(gettext_lazy("Partnership"), "partnership"),
        Column(gettext_lazy("Confirmation"), "confirmation"),
    ]),
    filterset=DeliveryFilterSet, form=DeliveryForm, related=("partnership", *PARTNERSHIP_RELATED, "unit"),
    prefill=("partnership", "commitment", "category"),
    list=DeliveryListView, detail=DeliveryDetailView, detail_related=(
        "partnership", *PARTNERSHIP_RELATED, "unit", "commitment__agreement", "giver_organisation", "recipient_organisation",
        "recipient_place", "confirmed_by",
    ),
    add=PartnershipRecordCreateView, edit=PartnershipRecordUpdateView,
)


# --- Confirmation


def _answer(request: HttpRequest, model: type[BaseRecord], pk: int, verdict: Any) -> HttpResponse:
    record = access.visible_or_404(model, request.user, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(record.get_absolute_url())
    try:
        verdict(record, acting_user=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect(record.get_absolute_url())


@require_POST
def activity_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, Activity, pk, services.confirm)


@require_POST
def activity_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, Activity, pk, services.dispute)


@require_POST
def delivery_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, Delivery, pk, services.confirm)


@require_POST
def delivery_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, Delivery, pk, services.dispute)


# --- Exchange rates


register_model_views(
    ExchangeRate, "exchange-rates/",
    table=Table([
        Column(gettext_lazy("Rate"), lambda r: str(r), link=True),
        Column(gettext_lazy("Currency"), "currency"),
        Column(gettext_lazy("In currency"), "to_currency"),
        Column(gettext_lazy("Rate"), "rate"),
        Column(gettext_lazy("Valid on"), "valid_on"),
        Column(gettext_lazy("Source"), "source"),
    ]),
    filterset=ExchangeRateFilterSet, form=ExchangeRateForm,
)


# --- Review periods


class ReviewPeriodDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        period = self.object
        user = self.request.user
        activities = Activity.objects.restrict(user).filter(
            partnership=period.partnership_id, started_on__gte=period.start, started_on__lte=period.end
        )
        deliveries = Delivery.objects.restrict(user).filter(
            partnership=period.partnership_id, delivered_on__gte=period.start, delivered_on__lte=period.end
        )
        context.update(
            can_approve=access.can(user, access.APPROVE, period), reason_form=ReasonForm(),
            activity_count=activities.count(), delivery_count=deliveries.count(),
            unconfirmed_count=activities.filter(confirmation="pending").count() + deliveries.filter(confirmation="pending").count(),
        )
        return context


register_model_views(
    ReviewPeriod, "review-periods/",
    table=Table([
        Column(gettext_lazy("Period"), lambda p: str(p), link=True),
        Column(gettext_lazy("Partnership"), "partnership"),
        Column(gettext_lazy("Locked"), "locked"),
        Column(gettext_lazy("Approved by"), "approved_by"),
        Column(gettext_lazy("Approved at"), "approved_at"),
    ]),
    filterset=ReviewPeriodFilterSet, form=ReviewPeriodForm, related=("partnership", *PARTNERSHIP_RELATED, "approved_by"),
    prefill=("partnership",), detail=ReviewPeriodDetailView,
)


@require_POST
def review_period_approve(request: HttpRequest, pk: int) -> HttpResponse:
    period = access.visible_or_404(ReviewPeriod, request.user, pk)
    try:
        services.approve_period(period, acting_user=request.user, reason=request.POST.get("reason", "")[:500])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Review approved: the period is locked."))
    return redirect(period.get_absolute_url())


@require_POST
def review_period_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    period = access.visible_or_404(ReviewPeriod, request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for unlocking the period."))
        return redirect(period.get_absolute_url())
    try:
        services.unlock_period(period, acting_user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The period is unlocked."))
    return redirect(period.get_absolute_url())


# --- Commitments


@require_POST
def commitment_status(request: HttpRequest, pk: int) -> HttpResponse:
    """An approver sets a commitment's status, with a reason."""
    commitment = access.visible_or_404(Commitment, request.user, pk)
    form = CommitmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status and give a reason."))
        return redirect(commitment.get_absolute_url())
    try:
        partnership_services.set_commitment_status(
            commitment, form.cleaned_data["status"], acting_user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status changed."))
    return redirect(commitment.get_absolute_url())


# --- Import


def import_page(request: HttpRequest) -> HttpResponse:
    """Upload activities or deliveries from a spreadsheet; nothing is saved unless every row is valid."""
    if not (access.can_add(request.user, Activity) or access.can_add(request.user, Delivery)):
        raise PermissionDenied(_("You cannot add records of this kind."))
    kind = request.POST.get("kind") or request.GET.get("kind") or "deliveries"
    if kind not in IMPORTABLE:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid() and jobs.in_background(form.cleaned_data["file"]):
        # A large file is imported by a background job (tracking.jobs); its page shows how it goes.
        job = jobs.start(tracking_jobs.IMPORT, request.user, {"model": IMPORTABLE[kind]._meta.label_lower}, source=form.cleaned_data["file"])
        return redirect(job)
    if request.method == "POST" and form.is_valid():
        try:
            result = importing.import_file(IMPORTABLE[kind], form.cleaned_data["file"], acting_user=request.user)
        except ValidationError as error:
            form.add_error("file", error)
            status = 400
        else:
            if result.ok:
                messages.success(request, _("{created} added, {updated} changed.").format(created=result.created, updated=result.updated))
                return redirect("tracking:activity_list" if kind == "activities" else "tracking:delivery_list")
            status = 400
    elif request.method == "POST":
        status = 400
    columns = importing.COLUMNS[IMPORTABLE[kind]]
    return render(request, "tracking/import.html", {
        "form": form, "kind": kind, "kinds": [(k, m._meta.verbose_name_plural) for k, m in IMPORTABLE.items()],
        "result": result, "columns": columns,
    }, status=status)


def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    model = IMPORTABLE.get(kind)
    if model is None or fmt not in EXPORT_FORMATS:
        raise Http404
    return spreadsheet_response(importing.template_rows(model), f"{kind}-template", fmt)


