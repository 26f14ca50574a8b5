import re
from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse

from . import context

REASON_FIELD = "change_reason"
REASON_HEADER = "X-Change-Reason"
# RFC 8187 ext-value: charset ' [language] ' percent-encoded octets, e.g. UTF-8''S%E1%BB%ADa
EXT_VALUE = re.compile(r"^(?P<charset>[A-Za-z0-9!#$&+^_`{}~-]+)'[A-Za-z0-9-]*'(?P<value>.*)$", re.DOTALL)


def header_text(raw: str) -> str:
    """A header's text, however the client sent it.

    HTTP headers travel as Latin-1, so Vietnamese or Lao must be encoded: RFC 8187 style
    (`UTF-8''S%E1%BB%ADa`) or plain percent-encoding (`S%E1%BB%ADa`) are decoded as UTF-8.
    Raw UTF-8 bytes, which WSGI hands over as Latin-1 characters, are read back as UTF-8.
    """
    try:
        raw = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    match = EXT_VALUE.match(raw)
    if match:
        charset = match["charset"].lower()
        return unquote(match["value"], encoding="utf-8" if charset == "utf-8" else "latin-1", errors="replace")
    return unquote(raw, encoding="utf-8", errors="replace")


def change_reason(request: HttpRequest) -> str:
    """The reason a client gives in the X-Change-Reason header, decoded, at most 500 characters."""
    return header_text(request.headers.get(REASON_HEADER, ""))[:500]


class ChangeContextMiddleware:
    """Every save made while answering one request belongs to one change entry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with context.acting(request.user, reason=change_reason(request)) as ctx:
            request.change_context = ctx  # type: ignore[attr-defined]  # the request carries its change context to the views
            return self.get_response(request)


class NoStoreJSONMiddleware:
    """JSON (the API, its schema, page fragments) is never kept by a browser or a proxy cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type.endswith("/json") or content_type.endswith("+json"):
            response["Cache-Control"] = "no-store"
        return response
