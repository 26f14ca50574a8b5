"""Cooperation domains, found by weighted keywords.

A domain is proposed when the main article's keywords for it weigh at least
``DOMAIN_THRESHOLD``, each distinct keyword counted once; matches are kept as evidence. Keywords are matched on the
lower-cased text with its diacritics ("thuốc" is medicine, "thuộc" is not), on word
boundaries. Weight 2 marks a word that names the domain by itself, 1 a hint.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .text import Document, alternation

DOMAINS = (
    "defense_security", "politics", "economy", "trade", "culture_society", "health", "education", "environment",
)

KEYWORDS: dict[str, dict[str, int]] = {
    "defense_security": {
        "tuần tra": 2, "mốc quốc giới": 2, "mốc giới": 2, "cột mốc": 2, "bảo vệ biên giới": 2, "bảo vệ đường biên": 2,
        "quốc phòng": 2, "an ninh": 2, "tội phạm": 2, "ma túy": 2, "ma tuý": 2, "buôn lậu": 2,
        "xuất cảnh trái phép": 2, "nhập cảnh trái phép": 2, "vượt biên": 2, "di cư tự do": 2,
        "kết hôn ngoài giá thú": 2, "kết hôn không giá thú": 2, "quy chế biên giới": 2,
        "quy chế quản lý biên giới": 2, "mua bán người": 2, "vũ khí": 2, "vật liệu nổ": 2,
        "thế lực thù địch": 2, "dấu hiệu đường biên": 2, "nghị định thư": 1, "đường biên giới": 1,
        "lực lượng chức năng": 1, "biên phòng": 1, "trật tự": 1,
    },
    "politics": {
        "chính trị": 2, "xây dựng đảng": 2, "công tác đảng": 2, "đối ngoại": 1, "ngoại giao": 1,
        "trao đổi đoàn": 1, "lý luận": 1,
    },
    "economy": {
        "kinh tế": 2, "sản xuất": 2, "nông nghiệp": 2, "chăn nuôi": 2, "trồng trọt": 2, "giảm nghèo": 2,
        "xóa đói": 2, "xoá đói": 2, "cây trồng": 2, "vật nuôi": 2, "công trình dân sinh": 2,
        "giống cây": 2, "sinh kế": 2, "mô hình": 1, "chuyển giao kỹ thuật": 2, "hạ tầng": 1,
        "giao thông": 1, "thủy lợi": 2, "thuỷ lợi": 2, "khuyến nông": 2, "dân sinh": 1, "con giống": 2,
        "bò giống": 2, "gà giống": 2, "lợn giống": 2, "cây giống": 2, "tăng gia": 2, "phân bón": 2,
    },
    "trade": {
        "thương mại": 2, "buôn bán": 2, "trao đổi hàng hóa": 2, "trao đổi hàng hoá": 2, "cửa khẩu": 1,
        "chợ biên giới": 2, "giao thương": 2, "doanh nghiệp": 2, "kinh doanh": 2, "xuất khẩu": 2,
        "nhập khẩu": 2, "xuất nhập khẩu": 2, "đầu tư": 1, "du lịch": 1, "hàng hóa": 1, "hàng hoá": 1,
    },
    "culture_society": {
        "văn hóa": 2, "văn hoá": 2, "văn nghệ": 2, "thể thao": 2, "thể dục": 2, "giao lưu": 2,
        "tặng quà": 2, "trao quà": 2, "trao tặng": 2, "tặng": 2, "quà tặng": 2, "suất quà": 2, "phần quà": 2, "quà": 1, "thăm hỏi": 2, "chúc tết": 2, "tết": 1,
        "lễ hội": 2, "an sinh": 2, "đua thuyền": 2, "bóng đá": 2, "bóng chuyền": 2, "nhà văn hóa": 2, "nhu yếu phẩm": 2,
        "động viên": 1, "lũ lụt": 1, "thiên tai": 1, "hủ tục": 2, "xã hội": 1,
    },
    "health": {
        "y tế": 2, "khám bệnh": 2, "chữa bệnh": 2, "khám, chữa bệnh": 2, "dịch bệnh": 2, "thuốc": 2,
        "bệnh viện": 2, "trạm y tế": 2, "sức khỏe": 2, "sức khoẻ": 2, "bác sĩ": 2, "phòng chống dịch": 2,
        "phòng, chống dịch": 2, "vắc xin": 2, "vaccine": 2,
    },
    "education": {
        "giáo dục": 1, "đào tạo": 2, "học sinh": 2, "sinh viên": 2, "giáo viên": 2, "trường học": 2,
        "phòng học": 2, "học bổng": 2, "tiếng việt": 2, "tiếng lào": 2, "dạy chữ": 2, "lớp học": 2,
        "đến trường": 2, "điểm trường": 2,
    },
    "environment": {
        "môi trường": 2, "bảo vệ rừng": 2, "rừng": 1, "tài nguyên thiên nhiên": 2, "di sản thiên nhiên": 2,
        "vườn quốc gia": 2, "hệ sinh thái": 2, "đa dạng sinh học": 2, "lâm sản": 2,
        "động vật hoang dã": 2, "cháy rừng": 2, "biến đổi khí hậu": 2, "khoáng sản": 1, "trồng rừng": 2,
        "rừng phòng hộ": 2, "rừng đầu nguồn": 2,
    },
}
# Matches that do not speak of the domain: "Bộ Chính trị", "Cục Chính trị", "Đồn Biên phòng X".
_EXCLUDE_BEFORE: dict[str, re.Pattern[str]] = {
    "chính trị": re.compile(r"(?:bộ|cục|tổng cục|phòng|ban|chủ nhiệm|an ninh)\s+$"),
    "biên phòng": re.compile(r"(?:đồn|bộ đội|bđbp|chỉ huy|bộ chỉ huy)\s+$"),
    "xã hội": re.compile(r"(?:kinh tế\s*-\s*|kinh tế\s*–\s*|chủ nghĩa\s+)$"),
    "cửa khẩu": re.compile(r"(?:đồn biên phòng|đồn bp|đồn)\s+$"),
}
_EXCLUDE_AFTER: dict[str, re.Pattern[str]] = {
    "chính trị": re.compile(r"\s+viên\b"),
    "buôn bán": re.compile(r"\s+(?:ma túy|ma tuý|người|vũ khí|động vật|trái phép|hàng cấm|pháo)"),
}
DOMAIN_THRESHOLD = 2
_MAX_EVIDENCE = 5


_INDEX: dict[str, list[tuple[str, int]]] = {}
for _domain, _words in KEYWORDS.items():
    for _word, _weight in _words.items():
        _INDEX.setdefault(_word, []).append((_domain, _weight))
# No look-behind before the words: the search then jumps between their first letters; a
# match inside a word is dropped after.
_PATTERN = re.compile(alternation(_INDEX) + r"(?!\w)")


def domain_hits(doc: Document, start: int, end: int) -> dict[str, list[tuple[int, int, int]]]:
    """Keyword matches ``(start, end, weight)`` per domain in ``doc.lower[start:end]``."""
    hits: dict[str, list[tuple[int, int, int]]] = {}
    found = doc.remember("domain_hits", lambda: _all_hits(doc.lower[: doc.main_end]))
    for hit_start, hit_end, domain, weight in found[bisect_left(found, (start,)):]:
        if hit_start >= end:
            break
        if hit_end <= end:
            hits.setdefault(domain, []).append((hit_start, hit_end, weight))
    return hits


def _all_hits(low: str) -> list[tuple[int, int, str, int]]:
    """Every keyword match of a text, in order: the text is searched once, its parts after."""
    hits = []
    for match in _PATTERN.finditer(low):
        word = match.group()
        if match.start() and (low[match.start() - 1].isalnum() or low[match.start() - 1] == "_"):
            continue
        exclude = _EXCLUDE_BEFORE.get(word)
        if exclude and exclude.search(low[max(0, match.start() - 20): match.start()]):
            continue
        exclude = _EXCLUDE_AFTER.get(word)
        if exclude and exclude.match(low, match.end()):
            continue
        for domain, weight in _INDEX[word]:
            hits.append((match.start(), match.end(), domain, weight))
    return hits


def find_domains(doc: Document) -> list[dict]:
    """Domains of the main article with their evidence, in the order of ``DOMAINS``."""
    hits = domain_hits(doc, 0, doc.main_end)
    result = []
    for domain in DOMAINS:
        found = hits.get(domain, [])
        weights = {doc.lower[s:e]: weight for s, e, weight in found}  # each keyword counts once
        if sum(weights.values()) >= DOMAIN_THRESHOLD:
            evidence = [doc.item(s, e) for s, e, _ in found[:_MAX_EVIDENCE]]
            result.append({"value": domain, "evidence": evidence})
    return result


def classify(doc: Document, start: int, end: int, default: str = "politics") -> str:
    """The domain whose keywords weigh most in ``doc.lower[start:end]``; ``default`` when none."""
    hits = domain_hits(doc, start, end)
    if not hits:
        return default
    weights = {domain: sum(weight for _, _, weight in found) for domain, found in hits.items()}
    return max(weights, key=lambda domain: (weights[domain], -DOMAINS.index(domain)))
