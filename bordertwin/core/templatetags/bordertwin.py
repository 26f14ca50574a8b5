import datetime

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def precise_date(value: datetime.date | None, precision: str = "day") -> str:
    """A date shown only as precisely as it is known: 25/06/2022, 06/2024 or 2013."""
    if value is None:
        return "—"
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%m/%Y}"
    return formats.date_format(value, "d/m/Y")
