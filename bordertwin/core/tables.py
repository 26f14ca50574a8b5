"""Columns of a list: the same columns show on the page and go into CSV and XLSX exports.

Every CSV or XLSX cell the app writes goes through `neutralise` (no formula runs when an
officer opens the file), and every CSV an import reads through `csv_rows`.
"""

import csv
import datetime
import io
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


@dataclass(frozen=True)
class Column:
    """One column: a label and how to read the value off a row (an attribute path or a function)."""

    label: Any
    value: str | Callable[[Any], Any]
    link: bool = False

    def read(self, obj: Any) -> Any:
        if callable(self.value):
            return self.value(obj)
        current = obj
        for part in self.value.split("."):
            if current is None:
                return None
            display = getattr(current, f"get_{part}_display", None)
            current = display() if display is not None else getattr(current, part)
        return current


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, (datetime.date, datetime.datetime, Decimal, float, int)):
        return formats.localize(value, use_l10n=True)
    return force_str(value)


# What a spreadsheet reads as the start of a formula, in a cell of text ("=HYPERLINK(…)", "- 1+1", "@SUM(…)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that is a plain number ("-5", "+1.5") runs nothing, and stays a number.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def neutralise(value: Any) -> Any:
    """A cell value for any CSV or XLSX the app writes: text a spreadsheet would run as a formula gets a leading
    apostrophe, which keeps it text (the import drops it again); numbers, dates and plain text stay as they are."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def xlsx_value(value: Any) -> Any:
    """A value a worksheet accepts and does not run: text pasted from Word carries control characters that
    XLSX forbids (openpyxl refuses the whole file); line and page breaks become spaces."""
    value = neutralise(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value.replace("\x0b", " ").replace("\x0c", " "))
    return value


def plain(value: Any) -> Any:
    """A value for an export: dates as ISO dates, numbers as numbers, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, (datetime.date, Decimal, int, float, bool)):
        return value.isoformat() if isinstance(value, datetime.date) else value
    return force_str(value)


class Table:
    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns

    def headers(self) -> list[str]:
        return [force_str(c.label) for c in self.columns]

    def rows(self, objects: Iterable[Model]) -> list[dict[str, Any]]:
        return [
            {"object": obj, "cells": [(display(c.read(obj)), c.link) for c in self.columns]}
            for obj in objects
        ]

    def export_rows(self, queryset: QuerySet) -> Iterator[list[Any]]:
        for obj in stream(queryset):
            yield [plain(c.read(obj)) for c in self.columns]


# Rows an export reads from the database at a time.
EXPORT_CHUNK = 2000


def stream(queryset: QuerySet) -> Iterator[Any]:
    """The rows of `queryset` in chunks of EXPORT_CHUNK, never all at once (a server-side cursor on PostgreSQL);
    its prefetches are made chunk by chunk."""
    return queryset.iterator(chunk_size=EXPORT_CHUNK)


# The longest CSV cell read: Python's own limit, above the longest text field (100,000 characters).
CSV_CELL_CHARS = csv.field_size_limit()


def csv_rows(text: str) -> Iterator[list[str]]:
    """The rows of CSV text, one by one; a ValidationError naming the line for what no import can store: a NUL
    character (PostgreSQL refuses it), a cell over CSV_CELL_CHARS characters, a broken quote."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ValidationError(_("Line {line} holds a NUL character: save the file again as text (UTF-8).").format(line=line))
    reader = csv.reader(io.StringIO(text, newline=""))  # lines end with \n, \r\n or \r alike
    try:
        yield from reader
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ValidationError(_("Line {line}: a cell holds more than {limit} characters.").format(
                line=reader.line_num, limit=formats.number_format(CSV_CELL_CHARS, force_grouping=True),
            )) from None
        raise ValidationError(_("Line {line} cannot be read as CSV: check its quotes.").format(line=reader.line_num)) from None


class _Echo:
    def write(self, value: str) -> str:
        return value


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def csv_lines(headers: list[str] | None, rows: Iterable[list[Any]]) -> Iterator[str]:
    """The lines of a CSV file of `rows` (after `headers`, when given), one by one as the rows come."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    if headers is not None:
        yield writer.writerow([neutralise(value) for value in headers])
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])


def write_xlsx(headers: list[str] | None, rows: Iterable[list[Any]], out: IO[bytes], title: str = "Data") -> None:
    """An XLSX file of `rows` (after `headers`, when given) written to `out` row by row, in openpyxl's write-only
    mode: the rows are never all in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    if headers is not None:
        sheet.append([xlsx_value(value) for value in headers])
    for row in rows:
        sheet.append([xlsx_value(value) for value in row])
    workbook.save(out)


def write_export(fmt: str, headers: list[str] | None, rows: Iterable[list[Any]], out: IO[bytes], title: str = "Data") -> None:
    """The export file in `fmt` ("csv" or "xlsx"), written to `out`, as the list's own download holds it."""
    if fmt == "csv":
        for line in csv_lines(headers, rows):
            out.write(line.encode("utf-8"))
    else:
        write_xlsx(headers, rows, out, title)


def csv_response(headers: list[str] | None, rows: Iterable[list[Any]], filename: str) -> StreamingHttpResponse:
    """A CSV file of `rows` (after `headers`, when given), streamed line by line as the rows come."""
    response = StreamingHttpResponse(csv_lines(headers, rows), content_type=EXPORT_TYPES["csv"])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def xlsx_response(headers: list[str] | None, rows: Iterable[list[Any]], filename: str, title: str = "Data") -> FileResponse:
    """An XLSX file of `rows` (after `headers`, when given), written row by row (write_xlsx) to a temporary file
    and sent from it: the rows are never all in memory, and the file goes when it is sent."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115  # closed by the response once sent
    write_xlsx(headers, rows, spool, title)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=EXPORT_TYPES["xlsx"])
