"""Exports of long lists made in the background: the list's export link queues one, a worker writes the file.

The job keeps the list's address and query string, and at run time asks the list's own view for its
rows (core.views.RecordListView: the starter's restrict(), the same filters, columns and writer as a
download made at once), so a role lost meanwhile means fewer rows.
"""

import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin.core import tables
from bordertwin.core.views import EXPORT_FORMATS, RecordListView

from . import services
from .registry import JobError, Outcome, Progress, register

EXPORT = "core.list_export"


def queue_export(request: HttpRequest, fmt: str) -> str:
    """Queue the export of the list asked for (or find the same one on its way); returns its job's page."""
    parameters = {"path": request.path_info, "query": request.GET.urlencode(), "format": fmt}
    digest = hashlib.sha256(f"{parameters['path']}?{parameters['query']}".encode()).hexdigest()
    job = services.start(EXPORT, request.user, parameters, key=f"{EXPORT}:{request.user.pk}:{fmt}:{digest}")
    return job.get_absolute_url()


def list_view(user: Any, path: str, query: str) -> RecordListView:
    """The list's view at `path`, set up as for a request of `user` with `query`."""
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    view_class = getattr(match.func, "view_class", None) if match else None
    if match is None or view_class is None or not issubclass(view_class, RecordListView):
        raise JobError(_("This list can no longer be exported."))
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = QueryDict(query)
    request.user = user
    view = view_class(**getattr(match.func, "view_initkwargs", {}))
    view.setup(request, *match.args, **match.kwargs)
    return view


def counted(rows: Iterable[list[Any]], total: int, progress: Progress) -> Iterator[list[Any]]:
    """`rows` as they come, telling the job's progress every EXPORT_CHUNK rows."""
    for number, row in enumerate(rows, 1):
        if number % tables.EXPORT_CHUNK == 0:
            progress(number * 100 // max(total, 1))
        yield row


@register(EXPORT, gettext_lazy("List export"), atomic=False)
def list_export(job: Any, progress: Progress) -> Outcome:
    """The list as its starter may see it now, filtered as asked, in CSV or XLSX."""
    parameters = job.parameters
    fmt = parameters.get("format")
    if fmt not in EXPORT_FORMATS:
        raise JobError(_("This list can no longer be exported."))
    view = list_view(job.started_by, parameters["path"], parameters["query"])
    queryset = view.get_queryset()
    headers, rows = view.export_data(queryset)
    filename = view.export_filename()
    # Written to a temporary file and kept from it: a million rows are never all in memory.
    spool = tempfile.TemporaryFile()  # noqa: SIM115  # closed once the job keeps it
    try:
        tables.write_export(fmt, headers, counted(rows, queryset.count(), progress), spool, title=filename)
    except BaseException:
        spool.close()
        raise
    return Outcome(file=spool, filename=f"{filename}.{fmt}", content_type=tables.EXPORT_TYPES[fmt])
