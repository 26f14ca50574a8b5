"""The rules of tracking: totals through dated rates, progress of commitments, two-sided confirmation, period locks."""

import datetime
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, TypeVar, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import context
from bordertwin.core.models import JournalEntry
from bordertwin.core.services import save_record
from bordertwin.partnerships.choices import CommitmentStatus, Recurrence
from bordertwin.partnerships.models import Commitment

from .choices import Confirmation, ValueQualifier
from .models import Activity, Delivery, ExchangeRate, PartnershipRecord, ReviewPeriod

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
CLOSED_STATUSES = (CommitmentStatus.DONE, CommitmentStatus.CARRIED_OVER, CommitmentStatus.CANCELLED)


# --- Totals ------------------------------------------------------------------------------------------------


class MissingRate(NamedTuple):
    """A conversion a total needed and found no rate for."""

    currency: str
    to_currency: str
    on: datetime.date

    def __str__(self) -> str:
        return _("no rate for {currency}→{to} on or before {day}").format(
            currency=self.currency, to=self.to_currency, day=formats.date_format(self.on, "d/m/Y")
        )


@dataclass
class Total:
    """A sum of delivery values in one currency, on the deliveries page and in the review report;
    what could not be converted is listed, never guessed."""

    amount: Decimal
    currency: str
    missing: list[MissingRate] = field(default_factory=list)
    # Some values were "more than", "about" or "less than": the total is not exact either.
    approximate: bool = False
    counted: int = 0

    @property
    def complete(self) -> bool:
        return not self.missing


class RateBook:
    """Dated exchange rates loaded once, asked for the latest rate on or before a day."""

    def __init__(self, currencies: Iterable[str], to_currency: str) -> None:
        wanted = set(currencies) - {to_currency}
        self.by_pair: dict[tuple[str, str], list[tuple[datetime.date, Decimal]]] = defaultdict(list)
        if wanted:
            rows = ExchangeRate.objects.filter(
                currency__in=wanted | {to_currency}, to_currency__in=wanted | {to_currency}
            ).order_by("valid_on", "pk").values_list("currency", "to_currency", "valid_on", "rate")
            for source, target, valid_on, rate in rows:
                self.by_pair[(source, target)].append((valid_on, rate))

    def _latest(self, pair: tuple[str, str], on: datetime.date) -> tuple[datetime.date, Decimal] | None:
        rates = self.by_pair.get(pair, [])
        # The last rate dated on or before `on` (of a day's rates, the last recorded): a binary search by date.
        index = bisect_right(rates, on, key=lambda rate: rate[0])
        return rates[index - 1] if index else None

    def convert(self, amount: Decimal, currency: str, to_currency: str, on: datetime.date) -> Decimal | None:
        """`amount` in `to_currency` at the latest rate on or before `on` (direct, or the inverse of the reverse rate)."""
        if currency == to_currency:
            return amount
        direct = self._latest((currency, to_currency), on)
        inverse = self._latest((to_currency, currency), on)
        if direct and (not inverse or direct[0] >= inverse[0]):
            return (amount * direct[1]).quantize(CENT, rounding=ROUND_HALF_UP)
        if inverse:
            return (amount / inverse[1]).quantize(CENT, rounding=ROUND_HALF_UP)
        return None


def total_value(deliveries: Iterable[Delivery], currency: str) -> Total:
    """The summed value of `deliveries` in `currency`, each converted at its delivery date (two queries at most)."""
    return _total(
        ((d.currency, d.delivered_on, d.value, d.value_qualifier, 1) for d in deliveries if d.value is not None and d.currency),
        currency,
    )


def queryset_total(deliveries: QuerySet[Delivery], currency: str) -> Total:
    """total_value() of a queryset, summed in SQL: one row per currency, day, value and qualifier with how many
    deliveries share them, each converted as total_value() converts one delivery (the same cents, in two queries)."""
    groups = (
        deliveries.filter(value__isnull=False).exclude(currency="").order_by("-delivered_on", "currency")
        .values_list("currency", "delivered_on", "value", "value_qualifier").annotate(n=Count("pk"))
    )
    return _total(groups, currency)


def _total(items: Iterable[tuple[str, datetime.date, Decimal, str, int]], currency: str) -> Total:
    rows = list(items)
    book = RateBook({row[0] for row in rows}, currency)
    total = Total(amount=Decimal("0.00"), currency=currency)
    for source, delivered_on, value, qualifier, count in rows:
        converted = book.convert(value, source, currency, delivered_on)
        if converted is None:
            gap = MissingRate(source, currency, delivered_on)
            if gap not in total.missing:
                total.missing.append(gap)
            continue
        total.amount += converted * count
        total.counted += count
        if qualifier != ValueQualifier.EXACT:
            total.approximate = True
    return total


# --- Progress ----------------------------------------------------------------------------------------------


def measured_progress(commitments: Iterable[Commitment], today: datetime.date | None = None) -> dict[int, Decimal]:
    """Progress in percent measured from what was done, by commitment id, in three queries whatever the count.

    - A commitment with a target: the quantities delivered in the target's unit up to `today`, over the target.
    - A yearly commitment without a target: 100 when an activity or delivery served it (or the commitment it
      continues) this year, else 0.
    Disputed records do not count.
    """
    today = today or timezone.localdate()
    items = [c for c in commitments if c.pk is not None]
    targeted = {c.pk: c for c in items if c.target_quantity and c.target_unit_id}
    yearly = {c.pk for c in items if c.recurrence == Recurrence.YEARLY and c.pk not in targeted}
    result: dict[int, Decimal] = {}
    if targeted:
        sums = (
            Delivery.objects.filter(
                commitment_id__in=targeted, unit_id=F("commitment__target_unit_id"), delivered_on__lte=today
            )
            .exclude(confirmation=Confirmation.DISPUTED)
            .values("commitment_id").annotate(total=Sum("quantity"))
        )
        for row in sums:
            commitment = targeted[row["commitment_id"]]
            # `targeted` holds only commitments with a target quantity.
            share = (row["total"] or Decimal(0)) * HUNDRED / cast(Decimal, commitment.target_quantity)
            result[commitment.pk] = min(HUNDRED, share).quantize(Decimal("0.1"))
        for pk in targeted:
            result.setdefault(pk, Decimal("0.0"))
    if yearly:
        continues = {c.pk: c.carried_from_id for c in items if c.pk in yearly}
        served = years_served(yearly | {pk for pk in continues.values() if pk})
        for pk in yearly:
            done = served.get(pk, set()) | served.get(continues[pk], set())  # type: ignore[arg-type]  # continuing none: get(None) finds no years
            result[pk] = HUNDRED if today.year in done else Decimal(0)
    return result


def years_served(commitment_ids: Iterable[int]) -> dict[int, set[int]]:
    """The years in which an activity or a delivery served each commitment (two queries)."""
    ids = list(commitment_ids)
    served: dict[int, set[int]] = defaultdict(set)
    links = Activity.commitments.through.objects.filter(
        commitment_id__in=ids, activity__deleted_at__isnull=True
    ).exclude(activity__confirmation=Confirmation.DISPUTED).values_list("commitment_id", "activity__started_on")
    for commitment_id, day in links:
        served[commitment_id].add(day.year)
    deliveries = Delivery.objects.filter(commitment_id__in=ids).exclude(confirmation=Confirmation.DISPUTED)
    for commitment_id, day in deliveries.values_list("commitment_id", "delivered_on"):
        served[commitment_id].add(day.year)
    return served


@dataclass
class CommitmentState:
    """How a commitment stands against its dates: overdue once, or missed in some years."""

    overdue: bool = False
    missed_years: list[int] = field(default_factory=list)

    @property
    def late(self) -> bool:
        return self.overdue or bool(self.missed_years)


def commitment_states(commitments: Iterable[Commitment], today: datetime.date | None = None,
                      measured: dict[int, Decimal] | None = None) -> dict[int, CommitmentState]:
    """Overdue and missed commitments. Commitments must come with their agreement (select_related)."""
    today = today or timezone.localdate()
    items = [c for c in commitments if c.pk is not None]
    measured = measured if measured is not None else measured_progress(items, today)
    yearly = [c for c in items if c.recurrence == Recurrence.YEARLY and c.status not in CLOSED_STATUSES]
    # A commitment carried into later minutes continues the earlier one: what served that one counts too.
    served = years_served({c.pk for c in yearly} | {c.carried_from_id for c in yearly if c.carried_from_id}) if yearly else {}
    states: dict[int, CommitmentState] = {}
    for commitment in items:
        state = CommitmentState()
        open_ = commitment.status not in CLOSED_STATUSES
        if commitment.recurrence == Recurrence.YEARLY:
            if open_:
                signed_on = commitment.agreement.signed_on
                done = served.get(commitment.pk, set()) | served.get(commitment.carried_from_id, set())  # type: ignore[arg-type]  # as get(None) above
                for year in range(signed_on.year, today.year + 1):
                    if year in done or not _due_after(commitment, year, signed_on):
                        continue
                    if _year_due_passed(commitment, year, today):
                        state.missed_years.append(year)
        elif open_ and commitment.due_date and commitment.due_date < today and measured.get(commitment.pk, 0) < HUNDRED:
            state.overdue = True
        states[commitment.pk] = state
    return states


def _due_in(commitment: Commitment, year: int) -> datetime.date:
    """The day a yearly commitment falls due in `year`: its due date's day and month, else the year's last day."""
    if commitment.due_date is None:
        return datetime.date(year, 12, 31)
    try:
        return commitment.due_date.replace(year=year)
    except ValueError:  # 29 February
        return datetime.date(year, 2, 28)


def _due_after(commitment: Commitment, year: int, signed_on: datetime.date) -> bool:
    """Whether the year's due day comes after the commitment was signed (a duty starts the year it is signed)."""
    return _due_in(commitment, year) >= signed_on


def _year_due_passed(commitment: Commitment, year: int, today: datetime.date) -> bool:
    return _due_in(commitment, year) < today


# --- Writing activities and deliveries ---------------------------------------------------------------------


def check_commitments(partnership_id: int | None, commitments: Iterable[Commitment]) -> None:
    """Commitments a record serves belong to the record's partnership."""
    items = list(commitments)
    owners = dict(
        Commitment.all_objects.filter(pk__in=[c.pk for c in items]).values_list("pk", "agreement__partnership_id")
    )
    strangers = [c for c in items if owners.get(c.pk) != partnership_id]
    if strangers:
        raise ValidationError({
            "commitments": _("These commitments belong to another partnership: {commitments}.").format(
                commitments="; ".join(str(c) for c in strangers)
            )
        })


# What the other side confirms is the record's substance: every field it can edit, and the commitments an
# activity served, except these remarks, which change nothing of what happened.
REMARK_FIELDS = frozenset({"summary", "notes"})


def substance_changed(record: PartnershipRecord, commitments: list[Commitment] | None = None) -> bool:
    """Whether saving `record` (and, for an activity, serving `commitments`) changes what the other side answered."""
    names = [
        f.attname for f in type(record)._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in REMARK_FIELDS
    ]
    stored = type(record)._base_manager.filter(pk=record.pk).values(*names).first()
    if stored is None or any(stored[name] != getattr(record, name) for name in names):
        return True
    if commitments is None:
        return False
    served = set(Activity.commitments.through.objects.filter(activity_id=record.pk).values_list("commitment_id", flat=True))
    return served != {c.pk for c in commitments}


PR = TypeVar("PR", bound=PartnershipRecord)


@transaction.atomic
def save_partnership_record(record: PR, commitments: Iterable[Commitment] | None = None, *,
                            acting_user: Actor, reason: str = "") -> PR:
    """Save an activity or a delivery and, for an activity when given, the commitments it served.

    Only the side that entered a record changes it (PartnershipRecord.access_filter). When
    its substance changes after the other side confirmed or disputed it, it awaits their
    confirmation again, and the change log says so.
    """
    chosen = list(commitments) if commitments is not None else None
    if chosen is not None:
        check_commitments(record.partnership_id, chosen)
    if record.pk is not None and record.confirmation != Confirmation.PENDING and substance_changed(record, chosen):
        record.confirmation = Confirmation.PENDING
        record.confirmed_by = None
        record.confirmed_at = None
        record.confirmation_note = ""
        reopened = _("Changed after the other side's answer: it awaits their confirmation again.")
        reason = f"{reason} ({reopened})" if reason else reopened
    save_record(record, acting_user=acting_user, reason=reason)
    if chosen is not None:
        with context.acting(acting_user, reason):
            record.commitments.set(chosen)  # type: ignore[attr-defined]  # only an activity is given commitments
    return record


def save_activity(activity: Activity, commitments: Iterable[Commitment] | None = None, *, acting_user: Actor,
                  reason: str = "") -> Activity:
    """Save an activity and, when given, the commitments it served (of its own partnership)."""
    return save_partnership_record(activity, commitments, acting_user=acting_user, reason=reason)


def save_delivery(delivery: Delivery, *, acting_user: Actor, reason: str = "") -> Delivery:
    """Save a delivery (see save_partnership_record)."""
    return save_partnership_record(delivery, acting_user=acting_user, reason=reason)


# --- Two-sided confirmation --------------------------------------------------------------------------------


def of_the_other_side(user: Actor, record: PartnershipRecord) -> bool:
    """Whether `user` is of the side that did not enter `record` (a record of no side has no other side)."""
    return bool(record.recorded_by_side) and getattr(user, "side", None) != record.recorded_by_side


def may_answer(user: Actor, record: PartnershipRecord) -> bool:
    """Whether `user` may confirm or dispute `record`: an officer of the other side who writes in its scope.

    They answer; they do not change it (PartnershipRecord.access_filter keeps that to the entering side).
    """
    return (
        of_the_other_side(user, record) and access.can(user, access.VIEW, record)
        and access.scope(user, access.CHANGE, type(record)).covers_instance(record)
    )


def _answer(record: PartnershipRecord, verdict: str, *, acting_user: Actor, note: str) -> PartnershipRecord:
    officer = access.require(acting_user, access.VIEW, record)
    if not of_the_other_side(acting_user, record):
        raise PermissionDenied(_("Only an officer of the other side can confirm or dispute what this side entered."))
    if not may_answer(acting_user, record):
        raise PermissionDenied(_("You do not have permission to do this with this record."))
    record.confirmation = verdict
    record.confirmed_by = officer
    record.confirmed_at = timezone.now()
    record.confirmation_note = note
    record.clean_fields(exclude=[f.name for f in record._meta.fields if f.name != "confirmation_note"])
    reason = _("Confirmed by the other side") if verdict == Confirmation.CONFIRMED else _("Disputed by the other side")
    with context.acting(acting_user, f"{reason}: {note}" if note else reason):
        record.save(update_fields=["confirmation", "confirmed_by", "confirmed_at", "confirmation_note"])
    return record


@transaction.atomic
def confirm(record: PartnershipRecord, *, acting_user: Actor, note: str = "") -> PartnershipRecord:
    """An officer of the other side confirms an activity or delivery happened as entered."""
    return _answer(record, Confirmation.CONFIRMED, acting_user=acting_user, note=(note or "").strip())


@transaction.atomic
def dispute(record: PartnershipRecord, *, acting_user: Actor, note: str) -> PartnershipRecord:
    """An officer of the other side says an activity or delivery did not happen as entered, and why."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what is wrong with the record.")})
    return _answer(record, Confirmation.DISPUTED, acting_user=acting_user, note=note)


# --- Review periods ----------------------------------------------------------------------------------------


@transaction.atomic
def approve_period(period: ReviewPeriod, *, acting_user: Actor, reason: str = "") -> ReviewPeriod:
    """An approver approves the review of a period: its activities and deliveries are locked from now on."""
    approver = access.require(acting_user, access.APPROVE, period)
    period.full_clean()
    period.approved_by = approver
    period.approved_at = timezone.now()
    period.locked = True
    with context.acting(acting_user, reason or _("Review approved; period locked")):
        period.save()
    return period


@transaction.atomic
def unlock_period(period: ReviewPeriod, *, acting_user: Actor, reason: str) -> ReviewPeriod:
    """Reopen a locked period for corrections: only an approver, only with a reason, kept in the record's journal."""
    approver = access.require(acting_user, access.APPROVE, period)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for unlocking the period.")})
    if not period.locked:
        raise ValidationError(_("This period is not locked."))
    period.locked = False
    with context.acting(acting_user, reason):
        period.save(update_fields=["locked"])
        JournalEntry.objects.create(
            content_type=ContentType.objects.get_for_model(period), object_id=period.pk, author=approver,
            text=_("Period unlocked: {reason}").format(reason=reason),
        )
    return period
