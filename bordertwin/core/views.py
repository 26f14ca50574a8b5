"""Generic pages every record type shares: list, detail, form, delete, history, notes, files, restore."""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from bordertwin import access

from . import files, paging, services, widgets
from .forms import ReasonForm, apply_errors
from .history import change_entries
from .models import Attachment, BaseRecord, JournalEntry
from .tables import Table, csv_response, xlsx_response

EXPORT_FORMATS = {"csv", "xlsx"}
# Queues the export of a list of more than BORDERTWIN_EXPORT_INLINE_ROWS rows, (request, format) -> the URL of the
# job's page; the jobs app, a layer above, registers it (jobs.exports). Unset, every export is written at once.
_export_later: Callable[[HttpRequest, str], str] | None = None


def export_later(queue: Callable[[HttpRequest, str], str]) -> None:
    global _export_later  # noqa: PLW0603  # set once, in an AppConfig.ready()
    _export_later = queue
# History rows shown on a page of a record's history.
HISTORY_PAGE = 50


def page_size(request: HttpRequest) -> int:
    try:
        size = int(request.GET.get("per_page", settings.BORDERTWIN_PAGE_SIZE))
    except ValueError:
        size = settings.BORDERTWIN_PAGE_SIZE
    return max(1, min(size, settings.BORDERTWIN_MAX_PAGE_SIZE))


class RecordListView(ListView):
    """A paginated, filterable, searchable list that exports what it shows to CSV and XLSX."""

    template_name = "core/record_list.html"
    model: type[BaseRecord]
    filterset_class: Any = None
    table: Table = Table([])
    related: tuple[str, ...] = ()

    def base_queryset(self) -> QuerySet:
        return self.model.objects.restrict(self.request.user, access.VIEW).select_related(*self.related)

    def get_queryset(self) -> QuerySet:
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.base_queryset(), request=self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_paginate_by(self, queryset: QuerySet) -> int:
        return page_size(self.request)

    def get_paginator(self, queryset: QuerySet, per_page: int, orphans: int = 0,  # type: ignore[override]  # the generic one, or pages of an estimate
                      allow_empty_first_page: bool = True, **kwargs: Any) -> Paginator:
        estimate = paging.estimated_total(queryset)
        if estimate is not None:
            return paging.EstimatedPaginator(queryset, per_page, estimate)
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # exports stream
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            queryset = self.get_queryset()
            limit = settings.BORDERTWIN_EXPORT_INLINE_ROWS
            if _export_later is not None and queryset[:limit + 1].count() > limit:
                return redirect(_export_later(request, export))
            return self.export_response(queryset, export)
        return super().get(request, *args, **kwargs)

    def export_filename(self) -> str:
        return str(self.model._meta.verbose_name_plural).replace(" ", "-")

    def export_data(self, queryset: QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        """The header row and the rows an export of `queryset` holds: the list's columns, unless a list exports others."""
        return self.table.headers(), self.table.export_rows(queryset)

    def export_response(self, queryset: QuerySet, fmt: str) -> HttpResponseBase:
        headers, rows = self.export_data(queryset)
        filename = self.export_filename()
        if fmt == "csv":
            return csv_response(headers, rows, filename)
        return xlsx_response(headers, rows, filename, title=filename)

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if htmx and not htmx.boosted:
            return ["core/partials/record_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=self.filterset,
            headers=self.table.headers(),
            rows=self.table.rows(context["object_list"]),
            query=query.urlencode(),
            title=self.model._meta.verbose_name_plural,
            add_url=self.add_url(),
        )
        return context

    def add_url(self) -> str:
        if not access.can_add(self.request.user, self.model):
            return ""
        try:
            return reverse(self.model.url_name("add"))
        except NoReverseMatch:
            return ""


class RecordDetailView(DetailView):
    """A record with its actions, journal and files; its history is one click away."""

    related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet:
        return self.model.objects.restrict(self.request.user, access.VIEW).select_related(*self.related)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(record_context(self.request, self.object))
        return context


def record_context(request: HttpRequest, obj: BaseRecord) -> dict[str, Any]:
    """What the shared record frame needs: permissions, links, notes and files."""
    user = request.user
    content_type = ContentType.objects.get_for_model(obj)
    journal = JournalEntry.objects.filter(content_type=content_type, object_id=obj.pk).select_related("author")
    since = access.history_since(user, obj)
    return {
        "record": obj,
        "content_type_id": content_type.pk,
        "can_change": access.can(user, access.CHANGE, obj),
        "can_delete": access.can(user, access.DELETE, obj),
        "journal": journal if since is None else journal.filter(created_at__gte=since),
        "attachments": Attachment.objects.filter(content_type=content_type, object_id=obj.pk, deleted_at__isnull=True),
        "edit_url": _url(obj, "edit"),
        "delete_url": _url(obj, "delete"),
        "note_form": ReasonForm(),
    }


def _url(obj: BaseRecord, view: str) -> str:
    try:
        return reverse(obj.url_name(view), args=[obj.pk])
    except NoReverseMatch:
        return ""


if TYPE_CHECKING:
    from django.views.generic.edit import ModelFormMixin as _FormViewBase  # what RecordFormMixin is mixed into
else:
    _FormViewBase = object


class RecordFormMixin(_FormViewBase):
    """Saves through core.services so access, validation and the change log always apply."""

    template_name: str | None = "core/record_form.html"
    request: HttpRequest
    object: Any

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form: Any) -> Model:
        return services.save_record(form.instance, acting_user=self.request.user, reason=form.cleaned_data.get("change_reason", ""))

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.object = self.save(form)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("This is outside your scope."))
            response = self.form_invalid(form)
            response.status_code = 403
            return response
        messages.success(self.request, _("Saved."))
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["model_name"] = self.model._meta.verbose_name
        context["cancel_url"] = self.cancel_url()
        return context

    def cancel_url(self) -> str:
        """Back to the record, or to the list of its kind (a link: the page runs no inline script)."""
        if getattr(self, "object", None) is not None and hasattr(self.object, "get_absolute_url"):
            return self.object.get_absolute_url()
        try:
            return reverse(self.model.url_name("list"))
        except (AttributeError, NoReverseMatch):
            return reverse("home")


class RecordCreateView(RecordFormMixin, CreateView):
    # Fields the form takes from the query string: "Add an agreement" on a partnership's page links to ?partnership=3.
    prefill: tuple[str, ...] = ()

    def get_initial(self) -> dict[str, Any]:
        return {key: self.request.GET[key] for key in self.prefill if self.request.GET.get(key)}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.can_add(request.user, self.model):
            raise PermissionDenied(_("You cannot add records of this kind."))
        return super().dispatch(request, *args, **kwargs)


class RecordUpdateView(RecordFormMixin, UpdateView):
    def get_object(self, queryset: QuerySet | None = None) -> Model:
        obj = super().get_object(self.model.objects.restrict(self.request.user, access.VIEW))
        access.require(self.request.user, access.CHANGE, obj)
        return obj


class RecordDeleteView(DeleteView):
    template_name = "core/record_confirm_delete.html"
    form_class = ReasonForm

    def get_object(self, queryset: QuerySet | None = None) -> Model:
        obj = super().get_object(self.model.objects.restrict(self.request.user, access.VIEW))
        access.require(self.request.user, access.DELETE, obj)
        return obj

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            services.delete_record(self.object, acting_user=self.request.user, reason=form.cleaned_data["change_reason"])
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Deleted. An administrator can restore it."))
        return redirect(reverse(self.model.url_name("list")))


def _record(request: HttpRequest, content_type_id: int, pk: int, deleted: bool = False) -> BaseRecord:
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not issubclass(model, BaseRecord):
        raise Http404
    manager = model.all_objects if deleted else model.objects
    obj = access.visible_or_404(manager.all(), request.user, pk)
    if obj.is_deleted:
        # A deleted record is the administrators' to look into and restore.
        access.require(request.user, access.RESTORE, obj)
    return obj


def record_history(request: HttpRequest, content_type_id: int, pk: int) -> HttpResponse:
    obj = _record(request, content_type_id, pk, deleted=True)
    hidden = access.hidden_fields(request.user, obj)
    since = access.history_since(request.user, obj)
    # A page of HISTORY_PAGE history rows (a busy record has thousands), and one more to know whether another follows.
    number = widgets.chosen_ids([request.GET.get("page", "1")])
    if not number or not 1 <= number[0] <= 10**9:
        raise Http404
    start = (number[0] - 1) * HISTORY_PAGE
    entries = change_entries(obj, hidden=hidden, since=since, rows=slice(start, start + HISTORY_PAGE))
    later = obj.history.order_by("-history_date", "-history_id")
    if since is not None:
        later = later.filter(history_date__gte=since)
    more = later[start + HISTORY_PAGE: start + HISTORY_PAGE + 1].exists()
    if number[0] > 1 and not entries:
        raise Http404
    return render(request, "core/record_history.html", {
        "record": obj, "since": since, "entries": entries,
        "page": number[0], "previous_page": number[0] - 1, "next_page": number[0] + 1 if more else None,
    })


@require_POST
def record_note(request: HttpRequest, content_type_id: int, pk: int) -> HttpResponse:
    obj = _record(request, content_type_id, pk)
    try:
        services.add_note(obj, acting_user=request.user, text=request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(obj.get_absolute_url())


@require_POST
def record_attach(request: HttpRequest, content_type_id: int, pk: int) -> HttpResponse:
    obj = _record(request, content_type_id, pk)
    access.require(request.user, access.CHANGE, obj)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return redirect(obj.get_absolute_url())
    try:
        services.attach_file(obj, upload, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File attached."))
    return redirect(obj.get_absolute_url())


def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    attachment = get_object_or_404(Attachment, pk=pk, deleted_at__isnull=True)
    record = attachment.record
    if record is None or not access.can(request.user, access.VIEW, record):
        raise Http404
    # A deleted record's files go with it; only those who may restore it still reach them.
    if getattr(record, "deleted_at", None) is not None and not access.can(request.user, access.RESTORE, record):
        raise Http404
    return files.download(attachment.file, attachment.name, attachment.media_type)


@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=pk, deleted_at__isnull=True)
    record = attachment.record
    if record is None or not access.can(request.user, access.VIEW, record):
        raise Http404
    services.remove_attachment(attachment, acting_user=request.user)
    messages.success(request, _("File removed."))
    return redirect(record.get_absolute_url())


class DeletedRecordsView(View):
    """Deleted records an administrator may restore, newest first."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.is_administrator(request.user):
            raise PermissionDenied(_("Only administrators see and restore deleted records."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        # Every deleted record's date and id first (no cap), then the records of the shown page only.
        keys: list[tuple[Any, ...]] = []
        for model in _record_models():
            deleted = model.all_objects.filter(deleted_at__isnull=False).restrict(request.user, access.RESTORE)
            keys += [(deleted_at, model, pk) for deleted_at, pk in deleted.values_list("deleted_at", "pk")]
        keys.sort(key=lambda key: key[0], reverse=True)
        page = Paginator(keys, page_size(request)).get_page(request.GET.get("page"))
        wanted: dict[type[BaseRecord], list[int]] = {}
        for _deleted_at, model, pk in page.object_list:
            wanted.setdefault(model, []).append(pk)
        found = {(model, pk): obj for model, pks in wanted.items() for pk, obj in model.all_objects.in_bulk(pks).items()}
        page.object_list = [
            (found[(model, pk)], ContentType.objects.get_for_model(model).pk, model._meta.verbose_name)
            for _deleted_at, model, pk in page.object_list
        ]
        return render(request, "core/deleted_records.html", {"page_obj": page, "form": ReasonForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            content_type_id, pk = int(request.POST.get("content_type", "")), int(request.POST.get("pk", ""))
        except ValueError as error:
            raise Http404 from error
        obj = _record(request, content_type_id, pk, deleted=True)
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                services.restore_record(obj, acting_user=request.user, reason=form.cleaned_data["change_reason"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Restored."))
        return redirect("core:deleted_records")


def _record_models() -> list[type[BaseRecord]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, BaseRecord)]


def record_choices(request: HttpRequest) -> HttpResponse:
    """Options for a record search (core.widgets.RecordSelect): at most SEARCH_LIMIT records the user may see
    that match what was typed, narrowed by the parent fields the widget signed."""
    from django.apps import apps

    try:
        search = widgets.read_token(request.GET.get("token", ""))
        model = apps.get_model(search["model"])
    except (signing.BadSignature, KeyError, LookupError, ValueError, TypeError) as error:
        raise Http404 from error
    if not issubclass(model, BaseRecord):
        raise Http404
    records = model.objects.restrict(request.user, access.VIEW).select_related(*search.get("related", []))
    for parameter, lookup in search.get("forward", {}).items():
        chosen = widgets.chosen_ids([request.GET.get(parameter, "")])
        if chosen:
            records = records.filter(**{lookup: chosen[0]})
    query = request.GET.get("term", "").strip()
    found = records.search(query)[: widgets.SEARCH_LIMIT] if query else records.none()
    return render(request, "core/partials/record_options.html", {"records": found, "query": query})


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in user keeps it on every device."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        translation.activate(language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response
