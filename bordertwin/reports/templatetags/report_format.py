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
