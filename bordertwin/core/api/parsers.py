"""JSON that the API refuses with a 400 rather than failing on: nesting deeper than any resource needs."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

MAX_DEPTH = 32


def depth(value: Any) -> int:
    """How deeply lists and objects nest in VALUE (a scalar is 0), counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def too_deep() -> exceptions.ParseError:
    return exceptions.ParseError(_("The JSON is nested too deeply (at most %(depth)d levels).") % {"depth": MAX_DEPTH})


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 for JSON nested more than MAX_DEPTH levels."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise too_deep() from error
        if depth(data) > MAX_DEPTH:
            raise too_deep()
        return data
