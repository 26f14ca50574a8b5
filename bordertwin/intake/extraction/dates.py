"""Dates: the event's date and the dates of documents signed or cited.

Forms read: "ngày 25/6/2022", "chiều 22/6", "Sáng 22.6", "Ngày 12-12", "tháng 6/2024",
"tháng 6 năm 2024", "ngày 25 tháng 6 năm 2022", "20-21/6/2016", "Từ ngày 20 đến 22/6".
Traps: "(2/9)" after "Quốc khánh" is a holiday, not the event; "12/60 lượt" is two
counts; "34/CT-BTL" is a document number; "6/2024" is a month.

A date written without its year takes the year of the same day or month written in full
elsewhere in the main article, else the year of ``document_date`` (the previous year when
the date would fall more than a month after it, the next year for a date said to come,
"tháng 9 tới"), else the year the article says it is written in ("6 tháng đầu năm 2024");
otherwise the year stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from .text import Document, Occupancy

# Words right before a date that make it one, and which tell a time of day.
_TIME_CUE = re.compile(r"(?:rạng sáng|sáng|chiều|tối|trưa|đêm)(?:\s+(?:hôm\s+)?(?:nay|qua|mai))?\s*(?:ngày\s*)?[,(]?\s*$")
_DAY_CUE = re.compile(r"(?:ngày|hôm|từ|đến|tới|vào|dịp|đầu|cuối|giữa)\s*$")
# Holidays and anniversaries: a date after these names a day, not the event.
_REFERENCE = re.compile(
    r"(?:quốc khánh|kỷ niệm|kỉ niệm|giải phóng|ngày thành lập|ngày truyền thống|đại lễ|dịp lễ|"
    r"tết độc lập|ngày sinh|thương binh|liệt sĩ|chiến thắng|quốc tế lao động|ngày hội)[^.;\n]{0,60}$"
)
# Words of an event being reported.
_EVENT_WORDS = re.compile(
    r"\b(?:diễn ra|tổ chức|hội đàm|hội nghị|hội thảo|buổi lễ|lễ ký|lễ kết nghĩa|ký kết|kí kết|khai mạc|"
    r"bế mạc|tiến hành|làm việc|đến thăm|sang thăm|thăm và|trao tặng|bàn giao|tuần tra)\b"
)
# Legal instruments: a date right after them is the instrument's date.
_INSTRUMENT = re.compile(
    r"(?:hiệp định|nghị định thư|hiệp ước|công ước|chỉ thị|quyết định|nghị quyết|thông tư|"
    r"công văn|thỏa thuận|thoả thuận|luật)[^.;\n]{0,160}$"
)
# "tháng 9 tới", "ngày 15/8 sắp tới": a date ahead, never the event reported.
_FUTURE_AFTER = re.compile(r"\s*(?:tới|sắp tới|tới đây|năm sau|năm tới)\b")
_SIGN = re.compile(r"(?<!thư )(?<!đăng )\bk[ýí](?:\s+kết)?\b(?!\s+(?:ức|hiệu|sự|giả|túc|tên))")
# Kinds of signed documents, the most specific first.
AGREEMENT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("memorandum", re.compile(r"(?:biên bản\s+|bản\s+)?ghi nhớ|\bmou\b")),
    ("regulation", re.compile(r"quy chế|qui chế")),
    ("agreement", re.compile(r"thỏa thuận|thoả thuận|hiệp định|nghị định thư|hiệp ước")),
    ("plan", re.compile(r"kế hoạch|chương trình hành động")),
    ("minutes", re.compile(r"biên bản(?!\s+ghi nhớ)")),
)
# Publication stamps in the page ("Thứ Bảy, 22/06/2024 17:30"): never the event.
_STAMP_LINE = re.compile(
    r"^[^\n]{0,40}(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|cập nhật|đăng lúc|ngày đăng|gmt)"
    r"|\d{1,2}[:h]\d{2}\s*(?:\(gmt|$)",
    re.M,
)
# Phrases that tell the year of writing: "6 tháng đầu năm 2024", "từ đầu năm 2024 đến nay".
_NOW_YEAR = re.compile(
    r"(?:\d+|sáu|chín)\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})"
    r"|đầu\s+năm\s+(\d{4})\s+(?:đến nay|tới nay)"
    r"|quý\s+(?:i{1,3}|iv|[1-4])\s*(?:/|năm)\s*(\d{4})"
    r"|năm\s+(\d{4})\s+(?:đến nay|tới nay)"
)
# A stored line giving the document date ("date 2024-06", "date: 2024-06-22").
_DATE_LINE = re.compile(r"^\s*(?:date|published|ngày đăng)\s*[:=]?\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$", re.M)

_NOT_AFTER = r"(?!\s*[/.]\s*\d)(?!\s*/\s*[^\W\d])(?!\d)(?!\s*%)(?!,\d)"
_NOT_BEFORE = r"(?<![\d/.,])"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("words", re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm\s+|,\s*)(?P<y>\d{4}))?(?!\d)")),
    ("range_from", re.compile(
        rf"từ\s+(?:ngày\s+)?(?P<d>\d{{1,2}})(?:\s*/\s*(?P<m0>\d{{1,2}}))?\s+(?:đến|tới)\s+(?:ngày\s+)?"
        rf"\d{{1,2}}\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_AFTER}")),
    ("range", re.compile(
        rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*[-–]\s*\d{{1,2}}\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_AFTER}")),
    ("dmy", re.compile(rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<y>\d{{4}})(?!\d)(?!\s*/\s*[^\W\d])")),
    ("month_year", re.compile(r"(?:tháng\s+)(?P<m>\d{1,2})\s*(?:[/-]|\s+năm\s+)\s*(?P<y>\d{4})(?!\d)(?!\s*/\s*[^\W\d])")),
    ("month_year_bare", re.compile(rf"{_NOT_BEFORE}(?P<m>\d{{1,2}})\s*/\s*(?P<y>(?:19|20)\d{{2}})(?!\d)(?!\s*/\s*[^\W\d])")),
    ("dm", re.compile(rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}}){_NOT_AFTER}")),
    ("dm_dot", re.compile(rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*[.-]\s*(?P<m>\d{{1,2}}){_NOT_AFTER}")),
    ("month", re.compile(r"tháng\s+(?P<m>\d{1,2})(?![\d/.,]|\s*năm|\s*-\s*\d)")),
)
# How far from a date, within its sentence, its event or signing words are looked for.
_REACH = 200
# Forms that are dates only after a cue word ("Sáng 22.6", "Ngày 12-12").
_NEEDS_CUE = {"dm_dot", "range"}


@dataclass
class DateMention:
    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    cue: str  # time | day | month | paren | none
    reference: bool = False
    citation: bool = False
    stamp: bool = False
    future: bool = False

    def value(self, year: int | None = None) -> str | None:
        year = self.year if self.year is not None else year
        if year is None:
            return None
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        return f"{year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(day: int | None, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or (year is not None and not 1900 <= year <= 2100):
        return False
    if day is None:
        return True
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def find_dates(doc: Document, unit_after: re.Pattern[str] | None = None) -> list[DateMention]:
    """Every date written in the main article, in order, without overlaps.

    ``unit_after`` matches a counting word: "12/60 lượt" is then two counts, not a date.
    """
    low = doc.lower[: doc.main_end]
    taken = Occupancy(len(low))
    found: list[DateMention] = []
    stamps = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", low) if len(m.group()) < 90 and _STAMP_LINE.search(m.group())]
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(low):
            start, end = match.span()
            if not taken.free(start, end):
                continue
            groups = match.groupdict()
            day = int(groups["d"]) if groups.get("d") else None
            month = int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else None
            if not _valid(day, month, year):
                continue
            if unit_after is not None and unit_after.match(low, end):
                continue
            before = low[max(0, start - 40): start]
            cue = _cue(kind, before, low, end)
            if kind in _NEEDS_CUE and cue in ("none", "paren"):
                continue
            if kind == "dm" and cue == "none" and not re.search(r"[,(]\s*$|^\s*$", before[-3:]):
                continue
            mention = DateMention(start, end, day, month, year, cue)
            mention.reference = bool(_REFERENCE.search(low[max(0, start - 80): start]))
            mention.citation = bool(re.search(r"(?:ngày|ký|số)\s*$", before)) and bool(
                _INSTRUMENT.search(low[max(0, start - 170): start])
            )
            mention.stamp = any(s <= start < e for s, e in stamps)
            mention.future = bool(_FUTURE_AFTER.match(low, end))
            taken.take(start, end)
            found.append(mention)
    found.sort(key=lambda m: m.start)
    return found


def _cue(kind: str, before: str, low: str, end: int) -> str:
    if _TIME_CUE.search(before):
        return "time"
    if kind in ("words", "range_from") or _DAY_CUE.search(before):
        return "day"
    if kind in ("month_year", "month"):
        return "month"
    if before.endswith("(") and low[end: end + 1] == ")":
        return "paren"
    return "none"


def document_date_from_text(doc: Document) -> dt.date | None:
    """The date given by a stored "date YYYY-MM[-DD]" line, if the text has one."""
    match = _DATE_LINE.search(doc.lower)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    return dt.date(year, month, day) if _valid(day, month, year) else None


def current_year_hint(doc: Document) -> int | None:
    """The year the article is written in, when it says so ("6 tháng đầu năm 2024",
    "từ đầu năm 2024 đến nay", "năm 2024 đến nay")."""
    years = [int(next(g for g in m.groups() if g)) for m in _NOW_YEAR.finditer(doc.lower, 0, doc.main_end)]
    return max(years) if years else None


def resolve_year(
    mention: DateMention, mentions: list[DateMention], document_date: dt.date | None, current_year: int | None = None
) -> int | None:
    """The year of ``mention``: its own, one written for the same day or month, the
    document date's, or the year the article says it is written in."""
    if mention.year is not None:
        return mention.year
    for other in mentions:
        if other.year is None or other.stamp or other.reference or other.month != mention.month:
            continue
        if mention.day is None or other.day in (None, mention.day):
            return other.year
    if document_date is None:
        return current_year
    year = document_date.year
    candidate = dt.date(year, mention.month, min(mention.day or 1, 28))  # 29/2 has no year yet
    if mention.future and candidate < document_date - dt.timedelta(days=31):
        year += 1
    elif not mention.future and candidate > document_date + dt.timedelta(days=31):
        year -= 1
    return year


def pick_event_date(doc: Document, mentions: list[DateMention], document_date: dt.date | None) -> tuple[dict | None, list[str]]:
    """The date of the event the article reports, with notes on what was left out."""
    notes: list[str] = []
    usable = [m for m in mentions if not (m.reference or m.stamp or m.citation or m.future)]
    chosen = next((m for m in usable if m.cue == "time"), None)
    if chosen is None:
        for mention in usable:
            start, end = doc.around(mention.start, mention.end, _REACH)
            if _EVENT_WORDS.search(doc.lower, start, end):
                chosen = mention
                break
    if chosen is None:
        chosen = next((m for m in usable if m.cue != "none"), None)
    if chosen is None:
        return None, notes
    year = resolve_year(chosen, mentions, document_date, current_year_hint(doc))
    text_item = doc.item(chosen.start, chosen.end)
    if year is None:
        notes.append(f"event date {text_item['text']!r} found but its year is unknown; give the document date")
        return None, notes
    return {"value": chosen.value(year), **text_item}, notes


def agreement_dates(doc: Document, mentions: list[DateMention], document_date: dt.date | None) -> tuple[list[dict], list[str]]:
    """Dates tied in their sentence to signing words or to a signed document."""
    notes: list[str] = []
    result: list[dict] = []
    seen: set[tuple[str, str]] = set()
    current_year = current_year_hint(doc)
    low = doc.lower
    signs = [m.span() for m in _SIGN.finditer(low, 0, doc.main_end)]
    nouns = sorted((*m.span(), kind) for kind, pattern in AGREEMENT_KINDS for m in pattern.finditer(low, 0, doc.main_end))
    for mention in mentions:
        if mention.reference or mention.stamp or doc.sentence_at(mention.start) is None:
            continue
        start, end = doc.around(mention.start, mention.end, _REACH)
        kind = _agreement_kind(low, _within(signs, start, end), _within(nouns, start, end), mention)
        if kind is None:
            continue
        year = resolve_year(mention, mentions, document_date, current_year)
        value = mention.value(year)
        if value is None:
            notes.append(f"agreement date {doc.item(mention.start, mention.end)['text']!r} has no known year")
            continue
        if (value, kind) in seen:
            continue
        seen.add((value, kind))
        result.append({"value": value, **doc.item(mention.start, mention.end), "kind": kind})
    return result, notes


def _within(spans: list, start: int, end: int) -> list:
    """The spans (sorted by start) that lie inside ``[start, end)``."""
    first = bisect_left(spans, (start,))
    return [span for span in spans[first: bisect_left(spans, (end,))] if span[1] <= end]


def _agreement_kind(low: str, signs: list, nouns: list, mention: DateMention) -> str | None:
    """The kind of document the date belongs to, or None when it belongs to none."""
    signed = any(_distance(span, mention) <= 160 for span in signs)
    candidates: list[tuple[int, str, tuple[int, int]]] = []
    for noun_start, noun_end, kind in nouns:
        close_before = noun_end <= mention.start and mention.start - noun_end <= 80
        if signed or close_before:
            candidates.append((_distance((noun_start, noun_end), mention), kind, (noun_start, noun_end)))
    if candidates:
        _, kind, nearest = min(candidates, key=lambda c: c[0])
        # "Hiệp định về Quy chế …": the document is the first noun, the second its subject.
        for _, other_kind, other in candidates:
            if other[1] <= nearest[0] and re.fullmatch(r"\s+về\s+", low[other[1]: nearest[0]]):
                return other_kind
        return kind
    return "other" if signed else None


def _distance(span: tuple[int, int], mention: DateMention) -> int:
    if span[1] <= mention.start:
        return mention.start - span[1]
    if span[0] >= mention.end:
        return span[0] - mention.end
    return 0
