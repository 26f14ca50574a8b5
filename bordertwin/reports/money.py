"""Money in the review report: totals per currency and all values in one currency, with honest qualifiers.

A total is only as exact as its parts: "hơn" (more than) when a part was "more than" and
the rest exact, "dưới" (less than) likewise, "khoảng" (about) only when a part was
approximate. Values are converted at the rate of their day (tracking's RateBook); where
no direct rate is recorded, through the US dollar, and the report says so. What cannot be
converted is named, never guessed.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from django.utils.translation import gettext as _

from bordertwin.tracking.choices import Currency, ValueQualifier
from bordertwin.tracking.models import Delivery
from bordertwin.tracking.services import CENT, MissingRate, RateBook

from .review import ConvertedTotal, MoneyTotal

# The currency cross rates go through when two currencies have no rate between them.
PIVOT = Currency.USD
# Some parts "more than", others "less than": the total has no single direction.
MIXED = "mixed"


def combined_qualifier(qualifiers: Iterable[str]) -> str:
    """The qualifier of a sum of values with these qualifiers: exact, more than, less than, about, or mixed."""
    inexact = {q for q in qualifiers if q and q != ValueQualifier.EXACT}
    if not inexact:
        return ValueQualifier.EXACT
    if ValueQualifier.APPROXIMATELY in inexact:
        return ValueQualifier.APPROXIMATELY
    if len(inexact) == 1:
        return inexact.pop()
    return MIXED


def qualifier_word(qualifier: str) -> str:
    """'hơn', 'khoảng', 'dưới' in the active language; nothing for an exact or mixed total."""
    if qualifier in (ValueQualifier.EXACT, MIXED, ""):
        return ""
    return str(ValueQualifier(qualifier).label).lower()


def qualifier_note(qualifier: str) -> str:
    return _("some of its values were more than, others less than the amounts given") if qualifier == MIXED else ""


def money_totals(deliveries: list[Delivery]) -> list[MoneyTotal]:
    """The values summed per currency, as given, each total qualified by its parts."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    qualifiers: dict[str, set[str]] = defaultdict(set)
    for delivery in deliveries:
        if delivery.value is None or not delivery.currency:
            continue
        sums[delivery.currency] += delivery.value
        qualifiers[delivery.currency].add(delivery.value_qualifier)
    totals = []
    for currency in Currency.values:
        if currency in sums:
            combined = combined_qualifier(qualifiers[currency])
            totals.append(MoneyTotal(currency=currency, amount=sums[currency], qualifier=qualifier_word(combined),
                                     note=qualifier_note(combined)))
    return totals


def converted_total(deliveries: list[Delivery], currency: str) -> ConvertedTotal:
    """Every value in `currency` at the rate of its day: directly, else through the US dollar (named in `via_pivot`)."""
    items = [d for d in deliveries if d.value is not None and d.currency]
    book = RateBook({d.currency for d in items} | {PIVOT}, currency)
    total = ConvertedTotal(amount=Decimal("0.00"), currency=currency)
    qualifiers: set[str] = set()
    for delivery in items:
        value, day = cast(Decimal, delivery.value), delivery.delivered_on
        converted = book.convert(value, delivery.currency, currency, day)
        if converted is None and PIVOT not in (delivery.currency, currency):
            in_pivot = book.convert(value, delivery.currency, PIVOT, day)
            converted = book.convert(in_pivot, PIVOT, currency, day) if in_pivot is not None else None
            if converted is not None:
                converted = converted.quantize(CENT, rounding=ROUND_HALF_UP)
                pair = "{source}→{pivot}→{target}".format(source=delivery.currency, pivot=PIVOT, target=currency)
                if pair not in total.via_pivot:
                    total.via_pivot.append(pair)
        if converted is None:
            gap = MissingRate(delivery.currency, currency, day)
            if gap not in total.missing:
                total.missing.append(gap)
            continue
        total.amount += converted
        total.counted += 1
        qualifiers.add(delivery.value_qualifier)
    combined = combined_qualifier(qualifiers)
    total.qualifier, total.note = qualifier_word(combined), qualifier_note(combined)
    return total
