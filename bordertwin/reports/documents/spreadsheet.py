"""The annex of the review report: every delivery of the period, one row each, values as numbers."""

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bordertwin.core.tables import xlsx_value
from bordertwin.reports.review import ReviewData

NUMBER_FORMAT = "#,##0.###"


def headers() -> list[str]:
    return [
        _("No."), _("Date"), _("Category"), _("Item"), _("Quantity"), _("Unit"), _("Value"), _("Currency"),
        _("Value is"), _("Given by"), _("Received by"), _("Commitment fulfilled"), _("Confirmation"),
    ]


def append(sheet: Worksheet, values: list[Any]) -> None:
    """A row of the annex: what officers typed is shown as text, never run as a formula."""
    sheet.append([xlsx_value(value) for value in values])


def render(data: ReviewData) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Deliveries")[:31]
    append(sheet, headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, line in enumerate(data.deliveries, start=1):
        append(sheet, [
            number, line.date, line.category, line.item, line.quantity, line.unit, line.value, line.currency,
            line.qualifier, line.giver, line.recipient, line.commitment, line.confirmation,
        ])
        row = sheet.max_row
        sheet.cell(row=row, column=2).number_format = "DD/MM/YYYY"
        sheet.cell(row=row, column=5).number_format = NUMBER_FORMAT
        sheet.cell(row=row, column=7).number_format = NUMBER_FORMAT
    for letter, width in zip("ABCDEFGHIJKLM", (6, 12, 22, 40, 12, 10, 18, 9, 12, 28, 28, 40, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    totals = workbook.create_sheet(_("Totals")[:31])
    append(totals, [_("Partnership"), data.partnership])
    append(totals, [_("Period"), data.date_from, data.date_to])
    append(totals, [])
    append(totals, [_("Currency"), _("Total"), _("Value is")])
    for item in data.totals:
        append(totals, [item.currency, item.amount, item.qualifier])
        totals.cell(row=totals.max_row, column=2).number_format = NUMBER_FORMAT
    if data.converted is not None:
        append(totals, [])
        append(totals, [_("All values in {currency}").format(currency=data.converted.currency), data.converted.amount])
        totals.cell(row=totals.max_row, column=2).number_format = NUMBER_FORMAT
        for gap in data.converted.missing:
            append(totals, [_("Missing exchange rate"), str(gap)])
        for pair in data.converted.via_pivot:
            append(totals, [_("Converted through the US dollar, for want of a direct rate:"), pair])
    for cell in (totals.cell(row=2, column=2), totals.cell(row=2, column=3)):
        cell.number_format = "DD/MM/YYYY"
    totals.column_dimensions["A"].width = 28
    totals.column_dimensions["B"].width = 30
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
