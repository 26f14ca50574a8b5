"""Files that no import can take get a clear error and store nothing: an over-long CSV cell, a NUL byte, a
workbook that unpacks to too much or holds too many rows. A good file's import names it in the change log."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from bordertwin.tracking import importing
from bordertwin.tracking.models import Delivery

pytestmark = pytest.mark.django_db
HEADER = ["partnership", "category", "item", "giver_side", "delivered_on", "notes"]


def row(world, item="Bò nái", notes=""):
    return [world.hk_nakai.pk, "livestock", item, "VN", "2023-05-01", notes]


def csv_upload(text, name="deliveries.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows, name="deliveries.xlsx"):
    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def rewritten(upload, change):
    """The same workbook, its sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(upload.read()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            target.writestr(entry.filename, data)
    return SimpleUploadedFile(upload.name, buffer.getvalue())


def with_dimension(upload, ref):
    """The same workbook, its sheet declaring the range `ref` (as a writer of a million rows declares it)."""
    def change(xml):
        start = xml.index("<dimension ref=\"") + len("<dimension ref=\"")
        return xml[:start] + ref + xml[xml.index("\"", start):]
    return rewritten(upload, change)


def test_a_csv_cell_over_131072_characters_is_a_clear_error_on_the_page(client, world):
    content = importing.csv_bytes([HEADER, row(world), row(world, notes="x" * 131_073)])
    client.force_login(world.vn_province_editor)
    response = client.post("/tracking/import/", {"kind": "deliveries", "file": SimpleUploadedFile("d.csv", content)})
    assert response.status_code == 400
    assert "Dòng 3: một ô chứa hơn 131.072 ký tự." in response.content.decode()
    assert Delivery.objects.count() == 0


def test_a_nul_byte_in_a_csv_is_a_clear_error_and_nothing_is_stored(client, world):
    text = importing.csv_bytes([HEADER, row(world), row(world, item="Bò\x00 đực")]).decode("utf-8")
    with pytest.raises(ValidationError) as raised:
        importing.import_file(Delivery, csv_upload(text), acting_user=world.vn_province_editor)
    assert raised.value.messages == ["Line 3 holds a NUL character: save the file again as text (UTF-8)."]
    client.force_login(world.vn_province_editor)
    response = client.post("/tracking/import/", {"kind": "deliveries", "file": csv_upload(text)})
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert Delivery.objects.count() == 0


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(world, monkeypatch):
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1024 * 1024)
    long_cell = '<c r="F2" t="inlineStr"><is><t>' + "A" * 2 * 1024 * 1024 + "</t></is></c></row>"
    upload = rewritten(xlsx_upload([HEADER, row(world)]), lambda xml: xml.replace("</row></sheetData>", long_cell + "</sheetData>", 1))
    assert upload.size < 100 * 1024  # a small file holding one 2 MB string: a zip bomb in miniature
    monkeypatch.setattr(importing, "load_workbook", lambda *args, **kwargs: pytest.fail("the workbook was opened"))
    with pytest.raises(ValidationError) as raised:
        importing.import_file(Delivery, upload, acting_user=world.vn_province_editor)
    assert raised.value.messages == ["The workbook unpacks to more than 1 MB: split it into smaller files."]


def test_the_row_limit_is_100000_records(world):
    assert importing.MAX_ROWS == 100_000


def test_a_sheet_of_more_rows_than_the_limit_is_refused_before_it_is_loaded(world, monkeypatch):
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, 101_003))
    upload = rewritten(xlsx_upload([HEADER]), lambda xml: xml.replace("</row></sheetData>", "</row>" + rows + "</sheetData>", 1))
    monkeypatch.setattr(importing, "load_workbook", lambda *args, **kwargs: pytest.fail("the workbook was opened"))
    with pytest.raises(ValidationError) as raised:
        importing.import_file(Delivery, upload, acting_user=world.vn_province_editor)
    assert raised.value.messages == ["A file holds at most 100000 rows."]


def test_every_row_is_read_whatever_range_the_sheet_declares(world, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 5)
    monkeypatch.setattr(importing, "MAX_FILE_ROWS", 8)
    upload = with_dimension(xlsx_upload([HEADER, *[row(world, item=f"Bò {n}") for n in range(20)]]), "A1:F2")
    with pytest.raises(ValidationError) as raised:
        importing.import_file(Delivery, upload, acting_user=world.vn_province_editor)
    assert raised.value.messages == ["A file holds at most 5 rows."]
    small = with_dimension(xlsx_upload([HEADER, *[row(world, item=f"Bò {n}") for n in range(3)]]), "A1")
    assert importing.import_file(Delivery, small, acting_user=world.vn_province_editor).created == 3
    assert Delivery.objects.count() == 3


def test_a_damaged_workbook_is_a_clear_error(world):
    with pytest.raises(ValidationError) as raised:
        importing.import_file(Delivery, SimpleUploadedFile("d.xlsx", b"PK\x03\x04 not a workbook"), acting_user=world.admin)
    assert raised.value.messages == ["The file could not be read as an Excel workbook (.xlsx)."]


def test_the_change_log_names_the_imported_file(world):
    upload = csv_upload(importing.csv_bytes([HEADER, row(world)]).decode("utf-8"), name="giao-nhan-2023.csv")
    assert importing.import_file(Delivery, upload, acting_user=world.vn_province_editor).ok
    entry = Delivery.objects.get().history.first()
    assert entry.history_change_reason == "Imported from the file giao-nhan-2023.csv"
    assert entry.history_user == world.vn_province_editor


def test_a_csv_whose_lines_end_with_a_lone_carriage_return_imports(world):
    text = importing.csv_bytes([HEADER, row(world), row(world, item="Bò đực")]).decode("utf-8").replace("\r\n", "\r")
    assert importing.import_file(Delivery, csv_upload(text), acting_user=world.vn_province_editor).created == 2
