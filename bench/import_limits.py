"""How long and how much memory the spreadsheet import spends refusing files it must not read whole.

    python bench/import_limits.py

Builds, in memory, the two files of the security review: a workbook of about 300 KB
holding one 300 MB string (a "zip bomb"), and a workbook of a million rows (with and
without the row count its sheet declares). Each goes through `importing.read_rows`, the
reader of every import, which must refuse it. Prints, per file, its size, the time to
the refusal and the peak of the memory Python allocated meanwhile (tracemalloc), beside a ceiling. It measures;
it does not fail: the exit code is 0 unless a file is accepted.
"""

from __future__ import annotations

import io
import os
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CEILING_SECONDS = 5.0
CEILING_MB = 200

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def workbook(sheet_parts: list[bytes]) -> bytes:
    """A minimal XLSX whose one sheet is the concatenation of `sheet_parts`, deflated as it is written."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for part in sheet_parts:
                sheet.write(part)
    return buffer.getvalue()


def sheet(dimension: str, rows: object) -> list[bytes]:
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    return [head, dim, b"<sheetData>", *rows, b"</sheetData></worksheet>"]  # type: ignore[list-item]


def bomb() -> bytes:
    chunk = b"A" * (1024 * 1024)
    cells = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>', *([chunk] * 300), b"</t></is></c></row>"]
    return workbook(sheet("A1", cells))


def million_rows(declared: bool) -> bytes:
    rows = (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'.encode() for n in range(1, 1_000_001))
    return workbook(sheet("A1:A1000000" if declared else "", rows))


def refusal(read: Callable[[Any], Any], upload: Any, error_type: type[Exception]) -> str | None:
    """The message refusing `upload`, or None when it was read."""
    try:
        read(upload)
    except error_type as error:
        return "refused: " + " ".join(getattr(error, "messages", [str(error)]))
    return None


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bordertwin.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bordertwin.tracking import importing

    accepted = False
    for name, build in (
        ("one 300 MB string", bomb),
        ("1,000,000 rows, declared", lambda: million_rows(True)),
        ("1,000,000 rows, undeclared", lambda: million_rows(False)),
    ):
        data = build()
        upload = SimpleUploadedFile("bench.xlsx", data)
        started = time.perf_counter()
        outcome = refusal(importing.read_rows, upload, ValidationError)
        seconds = time.perf_counter() - started
        tracemalloc.start()  # a second pass for memory: tracing slows the reading tenfold
        refusal(importing.read_rows, upload, ValidationError)
        grown = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        accepted = accepted or outcome is None
        verdict = "ok" if seconds <= CEILING_SECONDS and grown <= CEILING_MB and outcome else "OVER"
        print(f"{name:28} {len(data) / 1024:8.0f} KB  {seconds:6.2f} s (ceiling {CEILING_SECONDS:.0f})  "
              f"{grown:6.1f} MB peak (ceiling {CEILING_MB})  {verdict}  {outcome or 'ACCEPTED'}")
    return 1 if accepted else 0


if __name__ == "__main__":
    sys.exit(main())
