"""Quantities: a number, a unit word and the item counted ("9 con bò nái").

Only written digits count; vague amounts ("hàng nghìn suất quà") are left out, and so are
numbers that are money, dates, percentages, ordinals or document numbers. A qualifier
("hơn 51 km", "khoảng 600 người") belongs to the text but not to the value. A count in
parentheses right after another ("1,5 ha cam Khe Mây (600 cây)") counts the same item.
"a/b lượt" gives two counts, never a fraction. A number glued to the verb before it
("tặng100kg") still counts. A thing given without a classifier ("trao 300 chăn") counts
itself: its word is the unit. Marker numbers ("cột mốc 113/144"), ordinals ("bản thứ 21")
and unit names ("Đại đội 534") are not counts.
"""

from __future__ import annotations

import re

from .money import qualifier_before
from .numbers import NUMBER, VAGUE_BEFORE, has_decimals, led_by_digits, main_digit_runs, parse_number, plain
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
    "căn": ("căn", False), "nóc": ("nóc", False), "ngôi": ("ngôi", False), "bình": ("bình", False), "cặp": ("cặp", False),
    "lượt": ("lượt", False), "em": ("em", False), "tủ": ("tủ", True), "máy": ("máy", True),
    "lần": ("lần", False), "nông dân": ("nông dân", True), "trường học": ("trường học", True),
    "điểm trường": ("điểm trường", True), "lưu học sinh": ("lưu học sinh", True), "hộ dân": ("hộ", True), "bộ đội": ("bộ đội", True),
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
    "đối tượng": ("đối tượng", True), "bánh": ("bánh", False), "học viên": ("học viên", True),
    "đại biểu": ("đại biểu", True), "tình nguyện viên": ("tình nguyện viên", True),
}
UNIT = "(?:" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + ")"
# A counting word right after a number: lets the date reader leave "12/60 lượt" alone.
UNIT_AFTER = re.compile(rf"\s*{UNIT}(?![\w²³])")

# A number glued to the word before it: "tặng100kg".
_GLUED = r"(?<=[^\W\d_]{2})\d+(?:,\d+)?"
_QUANTITY = re.compile(
    rf"(?P<a>{NUMBER}|{_GLUED})(?:\s*/\s*(?P<b>\d+(?:[.,]\d+)*))?"
    rf"(?:\s*(?P<scale>nghìn|ngàn|triệu))?\s*(?P<unit>{UNIT})(?![\w²³])"
)
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
# A word right before the number that makes it an ordinal, an identifier or a time.
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:số|thứ|điều|khoản|bài|khóa|khoá|lộ|năm|tháng|ngày|giờ|lúc|(?<!tiêm )(?<!dự )phòng|mốc|đội|đoàn|"
    r"tiểu đoàn|đồn|km|quốc lộ|tỉnh lộ|chương|mục|tập)|[#№])\s*$"
)
# Verbs of giving: after them, "300 chăn" counts blankets though "chăn" is no unit word.
_GIVING_BEFORE = re.compile(
    r"(?:tặng|trao|trao tặng|hỗ trợ|cấp|cấp phát|ủng hộ|bàn giao|tài trợ|biếu|và|,)\s*$"
)
_BARE_COUNT = re.compile(rf"(?P<a>{NUMBER})\s+(?P<noun>[^\W\d_]+)(?!\w)")
# Words after a number that are never a thing given.
_NOT_A_THING = frozenset(
    "năm tháng ngày giờ phút tuổi lần huyện xã tỉnh bản nước bên địa đơn đồn cụm thôn km ha kg "
    "triệu tỷ tỉ nghìn ngàn đồng usd kíp trăm chục mươi điều khoản nội mục phần tổ đội".split()
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
    for match in led_by_digits(_QUANTITY, low, main_digit_runs(doc)):
        _, start = qualifier_before(low, match.start("a"))
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
        taken.take(start, end)
    items.extend(_things_given(doc, low, taken))
    items.sort(key=lambda found: found["_at"][0])
    return items


def _things_given(doc: Document, low: str, taken: Occupancy) -> list[dict]:
    """"trao 300 chăn": a count after a verb of giving, its noun as unit and item."""
    items = []
    for match in led_by_digits(_BARE_COUNT, low, main_digit_runs(doc)):
        start, end = match.start("a"), match.end()
        noun = match.group("noun")
        if noun in _NOT_A_THING or noun in UNITS or not taken.free(start, end):
            continue
        if not _GIVING_BEFORE.search(low, max(0, start - 20), start) or not doc.text[match.start("noun")].islower():
            continue
        if low[max(0, start - 2): start].strip() in (",", "và") and not _GIVING_BEFORE.search(
            low, max(0, start - 120), start
        ):
            continue
        item_start, item_end = _item(doc, match.start("noun") - 1)
        item_end = max(item_end, end)
        written = match.group("a")
        items.append({
            **doc.item(start, item_end), "value": plain(parse_number(written), keep_decimal=has_decimals(written)),
            "unit": noun, "item": doc.text[match.start("noun"): item_end], "_at": (start, item_end),
        })
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
