"""The health report, and the answer given when the database cannot be reached."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error

from . import services

UNREACHABLE = (OperationalError, InterfaceError)


@never_cache
@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """200 when ready to serve, 503 when not; the state of each part, nothing secret."""
    ready, report = services.health()
    return JsonResponse(report, status=200 if ready else 503)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/health/")) or "application/json" in request.headers.get("Accept", "")


def unavailable(request: HttpRequest) -> HttpResponse:
    """503: the database cannot be reached just now. Nothing of the request was kept; try again shortly."""
    if wants_json(request):
        detail = _("The service is unavailable for a moment. Nothing was saved. Please try again.")
        response: HttpResponse = JsonResponse({"detail": detail, "code": "unavailable"}, status=503)
    else:
        response = HttpResponse(render_to_string("operations/unavailable.html"), status=503)
    response["Retry-After"] = "10"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lost database answers 503 (page or JSON), anything else Django's plain 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, UNREACHABLE):
        return unavailable(request)
    return django_server_error(request)
