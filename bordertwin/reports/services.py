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
from bordertwin.partnerships import services as partnership_services
from bordertwin.partnerships.choices import AgreementKind, CommitmentStatus, Domain
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.places.models import Place
from bordertwin.tracking import services as tracking_services
from bordertwin.tracking.choices import ActivityKind, Confirmation, Currency, ValueQualifier
from bordertwin.tracking.models import Activity, Delivery

from .formatting import number
from .review import (
    ActivityLine,
    AgreementLine,
    BorderFact,
    CommitmentLine,
    DeliveryLine,
    DomainResult,
    Letterhead,
    MoneyTotal,
    ReviewData,
)

PARTNERSHIP_RELATED = ("vn_place__parent", "la_place__parent", "vn_organisation", "la_organisation")
NOT_STARTED = (CommitmentStatus.PROPOSED, CommitmentStatus.AGREED)
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


def place_name(place: Place, language: str) -> str:
    """'huyện Hương Khê', 'ເມືອງນາກາຍ', 'Nakai district': a place with its kind of unit, in the document's language."""
    if language == "vi" and place.unit_type:
        return "{unit} {name}".format(unit=place.unit_type.lower(), name=place.name_vi)
    name = place.name
    templates = {
        "province": _("{name} province"),
        "district": _("{name} district"),
        "commune": _("{name} commune"),
        "ward": _("{name} ward"),
        "village_cluster": _("{name} village cluster"),
        "village": _("{name} village"),
    }
    return templates.get(place.level, "{name}").format(name=name)


def side_parts(partnership: Partnership, side: str) -> tuple[Place, Any]:
    if side == "LA":
        return partnership.la_place, partnership.la_organisation
    return partnership.vn_place, partnership.vn_organisation


def side_name(partnership: Partnership, side: str, language: str) -> str:
    place, organisation = side_parts(partnership, side)
    return organisation.name if organisation else place_name(place, language)


def letterhead(partnership: Partnership, language: str, date_from: datetime.date, date_to: datetime.date,
               issued_on: datetime.date, issuing_side: str) -> Letterhead:
    """The frame of the document, issued by one side: its national heading, its body, its place and date."""
    place, organisation = side_parts(partnership, issuing_side)
    other = "VN" if issuing_side == "LA" else "LA"
    committee = _("People's Committee of {place}")
    superior = committee.format(place=place_name(place.parent, language)) if place.parent is not None else ""
    issuer = organisation.name if organisation else committee.format(place=place_name(place, language))
    # A people's committee heads its own letter; a unit under one names it above itself (Decree 30, art. 8).
    authority = superior if organisation else ""
    if issuing_side == "LA":
        nation, motto = _("LAO PEOPLE'S DEMOCRATIC REPUBLIC"), _("Peace Independence Democracy Unity Prosperity")
    else:
        nation, motto = _("SOCIALIST REPUBLIC OF VIETNAM"), _("Independence - Freedom - Happiness")
    period = _("from {start} to {end}").format(start=date_from.strftime("%d/%m/%Y"), end=date_to.strftime("%d/%m/%Y"))
    recipients = [
        _("{body} (to report)").format(body=superior) if superior else "",
        _("{body} (to coordinate)").format(body=side_name(partnership, other, language)),
        _("Archive: office."),
    ]
    return Letterhead(
        country=issuing_side,
        nation=nation,
        motto=motto,
        authority=authority,
        issuer=issuer,
        number_line=_("No.: ……/BC-{code}").format(code=_("PC")) if not organisation else _("No.: ……/BC"),
        place_date=_("{place}, day {day} month {month} year {year}").format(
            place=place.name, day=f"{issued_on.day:02d}", month=f"{issued_on.month:02d}", year=issued_on.year
        ),
        title=_("REPORT"),
        subtitle=_("Results of the cooperation between {vn} and {la} {period}").format(
            vn=side_name(partnership, "VN", language), la=side_name(partnership, "LA", language), period=period
        ),
        recipients=[r for r in recipients if r],
        signer_capacity=(
            _("On behalf of {body}").format(body=organisation.name) if organisation else _("On behalf of the People's Committee")
        ),
        signer_title=_("Head") if organisation else _("Chairperson"),
        signer_note=_("(Signature, full name and seal)"),
    )


# --- The review report -----------------------------------------------------------------------------------------


def review_partnership(user: Actor, pk: Any) -> Partnership:
    """The partnership `pk` if `user` sees it (404 otherwise), with what a report names of it: both sides and
    the places above them. The one check of a report request, in one query."""
    return access.visible_or_404(Partnership.objects.select_related(*PARTNERSHIP_RELATED), user, pk)


def review_data(partnership: Partnership, date_from: datetime.date, date_to: datetime.date, user: Actor,
                language: str = "vi", issued_on: datetime.date | None = None) -> ReviewData:
    """Everything the review report of `partnership` for `date_from`..`date_to` says, as `user` may see it.

    `partnership` is one `user` sees, as `review_partnership` gives it: it is not checked again here.
    Runs a fixed number of queries, whatever the number of commitments, activities and deliveries.
    Labels come out in the active language: call it under `translation.override(language)`.
    """
    issued_on = issued_on or timezone.localdate()
    issuing_side = "LA" if language == "lo" or (language == "en" and getattr(user, "side", "") == "LA") else "VN"

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
    converted = tracking_services.total_value(counted, report_currency) if counted else None

    data = ReviewData(
        partnership_id=partnership.pk,
        partnership=str(partnership),
        vn_side=side_name(partnership, "VN", language),
        la_side=side_name(partnership, "LA", language),
        language=language,
        date_from=date_from,
        date_to=date_to,
        letterhead=letterhead(partnership, language, date_from, date_to, issued_on, issuing_side),
        agreements=[
            AgreementLine(title=a.title, kind=a.get_kind_display(), signed_on=a.signed_on, signed_at=a.signed_at)
            for a in agreements
        ],
        domains=domain_results(lines, commitments, progress),
        activities=[activity_line(a) for a in activities],
        deliveries=[delivery_line(d, language) for d in deliveries],
        totals=money_totals(counted),
        converted=converted,
        open_commitments=[line for line in lines if line.status in (CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS)],
        proposals=[line for line in lines if line.status == CommitmentStatus.PROPOSED],
        border=border_facts(partnership, date_from, date_to, user),
    )
    disputed = len(deliveries) - len(counted)
    if disputed:
        data.notes.append(
            _("{count} deliveries are disputed by the other side and are left out of the totals.").format(count=disputed)
        )
    return data


def commitment_lines(commitments: list[Commitment], progress: dict[int, Decimal | None], language: str) -> list[CommitmentLine]:
    """Commitments in reading order, each agreement's parents before their parts."""
    children: dict[int | None, list[Commitment]] = defaultdict(list)
    known = {c.pk for c in commitments}
    for commitment in commitments:
        children[commitment.parent_id if commitment.parent_id in known else None].append(commitment)
    lines: list[CommitmentLine] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for c in children.get(parent_id, []):
            target = ""
            if c.target_quantity is not None and c.target_unit is not None:
                target = "{quantity} {unit}".format(quantity=number(c.target_quantity, language), unit=c.target_unit)
            lines.append(CommitmentLine(
                pk=c.pk, text=c.text, domain=c.domain, domain_label=c.get_domain_display(), status=c.status,
                status_label=c.get_status_display(), progress=progress.get(c.pk), target=target,
                agreement=c.agreement.title, depth=depth,
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
            progress=average,
        ))
    return results


def activity_line(activity: Activity) -> ActivityLine:
    counts = []
    if activity.vn_participant_count:
        counts.append(_("Vietnamese side: {count}").format(count=activity.vn_participant_count))
    if activity.la_participant_count:
        counts.append(_("Lao side: {count}").format(count=activity.la_participant_count))
    return ActivityLine(
        date=activity.started_on, kind=activity.get_kind_display(), title=activity.title, place=activity.venue,
        participants="; ".join(counts),
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
    qualifier = "" if delivery.value_qualifier == ValueQualifier.EXACT else str(delivery.get_value_qualifier_display()).lower()
    return DeliveryLine(
        date=delivery.delivered_on, category=delivery.get_category_display(), item=delivery.item,
        quantity=delivery.quantity, unit=str(delivery.unit) if delivery.unit else "", value=delivery.value,
        currency=delivery.currency, qualifier=qualifier, giver=giver, recipient=recipient,
        commitment=str(delivery.commitment) if delivery.commitment else "",
        confirmation=delivery.get_confirmation_display(),
    )


def money_totals(deliveries: list[Delivery]) -> list[MoneyTotal]:
    """The values summed per currency, as given; "more than" or "about" when the sources were not exact."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    qualifiers: dict[str, set[str]] = defaultdict(set)
    for delivery in deliveries:
        if delivery.value is None or not delivery.currency:
            continue
        sums[delivery.currency] += delivery.value
        if delivery.value_qualifier != ValueQualifier.EXACT:
            qualifiers[delivery.currency].add(delivery.value_qualifier)
    totals = []
    for currency in Currency.values:
        if currency not in sums:
            continue
        words = qualifiers[currency]
        if not words:
            qualifier = ""
        elif words == {ValueQualifier.MORE_THAN}:
            qualifier = str(ValueQualifier.MORE_THAN.label).lower()
        else:
            qualifier = str(ValueQualifier.APPROXIMATELY.label).lower()
        totals.append(MoneyTotal(currency=currency, amount=sums[currency], qualifier=qualifier))
    return totals


# --- Border protection -----------------------------------------------------------------------------------------------


# What the border summary counts from border-sensitive records (patrols, incidents).
SENSITIVE_BORDER_KEYS = ("patrols_held", "incidents_by_category")


def border_facts(partnership: Partnership, date_from: datetime.date, date_to: datetime.date, user: Actor) -> list[BorderFact]:
    """The border-protection section; it counts only what `user` may see.

    A reader without a border role would see "0 patrols" where patrols were held: those
    counts are left out for them rather than shown as zero.
    """
    summary = dict(border_summary(partnership, date_from, date_to, user=user))
    if not access.may_read_sensitive(user, partnership):
        for key in SENSITIVE_BORDER_KEYS:
            summary.pop(key, None)
    return facts_from(summary)


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
