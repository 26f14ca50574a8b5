"""Stored files: names that fit the file system, and answers that never fail on a missing file."""

from pathlib import PurePath
from typing import Any

from django.http import FileResponse, Http404

# Bytes of UTF-8 a file name keeps: a file system takes 255 per path part, and the stored part
# carries a checksum prefix (attachments) and, on a name clash, a random suffix.
MAX_NAME_BYTES = 200
MAX_EXTENSION_CHARS = 16


def short_file_name(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """NAME without folders, cut to MAX_BYTES of UTF-8 at a character boundary, keeping its extension.

    "Biên bản … (300 characters).pdf" becomes "Biên bản … (cut).pdf": the type stays readable.
    """
    name = PurePath(name.replace("\\", "/")).name or "file"
    suffix = PurePath(name).suffix
    if len(suffix) > MAX_EXTENSION_CHARS or suffix == name:
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = max_bytes - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return (stem or "file") + suffix


def download(field_file: Any, filename: str, content_type: str | None = None) -> FileResponse:
    """The stored file as a download; a file gone from the disk is a 404, not a server error."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
