"""The province-wide review report: every partnership of a province in a period, as one reader may see them.

A provincial foreign-affairs office reviews all its pairs at once. The province's
partnerships are those of its places and of the former units whose duties passed into it
(Quảng Trị carries Quảng Bình's since 1 July 2025), narrowed to the reader's scope; each
is reviewed as its own report would review it. Made by a background job (reports.jobs).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bordertwin.access.users import Actor
from bordertwin.partnerships.models import Partnership
from bordertwin.places.models import Place
from bordertwin.places.services import covered_places

from . import formatting, issuers, services
from .review import Letterhead, ReviewData


@dataclass
class ProvinceReview:
    """The frame of the document (letterhead, language, period, no lines of its own) and each partnership's review."""

    frame: ReviewData
    partnerships: list[ReviewData]


def province_partnerships(province: Place, user: Actor) -> list[Partnership]:
    """The partnerships of `province` (its places and those it carries on) that `user` sees."""
    places = covered_places(province)
    return list(
        Partnership.objects.restrict(user).select_related(*services.PARTNERSHIP_RELATED)
        .filter(Q(vn_place_id__in=places) | Q(la_place_id__in=places))
        .order_by("vn_place__name_vi", "la_place__name_vi", "pk")
    )


def province_letterhead(province: Place, language: str, date_from: datetime.date, date_to: datetime.date,
                        issued_on: datetime.date) -> Letterhead:
    """Issued by the province's people's committee (its Lao administration), or by the province carrying it on."""
    unit = issuers.default_unit(province, province.current_successors(issued_on)) or province
    issuer = issuers.Issuer(place=unit, organisation=None, side=province.country)
    if issuer.side == "LA":
        nation, motto = _("LAO PEOPLE'S DEMOCRATIC REPUBLIC"), _("Peace Independence Democracy Unity Prosperity")
    else:
        nation, motto = _("SOCIALIST REPUBLIC OF VIETNAM"), _("Independence - Freedom - Happiness")
    period = _("from {start} to {end}").format(start=formatting.date(date_from), end=formatting.date(date_to))
    return Letterhead(
        country=issuer.side, nation=nation, motto=motto, authority="",
        issuer=issuers.issuer_name(issuer, language), issuer_lines=issuers.issuer_lines(issuer, language),
        number_line=issuers.number_line(issuer),
        place_date=services.day_line(unit, issued_on), title=_("REPORT"),
        subtitle=_("Results of the twinning partnerships of {province} {period}").format(
            province=issuers.place_name(province, language), period=period),
        recipients=[_("Archive: office.")], signer_lines=issuers.signer_lines(issuer),
        signer_note=_("(Signature, full name and seal)"),
    )


def province_review(province: Place, date_from: datetime.date, date_to: datetime.date, user: Actor,
                    language: str = "vi", issued_on: datetime.date | None = None,
                    progress: Callable[[int], None] | None = None) -> ProvinceReview:
    """Every partnership of `province` that `user` sees, reviewed for the period. Call under
    `translation.override(language)`."""
    issued_on = issued_on or timezone.localdate()
    partnerships = province_partnerships(province, user)
    reviews = []
    for number, partnership in enumerate(partnerships, start=1):
        reviews.append(services.review_data(partnership, date_from, date_to, user, language=language, issued_on=issued_on))
        if progress is not None:
            progress(10 + 70 * number // len(partnerships))
    frame = ReviewData(
        partnership_id=0, partnership=issuers.place_name(province, language), vn_side="", la_side="", language=language,
        date_from=date_from, date_to=date_to,
        letterhead=province_letterhead(province, language, date_from, date_to, issued_on),
    )
    return ProvinceReview(frame=frame, partnerships=reviews)
