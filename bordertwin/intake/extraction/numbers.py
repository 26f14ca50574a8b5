"""Vietnamese numbers.

Vietnamese writes '.' between thousands and ',' before decimals: "1.000" = 1000,
"1,5" = 1.5, "1,0" = 1.0 (the written decimal is kept). Translated pages may group
thousands with a space ("2 013"). Scale words multiply: nghìn/ngàn = 10³,
triệu = 10⁶, tỷ/tỉ = 10⁹, and chain downwards ("1 tỷ 200 triệu" = 1 200 000 000).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .text import Document

# One number as written. Order matters: grouped thousands before plain digits.
NUMBER = (
    r"(?<![\w.,/])(?<![A-Za-z]-)"
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.000 / 1.200.000 / 1.234,5
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)"  # 2 013
    r"|\d+(?:,\d+)?"  # 600 / 1,5 / 1,0
    r"|\d+\.\d{1,2}(?![\d.]))"  # 1.5 written with a point
    r"(?![\d])"
)
NUMBER_RE = re.compile(NUMBER)

# Scale words, lower-case; the longest first so "ngàn" wins over a prefix.
SCALES: dict[str, int] = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}
SCALE = "(?:" + "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True)) + r")(?!\w)"

# A number with optional scale words, chained downwards: "1 tỷ 200 triệu", "1,2 tỷ".
AMOUNT = rf"{NUMBER}(?:\s*{SCALE})?(?:\s+{NUMBER}\s*{SCALE})*"
AMOUNT_RE = re.compile(AMOUNT)

# Vague amounts such as "hàng nghìn", "hàng trăm", "vài chục" are never numbers.
VAGUE_BEFORE = re.compile(r"(?:hàng|vài|mấy|nhiều|hàng chục|hàng trăm)\s*$")


_DIGIT_RUN = re.compile(r"\d(?<!\d\d)")  # the first digit of a run (quicker to find than the whole run)


def digit_runs(text: str) -> tuple[int, ...]:
    """Where the runs of digits of ``text`` start."""
    return tuple(run.start() for run in _DIGIT_RUN.finditer(text))


def main_digit_runs(doc: Document) -> tuple[int, ...]:
    """The digit runs of a document's main article (a ``text.Document``), found once."""
    return doc.remember("digit_runs", lambda: digit_runs(doc.lower[: doc.main_end]))


def led_by_digits(pattern: re.Pattern[str], text: str, runs: tuple[int, ...]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches start at a run of digits,
    tried only at ``runs`` (``digit_runs(text)``): a pattern that opens with a look-behind
    is otherwise tried at every offset of the text."""
    last = 0
    for start in runs:
        if start < last:
            continue
        match = pattern.match(text, start)
        if match is not None:
            last = max(match.end(), start + 1)
            yield match


def parse_number(written: str) -> Decimal:
    """The value of one written number: "1.000" → 1000, "1,5" → 1.5, "2 013" → 2013."""
    cleaned = written.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?: \d{3})+", cleaned):
        cleaned = cleaned.replace(" ", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {written!r}") from error


def has_decimals(written: str) -> bool:
    """Whether the writer gave decimals ("1,0" does, "1.000" does not)."""
    return bool(re.search(r",\d+$", written.strip()) or re.fullmatch(r"\d+\.\d{1,2}", written.strip()))


def parse_amount(written: str) -> Decimal:
    """The value of a number with scale words: "hơn" is not part of it.

    "1,2 tỷ" → 1 200 000 000; "1 tỷ 200 triệu" → 1 200 000 000; "500.000" → 500 000.
    """
    total = Decimal(0)
    found = False
    pattern = re.compile(rf"({NUMBER})(?:\s*({SCALE}))?")
    for match in pattern.finditer(written.lower()):
        found = True
        value = parse_number(match.group(1))
        scale = match.group(2)
        total += value * SCALES[scale] if scale else value
    if not found:
        raise ValueError(f"no number in {written!r}")
    return total


def plain(value: Decimal, *, keep_decimal: bool = False) -> int | float:
    """``value`` as an int when it is whole (unless its decimals were written), else a float."""
    if value == value.to_integral_value() and not keep_decimal:
        return int(value)
    return float(value)
