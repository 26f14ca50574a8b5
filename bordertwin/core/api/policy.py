"""The API's shared parts: the access gate, pagination and error answers.

Kept apart from the viewsets: DRF reads these settings while its own views module loads.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin import access
from bordertwin.core.api.parsers import too_deep

METHOD_ACTIONS = {"PUT": access.CHANGE, "PATCH": access.CHANGE, "DELETE": access.DELETE}


class AccessPermission(permissions.BasePermission):
    """Signed-in users only; what each may do with a record is bordertwin.access's answer."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "action", None) == "create":
            # Refused before the body is read: one who may add nothing learns nothing from validation.
            return access.can_add(request.user, view.get_queryset().model)
        return True

    def has_object_permission(self, request: Request, view: Any, obj: Model) -> bool:
        action = METHOD_ACTIONS.get(request.method or "", access.VIEW)
        return access.can(request.user, action, obj)


class Pagination(PageNumberPagination):
    page_size = settings.BORDERTWIN_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.BORDERTWIN_MAX_PAGE_SIZE


def exception_handler(exc: Exception, ctx: dict[str, Any]) -> Response | None:
    """Django's validation and permission errors answer as 400 and 403, like DRF's own; nesting too deep, 400."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    elif isinstance(exc, RecursionError):
        exc = too_deep()  # views with parsers of their own (the token view) read deep JSON with DRF's
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, ctx)
