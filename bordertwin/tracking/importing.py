"""Activities and deliveries in and out of spreadsheets: one column spec for the template, the export and the import.

The header row holds the column keys (`delivered_on`, `unit`…), the same in every language, so a file exported
by a Lao officer imports for a Vietnamese one. An `id` column, when filled, updates that record; empty, adds one.
Every row is checked by the same services pages and the API use; nothing is saved unless every row is valid.
"""

import csv
import datetime
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import context
from bordertwin.core.choices import DatePrecision, Side
from bordertwin.core.tables import FORMULA_STARTS, csv_rows, neutralise, xlsx_value
from bordertwin.partnerships.models import Commitment, Partnership, Unit
from bordertwin.places.models import Organisation, Place

from . import services
from .choices import ActivityKind, Currency, DeliveryCategory, HostSide, ValueQualifier
from .models import Activity, Delivery, PartnershipRecord

MAX_ROWS = 100_000
# Rows a file may hold in all: its header, MAX_ROWS records, and blank lines or '#' notes between them.
MAX_FILE_ROWS = MAX_ROWS + 1_000
# What a workbook may unpack to. A full one of MAX_ROWS rows with long notes unpacks to about 155 MB; a
# "zip bomb" of a few hundred KB holding one 300 MB string is refused before anything is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class Lookups:
    """What rows refer to, loaded once per file and only as far as the user may see it."""

    def __init__(self, user: Actor) -> None:
        self.user = user
        self.partnerships = {
            p.pk: p for p in Partnership.objects.restrict(user, access.VIEW).select_related("vn_place", "la_place")
        }
        self.partnership_keys = {f"{p.vn_place.key} / {p.la_place.key}".upper(): p for p in self.partnerships.values()}
        self.units = {u.code.lower(): u for u in Unit.objects.all()}
        self.commitments = {
            c.pk: c for c in Commitment.objects.restrict(user, access.VIEW).select_related("agreement")
        }
        self.organisations: dict[int, Organisation] = {}
        self.places: dict[str, Place | None] = {}

    def organisation(self, pk: int) -> Organisation | None:
        if pk not in self.organisations:
            found = Organisation.objects.restrict(self.user, access.VIEW).select_related("place").filter(pk=pk).first()
            if found is None:
                return None
            self.organisations[pk] = found
        return self.organisations[pk]

    def place(self, key: str) -> Place | None:
        key = key.upper()
        if key not in self.places:
            self.places[key] = Place.objects.filter(key=key).first()
        return self.places[key]


# --- Reading one cell ----------------------------------------------------------------------------------------


def text(raw: Any, lookups: Lookups | None) -> str:
    value = force_str(raw).strip() if raw is not None else ""
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS:  # kept as text by an export (core.tables.neutralise)
        return value[1:]
    return value


def integer(raw: Any, lookups: Lookups) -> int | None:
    value = text(raw, lookups)
    if not value:
        return None
    try:
        number = Decimal(value.replace(" ", ""))
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value() or number < 0:
        raise ValidationError(_("Write a whole number, e.g. 600."))
    return int(number)


def decimal(raw: Any, lookups: Lookups) -> Decimal | None:
    """A number as a spreadsheet gives it, or written with a ',' for the decimals ("1,5")."""
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    value = text(raw, lookups).replace(" ", "")
    if not value:
        return None
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(_("Write a number with a point for decimals, e.g. 1.5 or 1200000000.")) from None
    if not number.is_finite():
        raise ValidationError(_("Write a number with a point for decimals, e.g. 1.5 or 1200000000."))
    return number


def date(raw: Any, lookups: Lookups) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    value = text(raw, lookups)
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 — a calendar day, no time
        except ValueError:
            continue
    raise ValidationError(_("Write a date as YYYY-MM-DD or DD/MM/YYYY, e.g. 2024-06-22."))


def choice(choices: type[models.TextChoices]) -> Callable[[Any, Lookups], str]:
    def parse(raw: Any, lookups: Lookups) -> str:
        value = text(raw, lookups)
        if not value:
            return ""
        for code, label in choices.choices:
            if value.lower() in (str(code).lower(), force_str(label).lower()):
                return code
        raise ValidationError(
            _("“{value}” is not one of: {codes}.").format(value=value, codes=", ".join(str(c) for c in choices.values))
        )

    return parse


def partnership(raw: Any, lookups: Lookups) -> Partnership | None:
    value = text(raw, lookups)
    if not value:
        return None
    found = lookups.partnerships.get(int(value)) if value.isdigit() else lookups.partnership_keys.get(" / ".join(
        part.strip() for part in value.upper().split("/")
    ))
    if found is None:
        raise ValidationError(_("No partnership “{value}” that you can see.").format(value=value))
    return found


def unit(raw: Any, lookups: Lookups) -> Unit | None:
    value = text(raw, lookups)
    if not value:
        return None
    found = lookups.units.get(value.lower())
    if found is None:
        raise ValidationError(_("No unit with the code “{value}”.").format(value=value))
    return found


def commitment(raw: Any, lookups: Lookups) -> Commitment | None:
    value = text(raw, lookups)
    if not value:
        return None
    found = lookups.commitments.get(int(value)) if value.isdigit() else None
    if found is None:
        raise ValidationError(_("No commitment number {value} that you can see.").format(value=value))
    return found


def commitment_list(raw: Any, lookups: Lookups) -> list[Commitment]:
    value = text(raw, lookups)
    return [c for part in value.replace(",", ";").split(";") if part.strip() and (c := commitment(part, lookups))]


def organisation(raw: Any, lookups: Lookups) -> Organisation | None:
    value = text(raw, lookups)
    if not value:
        return None
    found = lookups.organisation(int(value)) if value.isdigit() else None
    if found is None:
        raise ValidationError(_("No organisation number {value}.").format(value=value))
    return found


def place(raw: Any, lookups: Lookups) -> Place | None:
    value = text(raw, lookups)
    if not value:
        return None
    found = lookups.place(value)
    if found is None:
        raise ValidationError(_("No place with the key “{value}”.").format(value=value))
    return found


# --- Writing one cell ----------------------------------------------------------------------------------------


def out_partnership(value: Partnership | None) -> str:
    return f"{value.vn_place.key} / {value.la_place.key}" if value else ""


def out_pk(value: models.Model | None) -> Any:
    return value.pk if value is not None else ""


def out_plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f").rstrip("0")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# --- The spec ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its key (the header), label, how to read and write it, the model field it fills."""

    key: str
    label: Any
    parse: Callable[[Any, Lookups], Any]
    required: bool = False
    write: Callable[[Any], Any] = out_plain
    help: Any = ""

    def export(self, obj: models.Model) -> Any:
        if self.key == "commitments":
            return ";".join(str(c.pk) for c in obj.commitments.all())  # type: ignore[attr-defined]  # an activity's column
        if self.write is out_pk:  # the number is on the row itself: no query for the related record
            return getattr(obj, f"{self.key}_id") or ""
        return self.write(getattr(obj, self.key))


def _unit_code(value: Unit | None) -> str:
    return value.code if value else ""


def _place_key(value: Place | None) -> str:
    return value.key if value else ""


ID = Column("id", gettext_lazy("number (empty for a new record)"), integer)
PARTNERSHIP = Column("partnership", gettext_lazy("partnership"), partnership, True, out_partnership,
                     gettext_lazy("Its number, or the keys of both places, e.g. VN-2008-D444 / LA-D-NAKAI"))

ACTIVITY_COLUMNS = [
    ID, PARTNERSHIP,
    Column("kind", gettext_lazy("kind"), choice(ActivityKind), True),
    Column("title", gettext_lazy("title"), text, True),
    Column("title_lo", gettext_lazy("title (Lao)"), text),
    Column("title_en", gettext_lazy("title (English)"), text),
    Column("started_on", gettext_lazy("date"), date, True),
    Column("ended_on", gettext_lazy("until"), date),
    Column("date_precision", gettext_lazy("date known to the"), choice(DatePrecision)),
    Column("venue", gettext_lazy("place"), text),
    Column("host_side", gettext_lazy("host side"), choice(HostSide)),
    Column("vn_participant_count", gettext_lazy("Vietnamese participants"), integer),
    Column("vn_participants", gettext_lazy("Vietnamese participants (names)"), text),
    Column("la_participant_count", gettext_lazy("Lao participants"), integer),
    Column("la_participants", gettext_lazy("Lao participants (names)"), text),
    Column("summary", gettext_lazy("summary"), text),
    Column("commitments", gettext_lazy("commitments served"), commitment_list,
           help=gettext_lazy("Commitment numbers separated by ';'")),
]

DELIVERY_COLUMNS = [
    ID, PARTNERSHIP,
    Column("category", gettext_lazy("category"), choice(DeliveryCategory), True),
    Column("item", gettext_lazy("item"), text, True),
    Column("item_lo", gettext_lazy("item (Lao)"), text),
    Column("item_en", gettext_lazy("item (English)"), text),
    Column("quantity", gettext_lazy("quantity"), decimal),
    Column("unit", gettext_lazy("unit"), unit, write=_unit_code, help=gettext_lazy("A unit code: ha, tree, head, bird, kg…")),
    Column("value", gettext_lazy("value"), decimal),
    Column("currency", gettext_lazy("currency"), choice(Currency)),
    Column("value_qualifier", gettext_lazy("value is"), choice(ValueQualifier)),
    Column("giver_side", gettext_lazy("giver side"), choice(Side), True),
    Column("giver_organisation", gettext_lazy("giver organisation"), organisation, write=out_pk),
    Column("giver_name", gettext_lazy("giver"), text),
    Column("recipient_organisation", gettext_lazy("recipient organisation"), organisation, write=out_pk),
    Column("recipient_place", gettext_lazy("recipient place"), place, write=_place_key),
    Column("recipient_group", gettext_lazy("recipients"), text),
    Column("beneficiary_count", gettext_lazy("beneficiaries"), integer),
    Column("beneficiary_count_qualifier", gettext_lazy("number of beneficiaries is"), choice(ValueQualifier)),
    Column("commitment", gettext_lazy("commitment fulfilled"), commitment, write=out_pk),
    Column("delivered_on", gettext_lazy("delivered on"), date, True),
    Column("delivered_on_precision", gettext_lazy("date known to the"), choice(DatePrecision)),
    Column("notes", gettext_lazy("notes"), text),
]

COLUMNS: dict[type[models.Model], list[Column]] = {Activity: ACTIVITY_COLUMNS, Delivery: DELIVERY_COLUMNS}


def headers(model: type[models.Model]) -> list[str]:
    return [column.key for column in COLUMNS[model]]


def export_rows(model: type[models.Model], objects: Iterable[models.Model]) -> Iterator[list[Any]]:
    columns = COLUMNS[model]
    for obj in objects:
        yield [column.export(obj) for column in columns]


def export_queryset(queryset: models.QuerySet) -> models.QuerySet:
    """What an export reads, in a constant number of queries."""
    queryset = queryset.select_related("partnership__vn_place", "partnership__la_place")
    if queryset.model is Activity:
        return queryset.prefetch_related("commitments")
    return queryset.select_related("unit", "recipient_place")


def template_rows(model: type[models.Model]) -> list[list[Any]]:
    """The header, then a line saying what each column holds (a row starting with '#' is skipped on import)."""
    columns = COLUMNS[model]
    notes = []
    for index, column in enumerate(columns):
        note = force_str(column.label) + (" *" if column.required else "")
        if column.help:
            note += ": " + force_str(column.help)
        notes.append(("# " if index == 0 else "") + note)
    return [headers(model), notes]


def csv_bytes(rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[list[Any]], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Import --------------------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    label: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row {row}, column “{column}” ({label}): {message}").format(
                row=self.row, column=self.column, label=self.label, message=self.message
            )
        return _("Row {row}: {message}").format(row=self.row, message=self.message)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(upload: Any) -> list[list[Any]]:
    """The rows of an uploaded CSV or XLSX file; a ValidationError when it is neither, or holds too much.

    Nothing is loaded whole: a workbook's unpacked size is checked from its zip directory first, then its
    sheet is streamed (openpyxl read-only), and reading stops as soon as the file holds more rows than
    an import takes.
    """
    name = (getattr(upload, "name", "") or "").lower()
    limit = settings.BORDERTWIN_MAX_UPLOAD_BYTES
    if (getattr(upload, "size", 0) or 0) > limit:
        raise ValidationError(_("The file is larger than {limit} MB.").format(limit=round(limit / 1024 / 1024, 1)))
    upload.seek(0)
    data = upload.read()
    if name.endswith(".xlsx"):
        return _capped(_xlsx_rows(data))
    if name.endswith(".csv"):
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the CSV file as UTF-8.")) from None
        return _capped(csv_rows(content))
    raise ValidationError(_("Choose a CSV or XLSX file."))


def _xlsx_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    unreadable = ValidationError(_("The file could not be read as an Excel workbook (.xlsx)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            raise ValidationError(_("The workbook unpacks to more than {limit} MB: split it into smaller files.").format(
                limit=MAX_UNPACKED_BYTES // 1024 // 1024))
        sheets = [entry for entry in entries if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")]
        if any(_count_rows(archive, entry) > MAX_FILE_ROWS for entry in sheets):
            raise _too_many_rows()
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # read every row there is, whatever range the sheet declares
            yield from sheet.iter_rows(values_only=True)
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception:  # zipfile, openpyxl and the XML parser raise many kinds of error on a damaged file
        raise unreadable from None


ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _count_rows(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> int:
    """The rows a sheet holds, counted in its XML as it unpacks (about 50 MB a second), parsing nothing."""
    count, pending = 0, b""
    with archive.open(entry) as stream:
        while chunk := stream.read(1024 * 1024):
            pending += chunk
            cut = pending.rfind(b"<")  # a tag may continue into the next chunk: keep it for then
            count += len(ROW_TAG.findall(pending, 0, max(cut, 0)))
            pending = pending[cut:cut + 64] if cut >= 0 else b""
            if count > MAX_FILE_ROWS:
                break
    return count + len(ROW_TAG.findall(pending))


def _too_many_rows() -> ValidationError:
    return ValidationError(_("A file holds at most {count} rows.").format(count=MAX_ROWS))


def _capped(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """The rows, read no further than MAX_FILE_ROWS."""
    found: list[list[Any]] = []
    for row in rows:
        if len(found) == MAX_FILE_ROWS:
            raise _too_many_rows()
        found.append(list(row))
    return found


def _blank(row: list[Any]) -> bool:
    return all(cell is None or force_str(cell).strip() == "" for cell in row)


def import_file(model: type[models.Model], upload: Any, *, acting_user: Actor) -> ImportResult:
    """Import every row of the file, or none: the result lists each row's errors by column."""
    return import_rows(model, read_rows(upload), acting_user=acting_user, file_name=getattr(upload, "name", "") or "")


def import_rows(model: type[models.Model], rows: list[list[Any]], *, acting_user: Actor, file_name: str = "") -> ImportResult:
    """Import `rows` (a header, then records), every one or none; the change log names the file they came from."""
    result = ImportResult()
    columns = {column.key: column for column in COLUMNS[model]}
    if not rows:
        result.errors.append(RowError(1, "", "", _("The file is empty.")))
        return result
    header = [text(cell, None).lower() for cell in rows[0]]
    unknown = [key for key in header if key and key not in columns]
    missing = [column.key for column in columns.values() if column.required and column.key not in header]
    for key in unknown:
        result.errors.append(RowError(1, key, key, _("Unknown column; use the template's columns.")))
    for key in missing:
        result.errors.append(RowError(1, key, force_str(columns[key].label), _("This column is missing.")))
    body = [(number, row) for number, row in enumerate(rows[1:], start=2)
            if not _blank(row) and not text(row[0], None).startswith("#")]
    if len(body) > MAX_ROWS:
        result.errors.append(RowError(1, "", "", _("A file holds at most {count} rows.").format(count=MAX_ROWS)))
    if result.errors:
        return result
    lookups = Lookups(acting_user)
    name = os.path.basename(file_name.replace("\\", "/"))
    reason = _("Imported from the file {name}").format(name=name) if name else _("Imported from a file")
    with transaction.atomic(), context.acting(acting_user, reason):
        for number, row in body:
            _import_row(model, columns, header, number, row, lookups, acting_user, result, reason)
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result


def _import_row(model: type[models.Model], columns: dict[str, Column], header: list[str], number: int,
                row: list[Any], lookups: Lookups, user: Actor, result: ImportResult, reason: str) -> None:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for index, key in enumerate(header):
        if not key:
            continue
        column = columns[key]
        raw = row[index] if index < len(row) else None
        try:
            value = column.parse(raw, lookups)
        except ValidationError as error:
            errors.append(RowError(number, key, force_str(column.label), " ".join(error.messages)))
            continue
        if column.required and value in (None, ""):
            errors.append(RowError(number, key, force_str(column.label), _("This field is required.")))
            continue
        values[key] = value
    if errors:
        result.errors.extend(errors)
        return
    record_id = values.pop("id", None)
    commitments = values.pop("commitments", None)
    records = cast(type[PartnershipRecord], model)  # activities and deliveries are imported
    if record_id:
        obj = records.objects.restrict(user, access.VIEW).filter(pk=record_id).first()
        if obj is None:
            result.errors.append(RowError(number, "id", force_str(columns["id"].label),
                                          _("No record number {value} that you can see.").format(value=record_id)))
            return
    else:
        obj = records()
    for key, value in values.items():
        field_name = key
        # The columns are the model's own fields, never reverse relations.
        model_field = cast(models.Field, model._meta.get_field(field_name))
        if value in (None, "") and not model_field.null and model_field.has_default():
            value = model_field.get_default()
        elif value == "" and model_field.null:
            value = None
        setattr(obj, field_name, value)
    try:
        with transaction.atomic():
            services.save_partnership_record(obj, commitments, acting_user=user, reason=reason)
    except ValidationError as error:
        result.errors.extend(_row_errors(number, error, columns))
        return
    except PermissionDenied:
        result.errors.append(RowError(number, "partnership", force_str(columns["partnership"].label),
                                      _("You may not add or change records of this partnership.")))
        return
    if record_id:
        result.updated += 1
    else:
        result.created += 1


def _row_errors(number: int, error: ValidationError, columns: dict[str, Column]) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(number, "", "", message) for message in error.messages]
    found: list[RowError] = []
    for key, messages in error.message_dict.items():
        column = columns.get(key)
        if key == NON_FIELD_ERRORS or column is None:
            found.extend(RowError(number, "", "", message) for message in messages)
        else:
            found.extend(RowError(number, key, force_str(column.label), message) for message in messages)
    return found
