"""The API's shared parts: the access gate, pagination and error answers.

Kept apart from the viewsets: DRF reads these settings while its own views module loads.
"""

import json
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin import access
from bordertwin.core import paging
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


class FilterBackend(DjangoFilterBackend):
    """A list's filters, where a choice among records (`?partnership=12`) reads the chosen row alone.

    The filter forms of the pages load the records that name a choice (a partnership's
    places and organisations) to label it; the API only checks that the user sees the row.
    """

    def get_filterset(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        for choice in getattr(filterset, "filters", {}).values():
            chosen_from = getattr(choice, "queryset", None)
            if isinstance(chosen_from, QuerySet):
                choice.queryset = chosen_from.select_related(None)
        return filterset


COUNT_DESCRIPTION = (
    "How many rows the list holds, counted for any list the request filters; on PostgreSQL, for a list it does not "
    f"filter (only page, page_size, ordering) that holds more than {paging.ESTIMATE_ABOVE:,} rows, the database's estimate instead, "
    "and count_exact is false."
)
PAGING_PARAMETERS = {"page", "page_size", "ordering", "format"}


def planned_rows(queryset: QuerySet) -> int | None:
    """How many rows the database expects `queryset` to hold, from its plan, without counting them (PostgreSQL)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


class Pagination(PageNumberPagination):
    """Pages of a list with their count (see COUNT_DESCRIPTION: an estimate for a big unfiltered list)."""

    page_size = settings.BORDERTWIN_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.BORDERTWIN_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        estimate = None
        # An empty queryset (a reader without scope) has no SQL: it is counted, at no cost.
        if not queryset.query.is_empty() and not set(request.query_params) - PAGING_PARAMETERS:
            # The whole table (paging.estimated_total), or all a reader's scope holds: a count would read it all.
            if paging.whole_table(queryset):
                estimate = paging.estimated_total(queryset)
            else:
                planned = planned_rows(queryset)
                estimate = planned if planned is not None and planned > paging.ESTIMATE_ABOVE else None
        self.django_paginator_class = DjangoPaginator if estimate is None else partial(paging.EstimatedPaginator, estimate=estimate)  # type: ignore[assignment]  # a paginator class with the estimate bound
        return super().paginate_queryset(queryset, request, view)

    def counted(self) -> dict[str, Any]:
        paginator = self.page.paginator  # type: ignore[union-attr]  # paginate_queryset() set the page
        return {"count": paginator.count, "count_exact": not getattr(paginator, "estimated", False)}

    def get_paginated_response(self, data: Any) -> Response:
        return Response({**self.counted(), "next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"]["description"] = COUNT_DESCRIPTION
        answer["properties"]["count_exact"] = {"type": "boolean", "description": "False when count is an estimate."}
        answer["required"] = [*answer["required"], "count_exact"]
        return answer


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
