"""Report pages: the province overview, a partnership's dashboard, and its review report for the annual talks."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.core import caching
from bordertwin.partnerships.models import Partnership, sides
from bordertwin.places.models import Place

from . import dashboards, issuers, services
from . import jobs as review_jobs
from .documents import minutes as minutes_document
from .documents import pdf, spreadsheet, word
from .forms import SIGNERS, MinutesForm, ReviewForm
from .minutes import minutes_data
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
    context = caching.for_scope("overview", request.user, lambda: dashboards.overview(request.user, province), province and province.pk)
    context["province"] = province
    context["languages"] = settings.LANGUAGES
    return render(request, "reports/overview.html", context)


def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.visible_or_404(Partnership.objects.with_sides(), request.user, pk)
    context = caching.for_scope("dashboard", request.user, lambda: dashboards.partnership_dashboard(partnership, request.user), partnership.pk)
    context["partnership"] = partnership
    return render(request, "reports/dashboard.html", context)


@dataclass
class ReviewRequest:
    """A review report asked for: its period, its language, who issues it and who signs."""

    date_from: datetime.date
    date_to: datetime.date
    language: str
    issuer: str = ""
    signer: str = issuers.HEAD

    def arguments(self) -> tuple[datetime.date, datetime.date, str, str, str]:
        return self.date_from, self.date_to, self.language, self.issuer, self.signer

    def query(self) -> str:
        values = {"from": self.date_from.isoformat(), "to": self.date_to.isoformat(), "lang": self.language,
                  "issuer": self.issuer, "signer": self.signer}
        return urlencode({key: value for key, value in values.items() if value})


def review_parameters(request: HttpRequest, partnership: Partnership) -> ReviewRequest | list[str]:
    """The report asked for, defaults filled in, or the list of what is wrong with it."""
    form = ReviewForm.from_query(request.GET)
    if not form.is_valid():
        return [str(message) for messages in form.errors.values() for message in messages]
    default_from, default_to = services.default_period(partnership, request.user)
    date_from = form.cleaned_data["date_from"] or default_from
    date_to = form.cleaned_data["date_to"] or max(default_to, date_from)
    if date_from > date_to:
        return [_("The period must begin before it ends.")]
    language = form.cleaned_data["lang"] or (translation.get_language() or "vi")[:2]
    issuer = form.cleaned_data["issuer"]
    side = services.issuing_side(language, request.user)
    if issuer and issuer not in {str(u.pk) for u in issuers.issuing_units(partnership, side, timezone.localdate())}:
        return [_("Choose the issuing unit from the list.")]
    return ReviewRequest(date_from, date_to, language, issuer, form.cleaned_data["signer"] or issuers.HEAD)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review report page: choose the period, language and issuer, see the summary, download the documents."""
    partnership = services.review_partnership(request.user, pk)
    asked = review_parameters(request, partnership)
    if isinstance(asked, list):
        return bad_request(request, asked, partnership)
    data = services.review_data(partnership, asked.date_from, asked.date_to, request.user,
                                language=(translation.get_language() or "vi")[:2])
    side = services.issuing_side(asked.language, request.user)
    units = issuers.issuing_units(partnership, side, timezone.localdate())
    with translation.override(asked.language):
        issued_by = issuers.issuer_for(partnership, side, timezone.localdate(), asked.issuer, units)
        choices = [(str(u.pk), issuers.authority_name(u, side, asked.language)) for u in units]
    return render(request, "reports/review.html", {
        "partnership": partnership, "data": data, "date_from": asked.date_from, "date_to": asked.date_to,
        "language": asked.language, "query": asked.query(), "issuer_choices": choices, "issuer": issued_by.key,
        "signer": asked.signer, "signers": SIGNERS,
        "languages": [(code, name) for code, name in settings.LANGUAGES],  # the report form's choices
    })


def review_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The review report as DOCX, PDF or XLSX, in the language asked for, made by a background job."""
    if fmt not in FORMATS:
        raise Http404(_("There is no report in this format."))
    partnership = services.review_partnership(request.user, pk)
    asked = review_parameters(request, partnership)
    if isinstance(asked, list):
        return bad_request(request, asked, partnership)
    # Made in the background (reports.jobs): the job's page shows its progress, then the file.
    return redirect(review_jobs.queue_review(request.user, partnership, fmt, *asked.arguments()))


def province_parameters(request: HttpRequest) -> tuple[datetime.date, datetime.date, str] | list[str]:
    """The period (by default the year to today) and language of a province-wide report, or what is wrong with them."""
    form = ReviewForm.from_query(request.GET)
    if not form.is_valid():
        return [str(message) for messages in form.errors.values() for message in messages]
    date_to = form.cleaned_data["date_to"] or timezone.localdate()
    date_from = form.cleaned_data["date_from"] or date_to.replace(year=max(datetime.MINYEAR, date_to.year - 1),
                                                                  day=min(date_to.day, 28))
    if date_from > date_to:
        return [_("The period must begin before it ends.")]
    return date_from, date_to, form.cleaned_data["lang"] or (translation.get_language() or "vi")[:2]


def visible_province(request: HttpRequest, pk: int) -> Place:
    return access.visible_or_404(Place.objects.filter(level="province"), request.user, pk)


def province_review_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Every partnership of a province the user sees, reviewed for ?from=&to= in ?lang=, made by a background job."""
    province = visible_province(request, pk)
    asked = province_parameters(request)
    if isinstance(asked, list):
        return bad_request(request, asked)
    return redirect(review_jobs.queue_province_review(request.user, province, *asked))


def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The page before drafting the minutes of the next talks: their day, place, delegations and new commitments."""
    partnership = services.review_partnership(request.user, pk)
    form = MinutesForm(initial={"date": timezone.localdate()})
    return render(request, "reports/minutes.html", {"partnership": partnership, "form": form})


def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The bilingual minutes of talks (DOCX) for ?date=YYYY-MM-DD, drafted from what the user may see."""
    partnership = services.review_partnership(request.user, pk)
    form = MinutesForm(request.GET)
    if not form.is_valid():
        return bad_request(request, [str(message) for messages in form.errors.values() for message in messages], partnership)
    fields = form.cleaned_data
    data = minutes_data(partnership, fields["date"], request.user, time=fields["time"], venue=fields["venue"],
                        vn_delegation=fields["vn_delegation"], la_delegation=fields["la_delegation"],
                        new_commitments=fields["new_commitments"])
    response = HttpResponse(minutes_document.render(data), content_type=FORMATS["docx"][1])
    name = filename(partnership, fields["date"], fields["date"], "vi-lo", "docx").replace("review-", "minutes-", 1)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def filename(partnership: Partnership, date_from: datetime.date, date_to: datetime.date, language: str, fmt: str) -> str:
    with translation.override("en"):
        pair = slugify("{vn}-{la}".format(vn=partnership.vn_place.name_en or partnership.vn_place.name_vi,
                                          la=partnership.la_place.name_en or partnership.la_place.name_vi))
    return "review-{pair}-{start}-{end}-{lang}.{fmt}".format(
        pair=pair or partnership.pk, start=date_from.isoformat(), end=date_to.isoformat(), lang=language, fmt=fmt
    )
