import datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from bordertwin.core.languages import in_reader_language

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


@register.simple_tag
def reader_text(obj: Any, field: str, limit: int = 0) -> SafeString:
    """`field` of `obj` in the reader's language, or its original with a visible "original (vi)" badge.

    `limit` shortens a long text (a commitment in a list) to that many characters."""
    return in_reader_language(obj, field).shortened(limit).html()


@register.inclusion_tag("core/partials/versions.html")
def text_versions(obj: Any, field: str) -> dict[str, Any]:
    """Every language's text of `field`, the original first, for a record's detail page."""
    return {"versions": [(label, getattr(obj, name), code) for label, name, code in (
        (_("Vietnamese (original)"), field, "vi"), (_("Lao"), f"{field}_lo", "lo"), (_("English"), f"{field}_en", "en"),
    )]}


@register.simple_tag
def reader_plain(obj: Any, field: str) -> str:
    """The same as plain text (a page's <title>): the original is followed by "[original (vi)]"."""
    return in_reader_language(obj, field).plain()
