"""CSV and XLSX exports hold exactly the filtered rows the user may see, all of them, under a header row."""

import csv
import io

import pytest
from openpyxl import load_workbook

from bordertwin.core import services
from bordertwin.partnerships.models import Commitment

pytestmark = pytest.mark.django_db

LISTS = ["/partnerships/", "/partnerships/agreements/", "/partnerships/commitments/", "/places/", "/places/organisations/"]


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def sixty_commitments(world):
    return [
        services.save_record(
            Commitment(agreement=world.hk_memorandum, domain="health", text=f"Khám bệnh đợt {n}", position=n),
            acting_user=world.admin,
        )
        for n in range(60)
    ]


def test_every_filtered_row_is_exported_not_only_the_first_page(client, world, sixty_commitments):
    client.force_login(world.vn_province_editor)
    page = client.get("/partnerships/commitments/", {"domain": "health"})
    assert len(page.context["rows"]) == 25
    rows = csv_rows(client.get("/partnerships/commitments/", {"domain": "health", "export": "csv"}))
    assert rows[0][0] in ("Commitment", "Cam kết")
    assert len(rows) == 1 + 60
    assert {row[0] for row in rows[1:]} == {f"Khám bệnh đợt {n}" for n in range(60)}
    sheet = xlsx_rows(client.get("/partnerships/commitments/", {"domain": "health", "export": "xlsx"}))
    assert sheet[0] == rows[0]
    assert len(sheet) == 1 + 60


def test_exports_hold_only_rows_in_the_users_scope(client, world, sixty_commitments):
    services.save_record(Commitment(agreement=world.nghean_agreement, domain="health", text="Khám bệnh Nghệ An"),
                         acting_user=world.admin)
    client.force_login(world.vn_province_editor)
    rows = csv_rows(client.get("/partnerships/commitments/", {"export": "csv"}))
    assert len(rows) == 1 + 61  # the sixty and the nine breeding cows
    assert not any("Nghệ An" in cell for row in rows for cell in row)
    client.force_login(world.viewer)
    assert len(csv_rows(client.get("/partnerships/commitments/", {"export": "csv"}))) == 1 + 62


def test_a_search_narrows_the_export(client, world, sixty_commitments):
    client.force_login(world.viewer)
    rows = csv_rows(client.get("/partnerships/commitments/", {"q": "bo nai", "export": "csv"}))
    assert [row[0] for row in rows[1:]] == ["Hỗ trợ 9 con bò nái"]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_exports_csv_and_xlsx_with_a_header_row(client, world, url):
    client.force_login(world.viewer)
    rows = csv_rows(client.get(url, {"q": "huong khe", "export": "csv"}))
    response = client.get(url, {"q": "huong khe", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = xlsx_rows(response)
    assert rows[0] and all(rows[0])
    assert [str(cell) for cell in sheet[0]] == rows[0]
    assert len(sheet) == len(rows)


def test_an_export_cell_that_looks_like_a_formula_is_not_run_as_one(client, world):
    services.save_record(Commitment(agreement=world.hk_memorandum, domain="health", text="=HYPERLINK(\"http://x\")"),
                         acting_user=world.admin)
    client.force_login(world.viewer)
    rows = csv_rows(client.get("/partnerships/commitments/", {"q": "hyperlink", "export": "csv"}))
    assert not rows[1][0].startswith("=")
    sheet = xlsx_rows(client.get("/partnerships/commitments/", {"q": "hyperlink", "export": "xlsx"}))
    assert sheet[1][0] == "'=HYPERLINK(\"http://x\")"


def test_text_pasted_from_word_with_control_characters_still_exports(client, world):
    services.save_record(Commitment(agreement=world.hk_memorandum, domain="health", text="Khám bệnh\x0bđịnh kỳ\x01"),
                         acting_user=world.admin)
    client.force_login(world.viewer)
    response = client.get("/partnerships/commitments/", {"q": "dinh ky", "export": "xlsx"})
    assert response.status_code == 200
    assert xlsx_rows(response)[1][0] == "Khám bệnh định kỳ"
    assert csv_rows(client.get("/partnerships/commitments/", {"q": "dinh ky", "export": "csv"}))[1][0].startswith("Khám bệnh")


@pytest.mark.parametrize("text", ["=1+2", "- 1+1", "+84 912", "@SUM(A1)", "\t=1+2", "\r=1+2", '=HYPERLINK("http://x")'])
def test_every_formula_start_is_neutralised_in_both_formats(client, world, text):
    services.save_record(Commitment(agreement=world.hk_memorandum, domain="health", text=text), acting_user=world.admin)
    client.force_login(world.viewer)
    rows = csv_rows(client.get("/partnerships/commitments/", {"domain": "health", "export": "csv"}))
    assert "'" + text in [row[0] for row in rows]
    response = client.get("/partnerships/commitments/", {"domain": "health", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'" + text in [cell.value for cell in cells]


def test_plain_numbers_and_ordinary_text_are_exported_as_they_are():
    from bordertwin.core.tables import neutralise

    assert [neutralise(v) for v in (-5, "-5", "+1.5", "Khám bệnh", "", None)] == [-5, "-5", "+1.5", "Khám bệnh", "", None]
