"""Text folding for search: "Hương Khê", "HUONG KHE" and "huong  khe" fold alike."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Lao "am" is written either as one code point or as NIKHAHIT + AA: compare one form.
_LAO_AM = ("\u0ecd\u0eb2", "\u0eb3")


def fold(text: str | None) -> str:
    """Lower-case, strip Vietnamese diacritics (đ→d), unify Lao spellings, squeeze spaces."""
    if not text:
        return ""
    # PostgreSQL refuses NUL in any string, so a typed-in "\x00" would break the query.
    text = unicodedata.normalize("NFC", text.replace("\x00", " ")).replace(*_LAO_AM)
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    for char in decomposed:
        if unicodedata.combining(char) and not _is_lao(char):
            continue
        kept.append(char)
    folded = unicodedata.normalize("NFC", "".join(kept)).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", folded.casefold()).strip()


def _is_lao(char: str) -> bool:
    return "\u0e80" <= char <= "\u0eff"


def normalise_lao(text: str) -> str:
    """The canonical Lao spelling used for storage (NFC, one code point for "am")."""
    return unicodedata.normalize("NFC", text).replace(*_LAO_AM)


# Punctuation that separates words in names and titles ("(Hà Tĩnh)", "Hương Khê–Nakai", "VA-06").
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\u2010-\u2027\u00ab\u00bb]+")


# The longest search term: each word is a condition, and a database refuses a query of thousands.
MAX_SEARCH_CHARS = 200


def search_words(text: str | None) -> list[str]:
    """The folded words of a text, punctuation taken as a space: what search compares."""
    return _PUNCTUATION.sub(" ", fold(text)).split()


def has_lao(text: str) -> bool:
    return any(_is_lao(char) for char in text)
