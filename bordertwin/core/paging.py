"""Counting a list cheaply: a filtered list is counted (an index answers it); a whole table on PostgreSQL is not.

For a list that is the whole of a big table (no filter, and a user who sees every row), PostgreSQL's own
estimate of the table's rows (pg_class.reltuples, kept by ANALYZE) stands for the total, and the pages go
by next and previous: a page reads one row more than it shows to know whether another follows.
"""

from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet

# Below this many rows (as estimated) a table is counted exactly.
ESTIMATE_ABOVE = 50_000


def whole_table(queryset: QuerySet) -> bool:
    """Whether `queryset` reads every live row of its table: no filter and no scope narrow it."""
    if queryset.query.is_empty():  # a user who sees none of it
        return False
    everything = queryset.model._default_manager.order_by().values("pk").query
    return str(queryset.order_by().values("pk").query) == str(everything)


def table_estimate(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows of `queryset`'s table; None elsewhere or before the table is analysed."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table])
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] >= 0 else None


def estimated_total(queryset: QuerySet) -> int | None:
    """The estimate to show instead of a count, when `queryset` is the whole of a big table; else None."""
    if not whole_table(queryset):
        return None
    estimate = table_estimate(queryset)
    return estimate if estimate is not None and estimate > ESTIMATE_ABOVE else None


class UncountedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: "EstimatedPaginator", more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class EstimatedPaginator(Paginator):
    """Pages of a list whose total is an estimate (`count`), never counted; `estimated` tells the templates."""

    estimated = True

    def __init__(self, object_list: Any, per_page: int, estimate: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.estimate = estimate

    @property
    def count(self) -> int:  # an estimate, read once
        return self.estimate

    def validate_number(self, number: Any) -> int:
        try:
            value = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value

    def page(self, number: Any) -> UncountedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom: bottom + self.per_page + 1])
        if number > 1 and not rows:
            raise EmptyPage(self.error_messages["no_results"])
        return UncountedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)
