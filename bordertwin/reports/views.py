"""Report pages: the province overview, a partnership's dashboard, and its review report for the annual talks."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.partnerships.models import Partnership, sides
from bordertwin.places.models import Place

from . import dashboards, services
from . import jobs as review_jobs
from .documents import pdf, spreadsheet, word
from .forms import ReviewForm
from .review import ReviewData

PARTNERSHIP_RELATED = sides()
FORMATS: dict[str, tuple[Callable[[ReviewData], bytes], str]] = {
    "docx": (word.render, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (pdf.render, "application/pdf"),
    "xlsx": (spreadsheet.render, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def bad_request(request: HttpRequest, errors: list[str], partnership: Partnership | None = None) -> HttpResponse:
    return render(request, "reports/bad_request.html", {"errors": errors, "partnership": partnership}, status=400)


def overview(request: HttpRequest) -> HttpResponse:
    """Every partnership in the user's scope, optionally of one province, with charts across them."""
    province = None
    chosen = request.GET.get("province", "")
    if chosen:
        if not chosen.isdigit():
            return bad_request(request, [_("Choose a province from the list.")])
        province = Place.objects.filter(pk=int(chosen), level="province").first()
        if province is None:
            return bad_request(request, [_("Choose a province from the list.")])
    context = dashboards.overview(request.user, province)
    context["province"] = province
    return render(request, "reports/overview.html", context)


def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.visible_or_404(Partnership.objects.with_sides(), request.user, pk)
    context = dashboards.partnership_dashboard(partnership, request.user)
    context["partnership"] = partnership
    return render(request, "reports/dashboard.html", context)


def review_parameters(request: HttpRequest, partnership: Partnership) -> tuple[datetime.date, datetime.date, str] | list[str]:
    """The period and language asked for, defaults filled in, or the list of what is wrong with them."""
    form = ReviewForm.from_query(request.GET)
    if not form.is_valid():
        return [str(message) for messages in form.errors.values() for message in messages]
    default_from, default_to = services.default_period(partnership, request.user)
    date_from = form.cleaned_data["date_from"] or default_from
    date_to = form.cleaned_data["date_to"] or max(default_to, date_from)
    if date_from > date_to:
        return [_("The period must begin before it ends.")]
    language = form.cleaned_data["lang"] or (translation.get_language() or "vi")[:2]
    return date_from, date_to, language


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review report page: choose the period and language, see the summary, download the documents."""
    partnership = services.review_partnership(request.user, pk)
    parameters = review_parameters(request, partnership)
    if isinstance(parameters, list):
        return bad_request(request, parameters, partnership)
    date_from, date_to, language = parameters
    data = services.review_data(partnership, date_from, date_to, request.user, language=(translation.get_language() or "vi")[:2])
    query = "from={start}&to={end}&lang={lang}".format(start=date_from.isoformat(), end=date_to.isoformat(), lang=language)
    return render(request, "reports/review.html", {
        "partnership": partnership, "data": data, "date_from": date_from, "date_to": date_to, "language": language,
        "query": query, "languages": [(code, name) for code, name in settings.LANGUAGES],  # the report form's choices
    })


def review_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The review report as DOCX, PDF or XLSX, in the language asked for, made by a background job."""
    if fmt not in FORMATS:
        raise Http404(_("There is no report in this format."))
    partnership = services.review_partnership(request.user, pk)
    parameters = review_parameters(request, partnership)
    if isinstance(parameters, list):
        return bad_request(request, parameters, partnership)
    date_from, date_to, language = parameters
    # Made in the background (reports.jobs): the job's page shows its progress, then the file.
    return redirect(review_jobs.queue_review(request.user, partnership, fmt, date_from, date_to, language))


def filename(partnership: Partnership, date_from: datetime.date, date_to: datetime.date, language: str, fmt: str) -> str:
    with translation.override("en"):
        pair = slugify("{vn}-{la}".format(vn=partnership.vn_place.name_en or partnership.vn_place.name_vi,
                                          la=partnership.la_place.name_en or partnership.la_place.name_vi))
    return "review-{pair}-{start}-{end}-{lang}.{fmt}".format(
        pair=pair or partnership.pk, start=date_from.isoformat(), end=date_to.isoformat(), lang=language, fmt=fmt
    )
