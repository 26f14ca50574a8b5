"""Text typed in Vietnamese (the original) with its Lao and English versions beside it.

A record's original is the field itself (`title`); its versions are `title_lo` and
`title_en`. A reader sees the version in their language and, where there is none, the
original, marked as such: never a blank, never the original passed off as a translation.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

ORIGINAL_LANGUAGE = "vi"
VERSIONS = ("lo", "en")


def reader_language() -> str:
    """The active language, as a two-letter code."""
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


@dataclass(frozen=True)
class ReaderText:
    """What a reader is shown of one field: the text, the language it is written in, and the one they read."""

    text: str
    language: str
    wanted: str

    @property
    def fallback(self) -> bool:
        """The reader's language has no version yet: the text is the original."""
        return self.language != self.wanted

    def shortened(self, limit: int) -> "ReaderText":
        """At most `limit` characters (a commitment in a list), "…" marking a cut; 0 keeps it whole."""
        if not limit or len(self.text) <= limit:
            return self
        return replace(self, text=self.text[: limit - 1] + "…")

    def plain(self) -> str:
        """The text for a table cell or an export, the original marked as such."""
        if not self.fallback:
            return self.text
        return f"{self.text} [{original_label()}]"

    def html(self) -> SafeString:
        """The text for a page: escaped, tagged with its language, and a visible badge where it is the original."""
        if not self.fallback:
            return format_html('<span lang="{}">{}</span>', self.language, self.text)
        return format_html(
            '<span lang="{}">{}</span> <span class="badge badge-original" title="{}">{}</span>',
            self.language, self.text, _("Not yet written in your language: this is the original."), original_label(),
        )


def original_label() -> str:
    return _("original (vi)")


def in_reader_language(obj: Any, field: str, language: str | None = None) -> ReaderText:
    """`field` of `obj` in `language` (by default the active one), or its original where that version is empty."""
    wanted = language or reader_language()
    if wanted in VERSIONS:
        version = getattr(obj, f"{field}_{wanted}", "") or ""
        if version.strip():
            return ReaderText(version, wanted, wanted)
    return ReaderText(getattr(obj, field) or "", ORIGINAL_LANGUAGE, wanted)
