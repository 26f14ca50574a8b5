from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import context

REASON_FIELD = "change_reason"
REASON_HEADER = "X-Change-Reason"


class ChangeContextMiddleware:
    """Every save made while answering one request belongs to one change entry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = request.headers.get(REASON_HEADER, "")
        with context.acting(request.user, reason=reason[:500]) as ctx:
            request.change_context = ctx
            return self.get_response(request)
