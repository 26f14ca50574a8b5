"""The review report as officials receive it: Word, PDF and the XLSX annex, through the download URLs."""

import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from django.http import HttpResponse
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
PERIOD = "from=2022-06-25&to=2024-06-22"


def download(client, review, fmt, lang="vi", user=None):
    """Ask for the document, then fetch it from the page of the job that made it."""
    client.force_login(user or review.world.vn_province_editor)
    response = client.get(f"/reports/partnerships/{review.partnership.pk}/review.{fmt}?{PERIOD}&lang={lang}")
    if response.status_code != 302:
        return response
    result = client.get(response.url + "result/")
    return HttpResponse(b"".join(result.streaming_content), status=result.status_code, headers=dict(result.headers))


def all_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def keep_first_page(pdf_bytes, name):
    """Page 1 as PNG in artifacts/<name>-page1.png, for someone to look at."""
    if shutil.which("pdftoppm") is None:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(source), str(ARTIFACTS / f"{name}-page1")], check=True)
    source.unlink()


def keep_office_first_pages(files: dict[str, bytes]) -> None:
    """Page 1 of Word and Excel files as LibreOffice prints them, as PNGs in artifacts/ (when LibreOffice is installed)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftoppm") is None:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in files.items():
            path = Path(folder) / name
            path.write_bytes(content)
            paths.append(str(path))
        subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                        "--outdir", folder, *paths], check=True, capture_output=True, timeout=180)
        for name in files:
            stem = Path(name).stem
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            str(Path(folder) / f"{stem}.pdf"), str(ARTIFACTS / f"{stem}-page1")], check=True)


def test_the_word_report_has_the_national_heading_font_and_margins_of_decree_30(client, review):
    response = download(client, review, "docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    document = Document(BytesIO(response.content))
    text = all_text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO" in text and "Nơi nhận:" in text
    assert "Hương Khê, ngày " in text
    assert "Số:" in text and "/BC-" in text
    assert document.styles["Normal"].font.name == "Times New Roman"
    section = document.sections[0]
    top, bottom, left, right = (round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin))
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    assert "PAGE" in section.header._element.xml  # page numbers


def test_the_word_report_carries_the_cows_delivery_and_vietnamese_totals(client, review):
    text = all_text(Document(BytesIO(download(client, review, "docx").content)))
    assert "Bò nái sinh sản" in text
    assert "9 " in text and "1.200.000.000 VND" in text
    assert "1.300.000.000 VND" in text  # total in VND, grouped with '.'
    assert "Mở cửa khẩu phụ tại xã Hương Vĩnh" in text  # the proposal
    place_date = next(p for p in Document(BytesIO(download(client, review, "docx").content)).tables[0].rows[0].cells[1].paragraphs if "ngày" in p.text)
    assert all(run.italic for run in place_date.runs if run.text.strip())


def test_the_lao_word_report_uses_lao_labels_heading_and_font(client, review):
    document = Document(BytesIO(download(client, review, "docx", lang="lo").content))
    text = all_text(document)
    assert "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ" in text
    assert "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ" in text
    assert "ບົດລາຍງານ" in text and "ບ່ອນສົ່ງ:" in text
    assert "BÁO CÁO" not in text
    assert document.styles["Normal"].font.name in ("Phetsarath OT", "Noto Sans Lao")


def test_the_pdf_is_a_real_pdf_with_pages(client, review):
    response = download(client, review, "pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True, text=False)
        pages = int(next(line for line in info.stdout.decode().splitlines() if line.startswith("Pages:")).split()[1])
        assert pages >= 1
    keep_first_page(download(client, review, "pdf", lang="lo").content, "review-pdf-lo")


def test_the_xlsx_annex_has_one_row_per_delivery_of_the_period(client, review):
    response = download(client, review, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3  # the delivery of 2025 is outside the period
    cows = next(r for r in rows if r[3] == "Bò nái sinh sản")
    assert cows[4] == 9 and cows[6] == 1200000000 and cows[7] == "VND"


def test_a_user_outside_the_partnership_gets_no_report(client, review):
    for fmt in ("docx", "pdf", "xlsx"):
        response = download(client, review, fmt, user=review.world.outsider)
        assert response.status_code in (403, 404)
    response = download(client, review, "docx", user=review.world.la_province_editor)
    assert response.status_code == 200  # the Lao side's editor of Khammouane sees Nakai's partnership


@pytest.mark.parametrize("query", [
    "from=2024-06-22&to=2022-06-25",
    "from=2024-13-45&to=2024-06-22",
    "from=yesterday",
    "from=2022-06-25&to=2024-06-22&lang=fr",
])
def test_bad_parameters_get_a_clear_400_and_nothing_is_generated(client, review, query):
    client.force_login(review.world.vn_province_editor)
    response = client.get(f"/reports/partnerships/{review.partnership.pk}/review.docx?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"errors" in response.content


def test_each_document_leaves_a_picture_of_its_first_page(client, review):
    """Word (through LibreOffice Writer, when installed) and PDF; the XLSX annex is a table, checked above."""
    keep_office_first_pages({
        "review-docx-vi.docx": download(client, review, "docx").content,
        "review-docx-lo.docx": download(client, review, "docx", lang="lo").content,
    })
    keep_first_page(download(client, review, "pdf").content, "review-pdf-vi")
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        for stem in ("review-docx-vi", "review-docx-lo", "review-pdf-vi"):
            assert (ARTIFACTS / f"{stem}-page1.png").stat().st_size > 1000


def test_the_english_report_writes_numbers_the_english_way(client, review):
    text = all_text(Document(BytesIO(download(client, review, "docx", lang="en").content)))
    assert "SOCIALIST REPUBLIC OF VIETNAM" in text and "REPORT" in text
    assert "1,200,000,000 VND" in text
