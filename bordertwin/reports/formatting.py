"""Numbers and dates written the way each language writes them in an official document.

Vietnamese and Lao both group thousands with '.' and write decimals with ',' (1.200.000.000;
1,5 ha); English does the opposite. The document's language decides, not the reader's
browser, so a Vietnamese report reads the same wherever it is downloaded.
"""

import datetime
from decimal import Decimal

from django.utils.translation import pgettext

SEPARATORS = {"vi": (".", ","), "lo": (".", ","), "en": (",", ".")}


def number(value: Decimal | int | float | None, language: str = "vi", places: int | None = None) -> str:
    """`value` with thousands grouped; decimals only where the value has them (or `places` of them)."""
    if value is None:
        return ""
    thousands, decimal_mark = SEPARATORS.get(language[:2], SEPARATORS["vi"])
    amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places))
    elif amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    else:
        amount = amount.normalize()
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):f}"
    whole, _dot, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = thousands.join(groups)
    if fraction:
        result += decimal_mark + fraction
    return sign + result


def date(value: datetime.date | None, precision: str = "day") -> str:
    """A date as precisely as it is known: '25/06/2022'; 'tháng 6/2024' for a month; 'năm 2023' for a year.

    A date known to the month is stored as the month's first day: it is never printed as that day.
    """
    if value is None:
        return ""
    if precision == "year":
        return pgettext("a date known to the year", "year {year}").format(year=value.year)
    if precision == "month":
        return pgettext("a date known to the month", "month {month}/{year}").format(month=value.month, year=value.year)
    return value.strftime("%d/%m/%Y")


def percent(value: Decimal | None, language: str = "vi") -> str:
    if value is None:
        return "—"
    return number(value, language) + "%"
