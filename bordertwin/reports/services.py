"""Assembling reports: the review report for the annual talks, and the figures behind the dashboards.

Every function here reads through `restrict(user, "view")`, so a report shows exactly
what its reader may see, and runs a fixed number of queries whatever the data's size.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.border.reporting import border_summary
from bordertwin.core.languages import in_reader_language
from bordertwin.partnerships import services as partnership_services
from bordertwin.partnerships.choices import AgreementKind, CommitmentStatus, Domain
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.places.models import Place
from bordertwin.tracking import services as tracking_services
from bordertwin.tracking.choices import ActivityKind, Confirmation, Currency
from bordertwin.tracking.models import Activity, Delivery

from . import formatting, issuers, money
from .formatting import number
from .issuers import place_name
from .review import (
    ActivityLine,
    AgreementLine,
    BorderFact,
    CommitmentLine,
    DeliveryLine,
    DomainResult,
    Letterhead,
    ReviewData,
)

PARTNERSHIP_RELATED = ("vn_place__parent", "la_place__parent", "vn_organisation", "la_organisation")
NOT_STARTED = (CommitmentStatus.PROPOSED, CommitmentStatus.AGREED)
CLOSED = (CommitmentStatus.CANCELLED, CommitmentStatus.CARRIED_OVER)
# The currency all values are converted into, by report language.
REPORT_CURRENCY = {"vi": Currency.VND, "en": Currency.VND, "lo": Currency.LAK}


def default_period(partnership: Partnership, user: Actor, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Since the previous talks (minutes signed or talks held) to today; else since the first agreement."""
    today = today or timezone.localdate()
    agreements = Agreement.objects.restrict(user).filter(partnership=partnership, signed_on__lt=today)
    minutes = agreements.filter(kind=AgreementKind.MINUTES).order_by("-signed_on").values_list("signed_on", flat=True).first()
    talks = (
        Activity.objects.restrict(user).filter(partnership=partnership, kind=ActivityKind.TALKS, started_on__lt=today)
        .order_by("-started_on").values_list("started_on", flat=True).first()
    )
    candidates = [day for day in (minutes, talks) if day]
    if candidates:
        return max(candidates), today
    first = agreements.order_by("signed_on").values_list("signed_on", flat=True).first()
    return (first or today.replace(year=today.year - 1, day=min(today.day, 28))), today


# --- Names as documents write them ---------------------------------------------------------------------------


def side_name(partnership: Partnership, side: str, language: str) -> str:
    """A side as the partnership names it: its organisation, else its place (as it was when they twinned)."""
    place, organisation = issuers.side_parts(partnership, side)
    return organisation.name if organisation else place_name(place, language)


def day_line(place: Place, day: datetime.date) -> str:
    """'Hương Khê, ngày 01 tháng 6 năm 2026': Decree 30 pads days below 10 and the months January and February."""
    return _("{place}, day {day} month {month} year {year}").format(
        place=place.name, day=f"{day.day:02d}", month=f"{day.month:02d}" if day.month < 3 else str(day.month), year=day.year,
    )


def letterhead(partnership: Partnership, language: str, date_from: datetime.date, date_to: datetime.date,
               issued_on: datetime.date, issuer: issuers.Issuer, signer: str = issuers.HEAD) -> Letterhead:
    """The frame of the document, issued by `issuer` (a unit existing on `issued_on`): its national heading, its
    body, its place and date. The period's text names the partnership's units as they were."""
    other = "VN" if issuer.side == "LA" else "LA"
    superior = issuers.superior_name(issuer, language)
    # A people's committee (an administration) heads its own letter; another body names its superior above itself.
    authority = "" if issuers.governs(issuer) else superior
    if issuer.side == "LA":
        nation, motto = _("LAO PEOPLE'S DEMOCRATIC REPUBLIC"), _("Peace Independence Democracy Unity Prosperity")
    else:
        nation, motto = _("SOCIALIST REPUBLIC OF VIETNAM"), _("Independence - Freedom - Happiness")
    period = _("from {start} to {end}").format(start=formatting.date(date_from), end=formatting.date(date_to))
    recipients = [
        _("{body} (to report)").format(body=superior) if superior else "",
        _("{body} (to coordinate)").format(body=side_name(partnership, other, language)),
        _("Archive: office."),
    ]
    return Letterhead(
        country=issuer.side,
        nation=nation,
        motto=motto,
        authority=authority,
        issuer=issuers.issuer_name(issuer, language),
        issuer_lines=issuers.issuer_lines(issuer, language),
        number_line=issuers.number_line(issuer),
        place_date=day_line(issuer.place, issued_on),
        title=_("REPORT"),
        subtitle=_("Results of the cooperation between {vn} and {la} {period}").format(
            vn=side_name(partnership, "VN", language), la=side_name(partnership, "LA", language), period=period
        ),
        recipients=[r for r in recipients if r],
        signer_lines=issuers.signer_lines(issuer, signer),
        signer_note=_("(Signature, full name and seal)"),
    )


# --- The review report -----------------------------------------------------------------------------------------


def review_partnership(user: Actor, pk: Any) -> Partnership:
    """The partnership `pk` if `user` sees it (404 otherwise), with what a report names of it: both sides and
    the places above them. The one check of a report request, in one query."""
    return access.visible_or_404(Partnership.objects.select_related(*PARTNERSHIP_RELATED), user, pk)


def issuing_side(language: str, user: Actor) -> str:
    """The Lao report is issued by the Lao side; an English one by the reader's side."""
    return "LA" if language == "lo" or (language == "en" and getattr(user, "side", "") == "LA") else "VN"


def review_data(partnership: Partnership, date_from: datetime.date, date_to: datetime.date, user: Actor,
                language: str = "vi", issued_on: datetime.date | None = None, issuer: str = "",
                signer: str = issuers.HEAD) -> ReviewData:
    """Everything the review report of `partnership` for `date_from`..`date_to` says, as `user` may see it.

    `partnership` is one `user` sees, as `review_partnership` gives it: it is not checked again here.
    `issuer` is the id of the unit that issues it among those carrying the partnership on at `issued_on`
    (the default one when empty; a ValueError when it is not one of them); `signer` the head or their deputy.
    Runs a fixed number of queries, whatever the number of commitments, activities and deliveries.
    Labels come out in the active language: call it under `translation.override(language)`.
    """
    issued_on = issued_on or timezone.localdate()
    side = issuing_side(language, user)
    units = issuers.issuing_units(partnership, side, issued_on)
    issued_by = issuers.issuer_for(partnership, side, issued_on, issuer, units)

    agreements = list(
        Agreement.objects.restrict(user).filter(partnership=partnership, signed_on__lte=date_to)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date_from)).order_by("signed_on", "pk")
    )
    commitments = list(
        Commitment.objects.restrict(user)
        .filter(agreement__partnership=partnership, agreement__signed_on__lte=date_to)
        .select_related("agreement", "target_unit").order_by("agreement__signed_on", "agreement_id", "position", "pk")
    )
    measured = tracking_services.measured_progress(commitments, today=date_to)
    progress = partnership_services.progress_of(commitments, measured)
    lines = commitment_lines(commitments, progress, language)

    activities = list(
        Activity.objects.restrict(user)
        .filter(partnership=partnership, started_on__gte=date_from, started_on__lte=date_to)
        .order_by("started_on", "pk")
    )
    deliveries = list(
        Delivery.objects.restrict(user)
        .filter(partnership=partnership, delivered_on__gte=date_from, delivered_on__lte=date_to)
        .select_related("unit", "giver_organisation", "recipient_organisation", "recipient_place", "commitment")
        .order_by("delivered_on", "pk")
    )
    counted = [d for d in deliveries if d.confirmation != Confirmation.DISPUTED]
    report_currency = REPORT_CURRENCY.get(language, Currency.VND)
    border, withheld = border_facts(partnership, date_from, date_to, user)

    data = ReviewData(
        partnership_id=partnership.pk,
        partnership=str(partnership),
        vn_side=side_name(partnership, "VN", language),
        la_side=side_name(partnership, "LA", language),
        language=language,
        date_from=date_from,
        date_to=date_to,
        letterhead=letterhead(partnership, language, date_from, date_to, issued_on, issued_by, signer),
        agreements=[agreement_line(a) for a in agreements],
        domains=domain_results(lines, commitments, progress),
        activities=[activity_line(a) for a in activities],
        deliveries=[delivery_line(d, language) for d in deliveries],
        totals=money.money_totals(counted),
        converted=money.converted_total(counted, report_currency) if counted else None,
        open_commitments=[line for line in lines if line.status in (CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS)],
        proposals=[line for line in lines if line.status == CommitmentStatus.PROPOSED],
        border=border,
        border_withheld=withheld,
        issuer_choices=[(str(u.pk), issuers.authority_name(u, side, language)) for u in units] if len(units) > 1 else [],
        issuer_key=issued_by.key,
    )
    disputed = len(deliveries) - len(counted)
    if disputed:
        data.notes.append(
            _("{count} deliveries are disputed by the other side and are left out of the totals.").format(count=disputed)
        )
    if not units:
        data.notes.append(_("No unit in the registry carries {place} on at the report's date: it is named as it was.").format(
            place=place_name(issued_by.place, language)))
    return data


def agreement_line(agreement: Agreement) -> AgreementLine:
    return AgreementLine(
        title=in_reader_language(agreement, "title").plain(), kind=agreement.get_kind_display(), signed_on=agreement.signed_on,
        signed_at=agreement.signed_at, precision=agreement.signed_on_precision,
    )


def agreement_label(agreement: Agreement) -> str:
    """'Biên bản ghi nhớ (25/06/2022)': an agreement as a commitment's history names it."""
    return "{title} ({date})".format(
        title=in_reader_language(agreement, "title").plain(), date=formatting.date(agreement.signed_on, agreement.signed_on_precision)
    )


def latest_commitments(commitments: list[Commitment]) -> list[Commitment]:
    """Each undertaking once: a commitment carried into later minutes of the list is left for its continuation."""
    continued = {c.carried_from_id for c in commitments if c.carried_from_id}
    return [c for c in commitments if not (c.status == CommitmentStatus.CARRIED_OVER and c.pk in continued)]


def commitment_history(commitment: Commitment, by_pk: dict[int, Commitment]) -> list[str]:
    """The agreements a commitment was carried over from, oldest first (those the reader sees)."""
    history: list[str] = []
    earlier = by_pk.get(commitment.carried_from_id) if commitment.carried_from_id else None
    while earlier is not None and len(history) < len(by_pk):
        history.insert(0, agreement_label(earlier.agreement))
        earlier = by_pk.get(earlier.carried_from_id) if earlier.carried_from_id else None
    return history


def commitment_lines(commitments: list[Commitment], progress: dict[int, Decimal | None], language: str) -> list[CommitmentLine]:
    """Commitments in reading order, each agreement's parents before their parts; each undertaking once,
    under its latest agreement, with the agreements it was carried over from."""
    by_pk = {c.pk: c for c in commitments}
    kept = latest_commitments(commitments)
    children: dict[int | None, list[Commitment]] = defaultdict(list)
    known = {c.pk for c in kept}
    for commitment in kept:
        children[commitment.parent_id if commitment.parent_id in known else None].append(commitment)
    lines: list[CommitmentLine] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for c in children.get(parent_id, []):
            target = ""
            if c.target_quantity is not None and c.target_unit is not None:
                target = "{quantity} {unit}".format(quantity=number(c.target_quantity, language), unit=c.target_unit)
            lines.append(CommitmentLine(
                pk=c.pk, text=in_reader_language(c, "text").plain(), domain=c.domain, domain_label=c.get_domain_display(), status=c.status,
                status_label=c.get_status_display(), progress=progress.get(c.pk), target=target,
                agreement=in_reader_language(c.agreement, "title").plain(), depth=depth, history=commitment_history(c, by_pk),
            ))
            walk(c.pk, depth + 1)

    walk(None, 0)
    return lines


def domain_results(lines: list[CommitmentLine], commitments: list[Commitment],
                   progress: dict[int, Decimal | None]) -> list[DomainResult]:
    """Commitments grouped by domain, domains in their defined order; a domain's progress is its top-level average."""
    weights = {c.pk: c.weight for c in commitments}
    by_domain: dict[str, list[CommitmentLine]] = defaultdict(list)
    for line in lines:
        by_domain[line.domain].append(line)
    results = []
    for value, label in Domain.choices:
        items = by_domain.get(value)
        if not items:
            continue
        counted = [(line.progress, weights[line.pk]) for line in items if line.depth == 0 and line.progress is not None]
        total_weight = sum(w for _p, w in counted)
        average = (sum((p * w for p, w in counted), Decimal(0)) / total_weight).quantize(Decimal(1)) if total_weight else None
        results.append(DomainResult(
            domain=value, label=str(label), commitments=items,
            done=sum(1 for line in items if line.status == CommitmentStatus.DONE),
            in_progress=sum(1 for line in items if line.status == CommitmentStatus.IN_PROGRESS),
            not_started=sum(1 for line in items if line.status in NOT_STARTED),
            closed=sum(1 for line in items if line.status in CLOSED),
            progress=average,
        ))
    return results


def participants(activity: Activity) -> str:
    """The 'Thành phần' of an activity: each side's participants as entered (names, else their number)."""
    parts = []
    for label, names, count in (
        (_("Vietnamese side"), activity.vn_participants, activity.vn_participant_count),
        (_("Lao side"), activity.la_participants, activity.la_participant_count),
    ):
        people = "; ".join(line.strip(" -–•\t") for line in names.splitlines() if line.strip(" -–•\t"))
        if people and count:
            parts.append(_("{side} ({count} people): {names}").format(side=label, count=count, names=people))
        elif people:
            parts.append("{side}: {names}".format(side=label, names=people))
        elif count:
            parts.append(_("{side}: {count} people").format(side=label, count=count))
    return "\n".join(parts)


def activity_line(activity: Activity) -> ActivityLine:
    return ActivityLine(
        date=activity.started_on, kind=activity.get_kind_display(), title=in_reader_language(activity, "title").plain(),
        place=activity.venue,
        participants=participants(activity), precision=activity.date_precision,
    )


def delivery_line(delivery: Delivery, language: str) -> DeliveryLine:
    giver = delivery.giver_organisation.name if delivery.giver_organisation else (
        delivery.giver_name or delivery.get_giver_side_display()
    )
    if delivery.recipient_organisation:
        recipient = delivery.recipient_organisation.name
    elif delivery.recipient_group:
        recipient = delivery.recipient_group
    elif delivery.recipient_place:
        recipient = place_name(delivery.recipient_place, language)
    else:
        recipient = ""
    return DeliveryLine(
        date=delivery.delivered_on, category=delivery.get_category_display(), item=in_reader_language(delivery, "item").plain(),
        quantity=delivery.quantity, unit=str(delivery.unit) if delivery.unit else "", value=delivery.value,
        currency=delivery.currency, qualifier=money.qualifier_word(delivery.value_qualifier), giver=giver,
        recipient=recipient, commitment=str(delivery.commitment) if delivery.commitment else "",
        confirmation=delivery.get_confirmation_display(), precision=delivery.delivered_on_precision,
    )


# --- Border protection -----------------------------------------------------------------------------------------------


# What the border summary counts from border-sensitive records (patrols, incidents).
SENSITIVE_BORDER_KEYS = ("patrols_held", "incidents_by_category")


def border_facts(partnership: Partnership, date_from: datetime.date, date_to: datetime.date,
                 user: Actor) -> tuple[list[BorderFact], bool]:
    """The border-protection section, counting only what `user` may see, and whether patrols and incidents were
    withheld from them: a reader without a border role would otherwise read "0 patrols" where patrols were held."""
    summary = dict(border_summary(partnership, date_from, date_to, user=user))
    withheld = not access.may_read_sensitive(user, partnership)
    if withheld:
        for key in SENSITIVE_BORDER_KEYS:
            summary.pop(key, None)
    return facts_from(summary), withheld


def border_labels() -> dict[str, str]:
    return {
        "patrols_held": _("Joint patrols held"),
        "markers_inspected": _("Boundary markers inspected"),
        "marker_conditions": _("Condition of the markers"),
        "incidents_by_category": _("Incidents by category and outcome"),
    }


def facts_from(summary: dict[str, Any], top: bool = True) -> list[BorderFact]:
    """Whatever the border summary holds, as lines: counts, and breakdowns of counts."""
    names = border_labels() if top else {}
    facts = []
    for key, value in summary.items():
        label = names.get(key) or str(key).replace("_", " ")
        label = label[:1].upper() + label[1:]
        if isinstance(value, dict):
            parts = facts_from(value, top=False)
            total = _count_total(value)
            facts.append(BorderFact(label=label, value=str(total) if total is not None else "", parts=parts))
        else:
            facts.append(BorderFact(label=label, value=str(value)))
    return facts


def _count_total(value: dict[str, Any]) -> int | None:
    total = 0
    for item in value.values():
        if isinstance(item, dict):
            inner = _count_total(item)
            if inner is None:
                return None
            total += inner
        elif isinstance(item, int):
            total += item
        else:
            return None
    return total
