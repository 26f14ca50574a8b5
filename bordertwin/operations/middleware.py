from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .views import UNREACHABLE, unavailable


class ServiceUnavailableMiddleware:
    """A view that loses the database answers 503 (page or JSON), even with debug on; see also views.server_error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable(request) if isinstance(exception, UNREACHABLE) else None
