"""Quantities: a number, a unit word and the item counted ("9 con bò nái").

Only written digits count; vague amounts ("hàng nghìn suất quà") are left out, and so are
numbers that are money, dates, percentages, ordinals or document numbers. A qualifier
("hơn 51 km", "khoảng 600 người") belongs to the text but not to the value. A count in
parentheses right after another ("1,5 ha cam Khe Mây (600 cây)") counts the same item.
"a/b lượt" gives two counts, never a fraction.
"""

from __future__ import annotations

import re

from .money import QUALIFIER
from .numbers import NUMBER, VAGUE_BEFORE, has_decimals, parse_number, plain
from .text import Document, Occupancy

# Unit words, lower-case → (unit, whether the word is itself the thing counted).
# Measures and classifiers count what follows them ("1,5 ha cam", "9 con bò");
# nouns count themselves ("600 người dân", "100 hộ dân").
UNITS: dict[str, tuple[str, bool]] = {
    # measures
    "ha": ("ha", False), "héc-ta": ("ha", False), "hécta": ("ha", False), "hecta": ("ha", False),
    "kg": ("kg", False), "ki-lô-gam": ("kg", False), "kilôgam": ("kg", False),
    "tấn": ("tấn", False), "tạ": ("tạ", False), "km": ("km", False), "cây số": ("km", False),
    "m2": ("m2", False), "m²": ("m2", False), "m3": ("m3", False), "m³": ("m3", False),
    "mét": ("m", False), "m": ("m", False), "lít": ("lít", False),
    # classifiers
    "con": ("con", False), "cây": ("cây", False), "chiếc": ("chiếc", False), "cái": ("cái", False),
    "bộ": ("bộ", False), "đôi": ("đôi", False), "suất": ("suất", False), "phần": ("phần", False),
    "túi": ("túi", False), "thùng": ("thùng", False), "bao": ("bao", False), "gói": ("gói", False),
    "hộp": ("hộp", False), "chai": ("chai", False), "tấm": ("tấm", False), "cuốn": ("cuốn", False),
    "quyển": ("quyển", False), "viên": ("viên", False), "liều": ("liều", False), "lọ": ("lọ", False),
    "căn": ("căn", False), "ngôi": ("ngôi", False), "bình": ("bình", False), "cặp": ("cặp", False),
    "lượt": ("lượt", False), "em": ("em", False), "tủ": ("tủ", True), "máy": ("máy", True),
    # nouns that count themselves
    "người": ("người", True), "hộ": ("hộ", True), "học sinh": ("học sinh", True),
    "sinh viên": ("sinh viên", True), "cán bộ": ("cán bộ", True), "chiến sĩ": ("chiến sĩ", True),
    "giáo viên": ("giáo viên", True), "y bác sĩ": ("y bác sĩ", True), "bác sĩ": ("bác sĩ", True),
    "bệnh nhân": ("bệnh nhân", True), "trẻ em": ("trẻ em", True), "cháu": ("cháu", True),
    "gia đình": ("gia đình", True), "hội viên": ("hội viên", True), "đoàn viên": ("đoàn viên", True),
    "nhân khẩu": ("nhân khẩu", True), "khẩu": ("khẩu", True), "cột mốc": ("cột mốc", True),
    "mốc": ("mốc", True), "cọc dấu": ("cọc dấu", True), "công trình": ("công trình", True),
    "phòng học": ("phòng học", True), "ngôi nhà": ("ngôi nhà", True), "căn nhà": ("căn nhà", True),
    "chuyến": ("chuyến", True), "cuộc": ("cuộc", True), "buổi": ("buổi", True), "đợt": ("đợt", True),
    "lớp": ("lớp", True), "học bổng": ("học bổng", True), "chỉ tiêu": ("chỉ tiêu", True),
    "xe": ("xe", True), "vụ": ("vụ", True), "nhà": ("nhà", True), "công dân": ("công dân", True),
    "đối tượng": ("đối tượng", True), "bánh": ("bánh", False),
}
UNIT = "(?:" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + ")"
# A counting word right after a number: lets the date reader leave "12/60 lượt" alone.
UNIT_AFTER = re.compile(rf"\s*{UNIT}(?![\w²³])")

_QUANTITY = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<a>{NUMBER})(?:\s*/\s*(?P<b>\d+(?:[.,]\d+)*))?"
    rf"(?:\s*(?P<scale>nghìn|ngàn|triệu))?\s*(?P<unit>{UNIT})(?![\w²³])"
)
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
# A word right before the number that makes it an ordinal, an identifier or a time.
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:số|thứ|điều|khoản|bài|khóa|khoá|lộ|năm|tháng|ngày|giờ|lúc|phòng|mốc|đội|đoàn|"
    r"tiểu đoàn|đồn|km|quốc lộ|tỉnh lộ|chương|mục|tập)|[#№])\s*$"
)
# Words that end the item after a unit.
_ITEM_STOP = frozenset(
    "và cho của tại trị với để nhằm được đến tới ở trên thuộc gồm hiện đã sẽ đang cùng từ theo trong "
    "là có các những này đó mỗi bằng như vào ra về nên thì nhưng hoặc hay cũng rất đều giúp nhân dịp "
    "trao tặng hỗ trồng cấp với tổng tương tham nhận đạt bị đi sang dự".split()
)
_ITEM_WORD = re.compile(r"[ \t]+([^\W_][\w\-'’]*)")
_MAX_ITEM_WORDS = 5


def find_quantities(doc: Document, taken: Occupancy) -> list[dict]:
    """Counts and measures in the main article; ``taken`` holds the money and date offsets."""
    low = doc.lower[: doc.main_end]
    items: list[dict] = []
    for match in _QUANTITY.finditer(low):
        start = match.start("qual") if match.group("qual") else match.start("a")
        if not taken.free(start, match.end()):
            continue
        before = low[max(0, match.start("a") - 15): match.start("a")]
        if VAGUE_BEFORE.search(before) or _NOT_A_COUNT_BEFORE.search(before):
            continue
        unit, counts_itself = UNITS[match.group("unit")]
        item_start, item_end = _item(doc, match.end())
        end = item_end if item_end > item_start else match.end()
        if counts_itself:
            item_start = match.start("unit")
            item_end = max(item_end, match.end())
        item = doc.text[item_start:item_end] if item_end > item_start else ""
        if not item:
            item = _item_in_parentheses(doc, low, start, items)
        numbers = [match.group("a")] + ([match.group("b")] if match.group("b") else [])
        for written in numbers:
            value = parse_number(written) * _SCALES.get(match.group("scale") or "", 1)
            items.append(
                {
                    **doc.item(start, end),
                    "value": plain(value, keep_decimal=has_decimals(written)),
                    "unit": unit,
                    "item": item,
                    "_at": (start, end),
                }
            )
    return items


def _item(doc: Document, pos: int) -> tuple[int, int]:
    """The words after a unit that name what is counted, up to a stop word or sign."""
    start = end = pos
    count = 0
    while count < _MAX_ITEM_WORDS:
        match = _ITEM_WORD.match(doc.text, end)
        if not match or match.group(1).lower() in _ITEM_STOP:
            break
        if count == 0:
            start = match.start(1)
        end = match.end()
        count += 1
    return start, end


def _item_in_parentheses(doc: Document, low: str, start: int, items: list[dict]) -> str:
    """"(600 cây)" right after another quantity counts that quantity's item."""
    if not items or not low[:start].rstrip().endswith("("):
        return ""
    previous_end = items[-1]["_at"][1]
    between = low[previous_end:start]
    return items[-1]["item"] if re.fullmatch(r"\s*\(\s*", between) else ""
