"""Record pages declared, not hand-written: one call per record type gives its list, add, detail, edit and delete pages.

An app declares in its views.py what a record type's pages need (the list's table, filters and
lookups, the form, the fields an add form takes from the query string) and, only where a page
truly differs, its own view; its urls.py then calls `model_patterns(app)`:

    register_model_views(
        ExchangeRate, "exchange-rates/", table=Table([...]), filterset=ExchangeRateFilterSet, form=ExchangeRateForm,
    )
    urlpatterns = [*model_patterns("tracking"), ...special pages]

gives /tracking/exchange-rates/ (`tracking:exchangerate_list`), new/ (`_add`), <pk>/ (`_detail`),
<pk>/edit/ (`_edit`) and <pk>/delete/ (`_delete`), each through the access module like every
generic page (core.views). The history, journal notes and files of every record are core's
own pages (core.urls), reached by content type: a registered record type has them with no line more.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.urls import URLPattern, path
from django.views import View

from .models import BaseRecord
from .views import RecordCreateView, RecordDeleteView, RecordDetailView, RecordListView, RecordUpdateView

ROUTES = {
    "list": "",
    "add": "new/",
    "detail": "<int:pk>/",
    "edit": "<int:pk>/edit/",
    "delete": "<int:pk>/delete/",
}
# A page: a view class (given the declaration's settings) or a function; None leaves the page out.
Page = type[View] | Callable[..., Any] | None


@dataclass(frozen=True)
class RecordPages:
    """One record type's pages: its URL prefix within its app and the view of each page."""

    model: type[BaseRecord]
    prefix: str
    views: dict[str, Callable[..., Any]]

    def patterns(self) -> list[URLPattern]:
        patterns = []
        for page, view in self.views.items():
            name = self.model.url_name(page).partition(":")[2]
            patterns.append(path(f"{self.prefix}{ROUTES[page]}", view, name=name))
        return patterns


_registry: dict[type[BaseRecord], RecordPages] = {}


def register_model_views(
    model: type[BaseRecord],
    prefix: str,
    *,
    table: Any = None,
    filterset: Any = None,
    form: Any = None,
    related: tuple[str, ...] = (),
    detail_related: tuple[str, ...] | None = None,
    prefill: tuple[str, ...] = (),
    list: Page = RecordListView,
    detail: Page = RecordDetailView,
    add: Page = RecordCreateView,
    edit: Page = RecordUpdateView,
    delete: Page = RecordDeleteView,
) -> RecordPages:
    """Declare `model`'s pages under `prefix` ("segments/"; "" for an app's main record type).

    - table, filterset, related: the list's columns, filters and `select_related` lookups;
    - detail_related: the detail page's lookups (`related` unless given);
    - form: the add and edit form; prefill: fields the add form takes from the query string (?partnership=3);
    - list, detail, add, edit, delete: the view of each page, when it differs from the generic one
      (a class gets the settings above; a function is used as it is); None: the record type has no such page.
    """
    settings: dict[str, dict[str, Any]] = {
        "list": {"filterset_class": filterset, "table": table, "related": related},
        "detail": {"related": related if detail_related is None else detail_related},
        "add": {"form_class": form, "prefill": prefill},
        "edit": {"form_class": form},
        "delete": {},
    }
    pages: dict[str, Page] = {"list": list, "add": add, "detail": detail, "edit": edit, "delete": delete}
    views = {
        page: cast(type[View], view).as_view(model=model, **settings[page]) if isinstance(view, type) else view
        for page, view in pages.items()
        if view is not None
    }
    declared = RecordPages(model=model, prefix=prefix, views=views)
    _registry[model] = declared
    return declared


def model_patterns(namespace: str) -> list[URLPattern]:
    """The URLs of every record type registered under `namespace` (an app's `app_name`), in registration order."""
    return [
        pattern
        for declared in _registry.values()
        if declared.model.url_name("list").partition(":")[0] == namespace
        for pattern in declared.patterns()
    ]
