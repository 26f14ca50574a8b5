import codecs
import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError

from bordertwin.intake.reading import check_text, read_file

TEXT = "Xã Thượng Trạch và cụm bản Noỏng Mạ ký kết quy chế kết nghĩa."

# A one-page PDF with no text on it, as a scanner without OCR makes.
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def read(name: str, data: bytes) -> str:
    return read_file(name, io.BytesIO(data))


def message(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "600 người"
    table.rows[0].cells[1].text = "1,7 tỷ đồng"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_reads_utf8_text_with_or_without_a_bom():
    assert read("a.txt", TEXT.encode("utf-8")) == TEXT
    assert read("a.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


def test_it_reads_utf16_text_with_a_bom():
    assert read("a.txt", TEXT.encode("utf-16")) == TEXT


def test_it_refuses_text_in_another_encoding():
    with pytest.raises(ValidationError) as error:
        read("a.txt", TEXT.encode("cp1258", errors="replace") + b"\xff\xfe\xfa")
    assert "not UTF-8" in message(error)


def test_it_refuses_an_empty_file_and_blank_text():
    with pytest.raises(ValidationError, match="empty"):
        read("a.txt", b"")
    with pytest.raises(ValidationError, match="no text"):
        read("a.txt", b"   \n\n ")
    with pytest.raises(ValidationError, match="no text"):
        check_text("  ")


def test_it_refuses_binary_data_named_as_text():
    with pytest.raises(ValidationError, match="binary"):
        read("a.txt", b"abc\x00\x01\x02" * 100)


def test_it_refuses_text_and_files_over_the_limits(settings):
    settings.BORDERTWIN_INTAKE_MAX_TEXT_BYTES = 1000
    with pytest.raises(ValidationError, match="longer than"):
        check_text("a" * 1001)
    settings.BORDERTWIN_INTAKE_MAX_FILE_BYTES = 500
    with pytest.raises(ValidationError, match="larger than"):
        read("a.txt", b"a" * 501)


def test_it_refuses_files_it_cannot_read():
    with pytest.raises(ValidationError, match=r"\.txt, \.docx and \.pdf"):
        read("photo.jpg", b"\xff\xd8\xff\xe0")


def test_it_reads_the_paragraphs_and_tables_of_a_word_file():
    text = read("minutes.docx", docx_bytes(TEXT))
    assert TEXT in text
    assert "600 người | 1,7 tỷ đồng" in text


def test_it_refuses_a_word_file_that_is_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="unpacks"):
        read("bomb.docx", buffer.getvalue())


def test_it_refuses_a_word_file_that_is_not_one():
    with pytest.raises(ValidationError, match="not a Word"):
        read("fake.docx", b"PK\x03\x04 this is not a zip file")
    with pytest.raises(ValidationError, match="not a Word"):
        read("fake.docx", TEXT.encode())


def test_it_reads_the_text_layer_of_a_pdf():
    weasyprint = pytest.importorskip("weasyprint")
    pdf = weasyprint.HTML(string=f"<p>{TEXT}</p>").write_pdf()
    assert "Noỏng Mạ" in read("article.pdf", pdf)


def test_it_refuses_a_pdf_without_a_text_layer():
    with pytest.raises(ValidationError, match="no text layer"):
        read("scan.pdf", BLANK_PDF)


def test_it_refuses_a_pdf_that_is_not_one():
    with pytest.raises(ValidationError, match="not a PDF"):
        read("fake.pdf", b"hello")


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
EXTERNAL = '<!DOCTYPE w:document [<!ENTITY d SYSTEM "file:///etc/hostname">]>'


def docx_with_doctype(doctype: str, encoding: str) -> bytes:
    """A Word file whose document part, saved in `encoding`, declares `doctype` and says `&d;`."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("Xin chào")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                _declaration, body = data.decode().split("?>", 1)
                xml = f'<?xml version="1.0" encoding="{encoding}"?>{doctype}{body.replace("Xin chào", "&d;")}'
                data = xml.encode(encoding)
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("doctype", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_it_refuses_a_word_file_declaring_entities_in_any_encoding(doctype, encoding):
    with pytest.raises(ValidationError) as error:
        read("bien-ban.docx", docx_with_doctype(doctype, encoding))
    assert message(error) == "Word files with a DOCTYPE or entities are refused."
