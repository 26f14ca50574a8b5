"""Dates: the event's date and the dates of documents signed or cited.

Forms read: "ngày 25/6/2022", "chiều 22/6", "Sáng 22.6", "Ngày 12-12", "tháng 6/2024",
"tháng 6 năm 2024", "ngày 25 tháng 6 năm 2022", "20-21/6/2016", "Từ ngày 20 đến 22/6".
Traps: "(2/9)" after "Quốc khánh" is a holiday, not the event; "12/60 lượt" is two
counts; "34/CT-BTL" is a document number; "6/2024" is a month.

A date written without its year takes the year of ``document_date`` (the previous year
when the date would fall more than a month after it, the next year for a date said to
come, "tháng 9 tới"). The document date is the one given (upload, ``--date``), else the
page's own: a stored "date YYYY-MM-DD" line, a date line or byline at the top or at the
end of the article ("Thứ Sáu, 01/11/2024 - 07:45", "Văn Thành - 19/09/2023"). Without
one, the year comes from the same day and month written in full elsewhere, from the same
month written with the article's latest year, or from the year the article says it is
written in ("6 tháng đầu năm 2024"); never from an older year in the body ("kết nghĩa từ
năm 2017"). Otherwise the event date is left unknown and its day and month are kept as a
partial date ("--06-22").

A range ("28–31/10/2025", "từ ngày 28 đến 31/10") gives its first day as the event date
and keeps its last day as ``end``.

Agreement dates are dates tied to a signing ("ký kết … ngày 25/6/2022", "Biên bản ghi nhớ
ký ngày …") or to a twinning ("kết nghĩa từ tháng 4/2008"); a document signed at the
event without a date of its own ("Cuối buổi, hai bên ký Kế hoạch phối hợp năm 2025")
takes the event's date. Each has a kind: memorandum, minutes, regulation, plan,
agreement, or other; "biên bản" that records a regulation or a plan
("biên bản các nội dung của quy chế kết nghĩa") takes the kind of what it records.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from .numbers import led_by_digits, main_digit_runs
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
# "sẽ ký", "dự kiến ký": a signing still to come.
_FUTURE_BEFORE = re.compile(r"(?:sẽ|dự kiến|chuẩn bị|tiến tới|hướng tới)\s+(?:cùng\s+)?$")
_SINCE_BEFORE = re.compile(r"\b(?:từ|kể từ|trước|sau)\s*$")
# "tháng 9 tới", "ngày 15/8 sắp tới": a date ahead, never the event reported.
_FUTURE_AFTER = re.compile(r"\s*(?:tới|sắp tới|tới đây|năm sau|năm tới)\b")
# Look-behinds come after the first letter, so the search jumps from "k" to "k".
_SIGN = re.compile(r"k[ýí](?<!thư k[ýí])(?<!đăng k[ýí])(?<!\wk[ýí])(?:\s+kết)?\b(?!\s+(?:ức|hiệu|sự|giả|túc|tên))")
# Twinning established at a date: "kết nghĩa từ tháng 4/2008", "kết nghĩa năm 2008".
_TWINNED = re.compile(r"kết nghĩa(?:\s+(?:với|từ|vào|ngày|năm|tháng|chính thức|nhau))")
# Kinds of signed documents, the most specific first.
AGREEMENT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("memorandum", re.compile(r"biên bản\s+ghi nhớ|bản\s+ghi nhớ|ghi nhớ|mou(?<!\wmou)\b")),
    ("regulation", re.compile(r"quy chế|qui chế")),
    ("agreement", re.compile(r"thỏa thuận|thoả thuận|hiệp định|nghị định thư|hiệp ước")),
    ("plan", re.compile(r"kế hoạch|chương trình hành động")),
    ("minutes", re.compile(r"biên bản(?!\s+ghi nhớ)")),
)
# Every kind in one search: the kind is the name of the group that matched.
_DOCUMENT_NOUN = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in AGREEMENT_KINDS))
# The same alternatives, in the same order, without the groups: ``re`` then skips to where one
# of their first letters is written instead of trying every offset (three times faster on a
# long page); the named pattern is matched only where this one matched, and matches the same.
_DOCUMENT_NOUN_AT = re.compile("|".join(pattern.pattern for _, pattern in AGREEMENT_KINDS))
# A generic record ("biên bản") whose subject follows closely takes the subject's kind.
_RECORD_OF = re.compile(r"biên bản(?:\s+[^\s.;,]+){0,5}?\s+(?:của|về)\s+(?:(?:các|những)\s+)?$")
# A signing at the event itself: the sign, then the document it signs, with no date of its own.
_SIGNED_HERE = re.compile(
    r"(?:k[ýí](?:\s+kết)?|thông qua|thống nhất)\s+(?:(?:bản|văn bản|các văn bản)\s+)?"
    r"(?=(?:biên bản|bản ghi nhớ|ghi nhớ|quy chế|qui chế|kế hoạch|thỏa thuận|thoả thuận|chương trình hợp tác))"
)
# Before a signing at the event: words that make it an older document being carried out.
_CARRIED_OUT = re.compile(r"(?:thực hiện|theo|căn cứ|triển khai|kết quả)\s+(?:(?!và\s)[^\s.;,]+\s+){0,3}$")
# How close before a date a twinning must end to date it ("kết nghĩa từ tháng 4/2008").
_TWINNED_REACH = 25
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
_NOW_YEAR_REACH = 40  # characters either side of its year that such a phrase spans
# A stored line giving the document date ("date 2024-06", "date: 2024-06-22").
_DATE_LINE = re.compile(r"^\s*(?:date|published|ngày đăng)\s*[:=]?\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$", re.M)

_NOT_AFTER = r"(?!\s*[/.]\s*\d)(?!\s*/\s*[^\W\d])(?!\d)(?!\s*%)(?!,\d)"
_NOT_BEFORE = r"(?<![\d/.,])"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("words", re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm\s+|,\s*)(?P<y>\d{4}))?(?!\d)")),
    ("range_from", re.compile(
        rf"từ\s+(?:ngày\s+)?(?P<d>\d{{1,2}})(?:\s*/\s*(?P<m0>\d{{1,2}}))?\s*(?:đến|tới|[-–])\s*(?:ngày\s+)?"
        rf"(?P<d2>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_AFTER}")),
    ("range", re.compile(
        rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})(?:\s*/\s*(?P<m0>\d{{1,2}}))?\s*[-–]\s*(?P<d2>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})"
        rf"(?:\s*/\s*(?P<y>\d{{4}}))?{_NOT_AFTER}")),
    ("dmy", re.compile(rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<y>\d{{4}})(?!\d)(?!\s*/\s*[^\W\d])")),
    ("month_year", re.compile(r"(?:tháng\s+)(?P<m>\d{1,2})\s*(?:[/-]|\s+năm\s+)\s*(?P<y>\d{4})(?!\d)(?!\s*/\s*[^\W\d])")),
    ("month_year_bare", re.compile(rf"{_NOT_BEFORE}(?P<m>\d{{1,2}})\s*/\s*(?P<y>(?:19|20)\d{{2}})(?!\d)(?!\s*/\s*[^\W\d])")),
    ("dm", re.compile(rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}}){_NOT_AFTER}")),
    ("dm_dot", re.compile(rf"{_NOT_BEFORE}(?P<d>\d{{1,2}})\s*[.-]\s*(?P<m>\d{{1,2}}){_NOT_AFTER}")),
    ("month", re.compile(r"tháng\s+(?P<m>\d{1,2})(?![\d/.,]|\s*năm|\s*-\s*\d)")),
)
# Forms that start with the day's or month's digits.
_DIGIT_LED = {"range", "dmy", "month_year_bare", "dm", "dm_dot"}
# How far from a date, within its sentence, its event or signing words are looked for.
_REACH = 200
# Forms that are dates only after a cue word ("Sáng 22.6", "Ngày 12-12"); a range with its
# year ("28–31/10/2025") needs none.
_NEEDS_CUE = {"dm_dot", "range"}
# A line that only dates the page: a byline or a time stamp ("Hồng Nhung | 15:20 | 12/12/2023").
_FULL_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?!\d)|\(?gmt[+\-\d: ]*\)?|\b[ap]m\b")
_PAGE_LINE_WORDS = 8  # a byline or stamp has few words besides its date and time
_PAGE_LINES = 3  # the lines at the end of the article that may date the page
_TOP_LINES = 8  # the short lines above the lead that may date the page


@dataclass
class DateMention:
    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    cue: str  # time | day | month | paren | none
    end_day: int | None = None  # the last day of a range
    start_month: int | None = None  # "từ 28/9 đến 2/10": the first day's own month
    reference: bool = False
    citation: bool = False
    stamp: bool = False
    future: bool = False
    since: bool = False  # "từ tháng 10/2017": a start long before, never the year of the event

    def value(self, year: int | None = None) -> str | None:
        year = self.year if self.year is not None else year
        if year is None:
            return None
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        month = self.start_month or self.month
        if month > self.month:  # "từ 28/12 đến 2/1/2025" starts the year before
            year -= 1
        return f"{year:04d}-{month:02d}-{self.day:02d}"

    def end_value(self, year: int | None = None) -> str | None:
        """The last day of a range, or None."""
        year = self.year if self.year is not None else year
        if year is None or self.end_day is None:
            return None
        return f"{year:04d}-{self.month:02d}-{self.end_day:02d}"

    def partial(self) -> str | None:
        """The day and month without a year, in ISO 8601's form: "--06-22"."""
        if self.day is None:
            return None
        return f"--{self.start_month or self.month:02d}-{self.day:02d}"


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
        for match in (led_by_digits(pattern, low, main_digit_runs(doc)) if kind in _DIGIT_LED else pattern.finditer(low)):
            start, end = match.span()
            if not taken.free(start, end):
                continue
            groups = match.groupdict()
            day = int(groups["d"]) if groups.get("d") else None
            month = int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else None
            end_day = int(groups["d2"]) if groups.get("d2") else None
            start_month = int(groups["m0"]) if groups.get("m0") else None
            if not _valid(day, start_month or month, year) or (end_day is not None and not _valid(end_day, month, year)):
                continue
            if end_day is not None and day is not None and start_month is None and end_day < day:
                continue  # "28-3/10" is not a range of one month
            if unit_after is not None and unit_after.match(low, end):
                continue
            before = low[max(0, start - 40): start]
            cue = _cue(kind, before, low, end)
            if kind in _NEEDS_CUE and cue in ("none", "paren") and not (kind == "range" and year):
                continue
            if kind == "dm" and cue == "none" and not re.search(r"[,(]\s*$|^\s*$", before[-3:]):
                continue
            mention = DateMention(start, end, day, month, year, cue, end_day, start_month)
            mention.reference = bool(_REFERENCE.search(low[max(0, start - 80): start]))
            mention.citation = bool(re.search(r"(?:ngày|ký|số)\s*$", before)) and bool(
                _INSTRUMENT.search(low[max(0, start - 170): start])
            )
            mention.stamp = any(s <= start < e for s, e in stamps)
            mention.future = bool(_FUTURE_AFTER.match(low, end))
            mention.since = bool(_SINCE_BEFORE.search(before))
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
    """The page's own date: a stored "date YYYY-MM[-DD]" line, else a line that only dates
    the page (a time stamp, a byline with its date) among the first or last lines of the
    article."""
    match = _DATE_LINE.search(doc.lower)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
        return dt.date(year, month, day) if _valid(day, month, year) else None
    paragraphs = doc.paragraphs
    top = []
    for para in paragraphs[:_TOP_LINES]:
        if para.end - para.start > 160:
            break  # the lead: the page's own lines are above it
        top.append(para)
    for para in top + paragraphs[-_PAGE_LINES:]:
        found = _page_date(doc.lower[para.start: para.end])
        if found is not None:
            return found
    return None


def _page_date(line: str) -> dt.date | None:
    """The date of a line that only dates the page: "Thứ Sáu, 01/11/2024 - 07:45",
    "Hồng Nhung | 15:20 | 12/12/2023", "Văn Thành - 19/09/2023"."""
    if len(line) > 100 or _EVENT_WORDS.search(line):
        return None
    dates = list(_FULL_DATE.finditer(line))
    if len(dates) != 1:
        return None
    rest = _CLOCK.sub(" ", line[: dates[0].start()] + " " + line[dates[0].end():])
    if re.search(r"\d", rest) or len(re.findall(r"\w+", rest)) > _PAGE_LINE_WORDS:
        return None
    day, month, year = (int(dates[0].group(g)) for g in ("d", "m", "y"))
    return dt.date(year, month, day) if _valid(day, month, year) else None


def current_year_hint(doc: Document) -> int | None:
    """The year the article is written in, when it says so ("6 tháng đầu năm 2024",
    "từ đầu năm 2024 đến nay", "năm 2024 đến nay")."""
    return doc.remember("current_year", lambda: _latest_now_year(doc))


def _latest_now_year(doc: Document) -> int | None:
    # Every phrase holds a year: it is looked for only around the runs of four digits.
    low, years = doc.lower, []
    for run in main_digit_runs(doc):
        if low[run: run + 4].isdigit():
            window = _NOW_YEAR.finditer(low, max(0, run - _NOW_YEAR_REACH), min(doc.main_end, run + _NOW_YEAR_REACH))
            years += [int(next(g for g in found.groups() if g)) for found in window]
    return max(years) if years else None


def resolve_year(
    mention: DateMention, mentions: list[DateMention], document_date: dt.date | None, current_year: int | None = None
) -> int | None:
    """The year of ``mention``: its own, the document date's, one written for the same day
    (or the same month, in the article's latest year), or the year the article says it is
    written in."""
    if mention.year is not None:
        return mention.year
    if document_date is None:
        dated = [m for m in mentions if m.year is not None and not (m.stamp or m.reference)]
        latest = max((m.year for m in dated if m.year is not None), default=None)
        same_day = [m.year for m in dated if m.month == mention.month and m.day == mention.day and mention.day]
        if same_day:
            return same_day[0]
        if any(m.month == mention.month and m.day is None and m.year == latest and not m.since for m in dated):
            return latest
        return current_year
    year = document_date.year
    candidate = dt.date(year, mention.month, min(mention.day or 1, 28))  # 29/2 has no year yet
    if mention.future and candidate < document_date - dt.timedelta(days=31):
        year += 1
    elif not mention.future and candidate > document_date + dt.timedelta(days=31):
        year -= 1
    return year


def pick_event_date(
    doc: Document, mentions: list[DateMention], document_date: dt.date | None
) -> tuple[dict | None, dict | None, list[str]]:
    """``(event_date, partial, notes)``: the date of the event the article reports (with
    ``end`` for a range), or, when its year cannot be known, None and its day and month."""
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
        return None, None, notes
    year = resolve_year(chosen, mentions, document_date, current_year_hint(doc))
    text_item = doc.item(chosen.start, chosen.end)
    if year is None:
        notes.append(f"event date {text_item['text']!r} found but its year is unknown; give the document date")
        partial = chosen.partial()
        return None, ({"value": partial, **text_item} if partial else None), notes
    item = {"value": chosen.value(year), **text_item}
    if chosen.end_day is not None:
        item["end"] = chosen.end_value(year)
    return item, None, notes


# How specific each kind is: a date given two kinds keeps the most specific.
_KIND_RANK = {"regulation": 5, "memorandum": 4, "plan": 3, "agreement": 2, "minutes": 1, "other": 0}


def agreement_dates(
    doc: Document, mentions: list[DateMention], document_date: dt.date | None, event: dict | None = None
) -> tuple[list[dict], list[str]]:
    """Dates tied in their sentence to signing words, a signed document or a twinning; and
    the event's date for a document signed at the event without a date of its own."""
    notes: list[str] = []
    found: dict[str, dict] = {}
    current_year = current_year_hint(doc)
    low = doc.lower
    signs = [m.span() for m in _SIGN.finditer(low, 0, doc.main_end)]
    twinnings = [m.end() for m in _TWINNED.finditer(low, 0, doc.main_end)]
    nouns = [(*m.span(), _document_kind(low, m.start(), doc.main_end)) for m in _DOCUMENT_NOUN_AT.finditer(low, 0, doc.main_end)]
    own = [m for m in mentions if not (m.reference or m.stamp)]
    for mention in mentions:
        if mention.reference or mention.stamp or doc.sentence_at(mention.start) is None:
            continue
        start, end = doc.around(mention.start, mention.end, _REACH)
        kind = _agreement_kind(
            low, _nearest(_within(signs, start, end), mention, own), _nearest(_within(nouns, start, end), mention, own), mention
        )
        if kind is None and any(0 <= mention.start - at <= _TWINNED_REACH for at in twinnings):
            kind = "other"
        if kind is None:
            continue
        year = resolve_year(mention, mentions, document_date, current_year)
        value = mention.value(year)
        if value is None:
            notes.append(f"agreement date {doc.item(mention.start, mention.end)['text']!r} has no known year")
            continue
        _keep(found, {"value": value, **doc.item(mention.start, mention.end), "kind": kind})
    if event is not None:
        for kind, at in _signed_at_event(doc, mentions):
            _keep(found, {"value": event["value"], **doc.item(*at), "kind": kind})
    return sorted(found.values(), key=lambda item: item["span"][0]), notes


def _document_kind(low: str, start: int, end: int) -> str | None:
    match = _DOCUMENT_NOUN.match(low, start, end)
    return match.lastgroup if match else None


def _keep(found: dict[str, dict], item: dict) -> None:
    """Keep one item per date: the first, unless a later one names a more specific kind."""
    other = found.get(item["value"])
    if other is None or _KIND_RANK[item["kind"]] > _KIND_RANK[other["kind"]]:
        found[item["value"]] = item if other is None else {**other, "kind": item["kind"]}


def _signed_at_event(doc: Document, mentions: list[DateMention]) -> list[tuple[str, tuple[int, int]]]:
    """Documents the article says were signed at the event, in sentences with no date of their own."""
    low = doc.lower
    dated = {doc.sentence_at(m.start) for m in mentions}
    result = []
    for match in _SIGNED_HERE.finditer(low, 0, doc.main_end):
        sentence = doc.sentence_at(match.start())
        if sentence is None or sentence in dated or sentence.start < doc.title_end:
            continue
        if _CARRIED_OUT.search(low, sentence.start, match.start()) or _FUTURE_BEFORE.search(low, sentence.start, match.start()):
            continue
        noun = _kind_at(low, match.end(), sentence.end)
        if noun is not None:
            result.append(noun)
    return result


def _kind_at(low: str, pos: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The kind of the document named at ``pos``, and its span; a record of another
    document takes that document's kind."""
    best = None
    for kind, pattern in AGREEMENT_KINDS:
        match = pattern.match(low, pos, end)
        if match and (best is None or match.end() > best[1][1]):
            best = (kind, match.span())
    if best is None:
        return None
    if best[0] == "minutes":
        for kind, pattern in AGREEMENT_KINDS:
            inner = pattern.search(low, best[1][1], min(end, best[1][1] + 60))
            if inner and kind != "minutes" and _RECORD_OF.search(low[best[1][0]: inner.start()]):
                return kind, (best[1][0], inner.end())
    return best


def _within(spans: list, start: int, end: int) -> list:
    """The spans (sorted by start) that lie inside ``[start, end)``."""
    first = bisect_left(spans, (start,))
    return [span for span in spans[first: bisect_left(spans, (end,))] if span[1] <= end]


def _nearest(spans: list, mention: DateMention, mentions: list[DateMention]) -> list:
    """The spans no other date is closer to: "hội nghị chiều 14/3 … Biên bản thỏa thuận ký
    tháng 3/2021" gives the signing to March 2021, not to the meeting."""
    return [
        span for span in spans
        if all(_distance(span, other) >= _distance(span, mention) for other in mentions if other is not mention)
    ]


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
