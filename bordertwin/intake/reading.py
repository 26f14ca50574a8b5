"""Reading the text out of what an officer hands in: pasted text, .txt, .docx or a PDF with a text layer.

Every refusal is a ValidationError on the "file" (or "text") field with a message the
officer can act on; nothing is stored when reading fails.
"""

import codecs
import io
import shutil
import subprocess  # noqa: S404  (pdftotext, with a fixed argument list and a timeout)
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
READABLE = (".txt", ".docx", ".pdf")


def max_text_bytes() -> int:
    return settings.BORDERTWIN_INTAKE_MAX_TEXT_BYTES


def max_file_bytes() -> int:
    return settings.BORDERTWIN_INTAKE_MAX_FILE_BYTES


def max_unpacked_bytes() -> int:
    return settings.BORDERTWIN_INTAKE_MAX_UNPACKED_BYTES


MAX_RATIO = 100
PDF_TIMEOUT_SECONDS = 30


def _error(message: str, field: str = "file") -> ValidationError:
    return ValidationError({field: message})


def check_text(text: str, field: str = "text") -> str:
    """The text, trimmed, if it is text an officer could have written; else ValidationError."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _error(_("The document has no text."), field)
    limit = max_text_bytes()
    if len(text.encode("utf-8")) > limit:
        raise _error(_("The text is longer than {limit} MB.").format(limit=round(limit / MB, 1)), field)
    if "\x00" in text or _control_share(text) > 0.01:
        raise _error(_("This does not look like text: it holds binary data."), field)
    return text


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f\v")
    return controls / max(1, len(text))


def extension(name: str) -> str:
    return Path(name or "").suffix.lower()


def check_upload(name: str, size: int | None) -> None:
    """Refuse a file by its name and size alone, before anything reads it."""
    if extension(name) not in READABLE:
        raise _error(_("Only .txt, .docx and .pdf files can be read."))
    if size is not None and size > max_file_bytes():
        raise _error(_("The file is larger than {limit} MB.").format(limit=round(max_file_bytes() / MB, 1)))


def read_file(name: str, stream: IO[bytes]) -> str:
    """The text of an uploaded file, by its extension; ValidationError when it cannot be read."""
    ext = extension(name)
    check_upload(name, None)
    data = stream.read(max_file_bytes() + 1)
    if not data:
        raise _error(_("The file is empty."))
    check_upload(name, len(data))
    if ext == ".txt":
        text = decode_text(data)
    elif ext == ".docx":
        text = read_docx(data)
    else:
        text = read_pdf(data)
    return check_text(text, field="file")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a BOM), or UTF-16 with its BOM; anything else is refused."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _error(_("The file is not valid UTF-16 text.")) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _error(_("The file is not UTF-8 text: save it as UTF-8 and try again.")) from error


def read_docx(data: bytes) -> str:
    """Paragraphs and table cells of a Word file, after checking the archive is not a zip bomb
    and that none of its XML parts declares a DTD or entities, in whatever encoding (defusedxml)."""
    if not data.startswith(b"PK\x03\x04"):
        raise _error(_("The file is not a Word (.docx) document."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos)
            if unpacked > max_unpacked_bytes() or unpacked > MAX_RATIO * max(packed, 1):
                raise _error(_("The Word file unpacks to far more than its size and is refused."))
            if "word/document.xml" not in archive.namelist():
                raise _error(_("The file is not a Word (.docx) document."))
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    check_xml(archive.read(info))
    except zipfile.BadZipFile as error:
        raise _error(_("The file is not a Word (.docx) document.")) from error
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds of errors on damaged files
        raise _error(_("The Word file could not be read; it may be damaged.")) from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def check_xml(data: bytes) -> None:
    """Refuse a part of a Word file that declares a DTD or entities, or is not XML."""
    try:
        parse_xml(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise _error(_("Word files with a DOCTYPE or entities are refused.")) from error
    except ParseError as error:
        raise _error(_("The Word file could not be read; it may be damaged.")) from error


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF (pdftotext); a scan without one is refused."""
    if not data.startswith(b"%PDF-"):
        raise _error(_("The file is not a PDF document."))
    program = shutil.which("pdftotext")
    if program is None:
        raise _error(_("PDF files cannot be read on this server; paste the text instead."))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        try:
            result = subprocess.run(  # noqa: S603
                [program, "-enc", "UTF-8", "-layout", str(source), "-"],
                capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise _error(_("The PDF took too long to read.")) from error
    if result.returncode != 0:
        raise _error(_("The PDF could not be read; it may be damaged."))
    text = result.stdout.decode("utf-8", errors="replace").replace("\f", "\n")
    if not text.strip():
        raise _error(_("The PDF has no text layer (a scan?): paste the text or upload a .docx."))
    return text
