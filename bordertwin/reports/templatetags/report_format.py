import datetime
from decimal import Decimal

from django import template
from django.utils import translation

from bordertwin.reports import formatting

register = template.Library()


@register.filter
def amount(value: Decimal | int | None) -> str:
    """A number grouped the way the page's language writes it (1.200.000.000 in Vietnamese)."""
    return formatting.number(value, (translation.get_language() or "vi")[:2])


@register.filter
def percent(value: Decimal | None) -> str:
    return formatting.percent(value, (translation.get_language() or "vi")[:2])


@register.filter
def document_date(value: datetime.date | None, precision: str = "day") -> str:
    """A date as precisely as it is known, as the report writes it: 25/06/2022, tháng 6/2024, năm 2023."""
    return formatting.date(value, precision)
