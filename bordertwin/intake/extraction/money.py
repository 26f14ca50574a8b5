"""Money: "hơn 1,2 tỷ đồng" → amount 1 200 000 000, currency VND, qualifier more_than.

The text of an item runs from its qualifier to its currency word. Qualifiers follow
DOMAIN.md §7: "hơn"/"trên" = more_than; "khoảng"/"xấp xỉ"/"gần" = approximately;
"dưới" = less_than; none = exact. An amount with a scale word and no currency
("trị giá 1,2 tỷ") counts as VND when a value word such as "trị giá" comes right before.
Amounts are never added up.
"""

from __future__ import annotations

import re

from .numbers import AMOUNT, NUMBER, SCALE, VAGUE_BEFORE, led_by_digits, main_digit_runs, parse_amount, plain
from .text import Document, Occupancy

# Qualifier words, lower-case, and what they mean. Longest first when matching.
QUALIFIERS: dict[str, str] = {
    "hơn": "more_than",
    "trên": "more_than",
    "ít nhất": "more_than",
    "tối thiểu": "more_than",
    "khoảng": "approximately",
    "xấp xỉ": "approximately",
    "gần": "approximately",
    "ước tính": "approximately",
    "ước khoảng": "approximately",
    "ước": "approximately",
    "chừng": "approximately",
    "khoảng chừng": "approximately",
    "dưới": "less_than",
    "chưa đến": "less_than",
    "chưa tới": "less_than",
    "không quá": "less_than",
    "tối đa": "less_than",
}
QUALIFIER = "(?:" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")"

# Currency words, lower-case, and their ISO codes.
CURRENCIES: dict[str, str] = {
    "đồng": "VND",
    "đ": "VND",
    "₫": "VND",
    "vnđ": "VND",
    "vnd": "VND",
    "việt nam đồng": "VND",
    "kíp": "LAK",
    "kip": "LAK",
    "ກີບ": "LAK",
    "₭": "LAK",
    "usd": "USD",
    "đô la mỹ": "USD",
    "đô-la mỹ": "USD",
    "đôla mỹ": "USD",
    "đô la": "USD",
    "đô-la": "USD",
    "bạt": "THB",
    "baht": "THB",
    "bath": "THB",
}
CURRENCY = "(?:" + "|".join(sorted(map(re.escape, CURRENCIES), key=len, reverse=True)) + ")"
# "đồng" also opens words that are not money: "đồng bào", "đồng chí", "đồng thời"…
_NOT_MONEY_AFTER_DONG = (
    "bào", "chí", "thời", "ý", "hành", "tâm", "lòng", "bằng", "ruộng", "nghiệp", "đội", "minh",
    "phục", "hồ", "loại", "đều", "cảm", "thuận", "tình", "ca", "dạng", "bộ", "nhất", "lúa",
)
_QUALIFIER_BEFORE = re.compile(rf"(?P<qual>{QUALIFIER})\s+$")
_MONEY = re.compile(
    rf"(?P<amount>{AMOUNT})\s*(?P<cur>{CURRENCY})(?![\w])"
    rf"(?!\s+(?:{'|'.join(_NOT_MONEY_AFTER_DONG)})\b)"
)
# Scale words without a currency, after a value word: "trị giá 1,2 tỷ".
_VALUE_WORDS = r"(?:trị giá|giá trị|tổng trị giá|kinh phí|số tiền|tổng số tiền|tiền mặt|ngân sách|vốn|tổng kinh phí|tổng vốn)"
_BARE_VALUE = re.compile(
    rf"{_VALUE_WORDS}[^\d.;\n]{{0,25}}?(?:(?P<qual>{QUALIFIER})\s+)?(?P<amount>{NUMBER}\s*(?:triệu|tỷ|tỉ)(?:\s+{NUMBER}\s*{SCALE})*)(?![\w])"
)


def find_money(doc: Document) -> list[dict]:
    """Money amounts in the main article, in order; ``_at`` holds offsets in ``doc.text``."""
    low = doc.lower[: doc.main_end]
    items: list[dict] = []
    taken = Occupancy(len(low))
    for matches, default_currency in ((led_by_digits(_MONEY, low, main_digit_runs(doc)), None), (_BARE_VALUE.finditer(low), "VND")):
        for match in matches:
            if VAGUE_BEFORE.search(low[max(0, match.start("amount") - 12): match.start("amount")]):
                continue
            if default_currency is None:
                qual, start = qualifier_before(low, match.start("amount"))
            else:
                qual = match.group("qual")
                start = match.start("qual") if qual else match.start("amount")
            end = match.end()
            if not taken.free(start, end):
                continue
            if default_currency is None and match.group("cur") == "đồng" and not _dong_is_money(match.group("amount")):
                continue
            currency = default_currency or CURRENCIES[match.group("cur")]
            amount = plain(parse_amount(match.group("amount")))
            qualifier = QUALIFIERS[qual] if qual else "exact"
            taken.take(start, end)
            items.append(
                {**doc.item(start, end), "amount": amount, "currency": currency, "qualifier": qualifier, "_at": (start, end)}
            )
    items.sort(key=lambda item: item["span"][0])
    return items


def qualifier_before(low: str, pos: int) -> tuple[str | None, int]:
    """The qualifier written right before offset ``pos`` ("hơn ", "khoảng "), with where it
    starts; ``(None, pos)`` when there is none."""
    found = _QUALIFIER_BEFORE.search(low, max(0, pos - 20), pos)
    return (found.group("qual"), found.start()) if found else (None, pos)


def _dong_is_money(amount: str) -> bool:
    """"5 đồng" alone is rarely money in these texts; a scale word or a large number is."""
    if re.search(r"nghìn|ngàn|triệu|tỷ|tỉ", amount):
        return True
    return parse_amount(amount) >= 1000
