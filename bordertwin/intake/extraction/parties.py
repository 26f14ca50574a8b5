"""Parties: the twinned or negotiating units of each side.

1. Mentions: a level word and a capitalised name, in full ("huyện Hương Khê", "bản Ka
   Túp 1", "Đồn Biên phòng Tr'Hy", "Đại đội Biên phòng 534"); the names listed after a
   plural level word ("2 huyện Hương Khê và NaKai", "ba đồn Biên phòng Ga Ry, Tr'Hy và A
   Nông", "các tỉnh Phông Sa Lỳ, Luông Pha Băng"), one list on one side; and names from
   the table in ``places.py`` written bare ("Quảng Bình - Khăm Muồn"). A counted level
   word with one name only ("Ba đồn biên phòng Tây Giang") places the units: no mention.
   A person's name after a place ("huyện Hương Khê Ngô Xuân Ninh") is cut off at a known
   place name, a name seen alone elsewhere, or a surname.
2. Side: from evidence first — the name is in the table of ``places.py``, the words after
   it say so ("(CHDCND Lào)", "nước bạn Lào"), or a parent in parentheses or after a comma
   is on that side ("bản Huồi Cáng (xã Nậm Cắn, huyện Kỳ Sơn)"); else from the level word
   (cụm bản, mường, đại đội, bản → Lao; xã, phường, thôn, khóm, đồn → Vietnamese); else
   opposite its partner in a pair ("X và Y"); else what the matcher finds.
3. Choice: units in parentheses, after a comma or "của", or after "thuộc" (also "thuộc BĐBP
   tỉnh …") are parents, not parties; the nearest one is kept as the party's ``parent``,
   and parents between two units do not part them as partners. Mentions of a unit that
   witnesses ("trước sự chứng kiến của …") or gives ("… tặng", "… tài trợ") do not count,
   and witnesses named together do not pair; a side with no unit but a giver takes the
   giver named most often. A unit twinned with or in talks with one whose side the text
   shows ("X (Lào) kết nghĩa với bản Y") is on the other side, whatever its level word. Each side
   keeps its best-scored level (mentions, pairs with the other side, the title, sentences
   about twinning), preferring a more specific level that is paired with the other side;
   a list pairs as a whole: donors, witnesses and parent provinces then fall away.
4. Places to propose: parties that are places the registry (or, without one, the table
   of ``places.py``) does not hold, with their parent, for the officer to add.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from .places import KNOWN, LA_CONTEXT, VN_CONTEXT, lookup, spellings
from .quantities import UNIT_AFTER
from .text import Document, Occupancy, alternation, fold, name_key


class PlaceMatcher(Protocol):
    """Finds a registry place for a name; the Django side implements it."""

    def match(self, name: str, level: str | None, country: str | None) -> int | None: ...


# Level words (lower-case), the level they give and the side they imply; longest first.
LEVEL_WORDS: tuple[tuple[str, str, str | None], ...] = (
    ("cụm bản", "village_cluster", "LA"),
    ("thị trấn", "commune", "VN"),
    ("thị xã", "district", "VN"),
    ("đồn biên phòng", "unit", "VN"),
    ("đồn bp", "unit", "VN"),
    ("đồn", "unit", "VN"),
    ("đại đội biên phòng", "unit", "LA"),
    ("đại đội bảo vệ biên giới", "unit", "LA"),
    ("đại đội", "unit", "LA"),
    ("tỉnh", "province", None),
    ("huyện", "district", None),
    ("mường", "district", "LA"),
    ("xã", "commune", "VN"),
    ("phường", "ward", "VN"),
    ("bản", "village", "LA"),
    ("thôn", "village", "VN"),
    ("khóm", "village", "VN"),
    ("làng", "village", "VN"),
)
_LEVEL = {word: (level, side) for word, level, side in LEVEL_WORDS}
LEVEL_RANK = {"province": 0, "district": 1, "unit": 2, "commune": 2, "ward": 2, "village_cluster": 3, "village": 4}

_UPPER = "".join(chr(c) for c in range(0x41, 0x1F00) if chr(c).isupper())
_TOKEN = rf"(?:[{_UPPER}][\w'’]*(?:-[\w'’]+)*|\d+)"
_NAME = rf"{_TOKEN}(?: {_TOKEN}){{0,5}}"
_MENTION = re.compile(
    r"(?<![\w])(?P<lvl>(?i:" + "|".join(re.escape(w) for w, _, _ in LEVEL_WORDS) + r"))"
    rf"\s+(?P<conn>(?i:cửa khẩu(?: quốc tế)?)\s+)?(?P<name>{_NAME})"
)
# The level words alone, searched on the lower-cased text: where a mention may start.
_LEVEL_AT = re.compile("(?:" + "|".join(re.escape(w) for w, _, _ in LEVEL_WORDS) + r")(?=\s)")
# The first capital of a word (a known name starts a word); the look-behind comes after the
# capital, so the search jumps from capital to capital.
_CAPITAL = re.compile(f"[{_UPPER}](?<!\\w.)")
# Capitalised words that never belong to a place name: the name stops before them.
_STOP_TOKENS = frozenset(
    "UBND HĐND MTTQ Ủy Uỷ Đảng Bí Chủ Phó Trưởng Hội Ban Bộ Đồn Trạm Trường Tỉnh Huyện Xã Cụm "
    "Thôn Phường CHDCND CHXHCN Lào Việt Thường Công Sở Ông Bà Đồng Biên Quân Cục Đoàn Tiểu BĐBP".split()
)
# "Biên bản", "văn bản"…: "bản" there is not a village.
_NOT_VILLAGE_BEFORE = frozenset("biên văn cơ kịch phiên ấn tư nhật hình căn nguyên xuất tái bảo phát dự kiến".split())
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lâm "
    "Mai Lương Tô Cao Chu Thái Tạ Lưu Đào Quách Kiều Vương Đàm Tăng Lại Thân Khổng Tôn Triệu Hứa".split()
)
_TITLE_BEFORE = re.compile(r"(?:chủ tịch|bí thư|trưởng|phó|giám đốc|chỉ huy|đồng chí|ông|bà|huyện trưởng|tỉnh trưởng)\s+$")
_PLURAL_BEFORE = re.compile(r"(?:\d+|hai|ba|bốn|năm|các|những|giữa)\s+$")
_COORDINATED = re.compile(rf"\s*(?P<sep>,|và|với|-|–)\s*(?P<name>{_NAME})")
# A counted level word ("ba đồn Biên phòng", "các tỉnh"): a list of units follows, or the
# name after it places them ("Ba đồn biên phòng Tây Giang") and is no party.
_COUNTED_BEFORE = re.compile(r"(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|các|những)\s+$")
# Before a unit: it only witnesses or attends ("trước sự chứng kiến của lãnh đạo huyện X").
_WITNESS_BEFORE = re.compile(
    r"(?=[cstdđk])(?:chứng kiến|sự tham dự|có mặt|tham dự|dự buổi|dự lễ|đại biểu|khách mời)(?:\s+(?:của|có))?"
    r"(?:\s+(?:đại diện|lãnh đạo|chỉ huy|các đồng chí|đồng chí|ban))*(?:\s+\w+){0,6}\s*$"
)
# After a unit: it gives or funds ("Công ty X tài trợ", "Đồn Biên phòng Y tặng…").
_DONOR_AFTER = re.compile(r"\s*(?:đã\s+|cũng\s+)?(?:tặng|trao tặng|trao|tài trợ|ủng hộ|quyên góp)\b")
# Where the words after a unit stop telling its side: a verb or a new clause.
_CONTEXT_STOP = re.compile(r"[.;\n]|\s(?:tặng|trao|cho|tổ chức|ký|đã|sẽ|hội đàm|làm việc|kết nghĩa|với)\s")
# "ba bản … thuộc huyện Viêng Thoong": the unit after "thuộc" holds the ones before it.
_HOLDER_BEFORE = re.compile(
    r"(?:thuộc|trực thuộc)\s+(?:(?:bđbp|bộ đội biên phòng|bchq|bộ chỉ huy(?: bộ đội biên phòng| quân sự| biên phòng)?|"
    r"công an|ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+)?$"
)
_HOLDER_REACH = 60
_PAIR_BETWEEN = re.compile(
    r"^\s*(?:,?\s*(?:và|với|cùng|-|–|—)\s*)(?:(?:lãnh đạo|đại diện|chính quyền|nhân dân|trưởng|bí thư|"
    r"chủ tịch|ubnd|ủy ban nhân dân|đoàn công tác)\s+){0,3}$"
)
_TALKS_BETWEEN = re.compile(
    r"(?:hội đàm|kết nghĩa|ký kết|kí kết|làm việc|giao ban)[^.;]{0,40}\bvới\s*"
    r"(?:(?:\d+|hai|ba|bốn|năm|các|những)\s+)?(?:(?:lãnh đạo|đại diện|đoàn đại biểu|đoàn công tác)\s+)?$"
)
_LA_CONTEXT = re.compile(LA_CONTEXT)
_VN_CONTEXT = re.compile(VN_CONTEXT)
_TWINNING = re.compile(r"kết nghĩa|hội đàm|ký kết|kí kết|biên bản|ghi nhớ|quy chế|hợp tác|thỏa thuận|thoả thuận")
_MAX_NAME_TOKENS = 4
# "Đồn Biên phòng Cửa khẩu quốc tế Cha Lo" is "Đồn Biên phòng Cha Lo".
_UNIT_PREFIX = re.compile(r"^(?i:cửa khẩu(?: quốc tế)?)\s+")


@dataclass
class Mention:
    start: int
    end: int  # end of the whole mention (level word and name)
    name: str
    level: str
    kind: str  # level | coordinated | bare
    votes: Counter = field(default_factory=Counter)  # evidence: names, context, parents
    hint: str | None = None  # the side its level word implies ("cụm bản" → LA)
    parent: bool = False
    group: int = -1  # the start of the first unit of a list it belongs to ("Ga Ry, Tr'Hy và A Nông")
    word: str = ""  # the level word as written, lower-case ("cụm bản")
    holder: Mention | None = None  # the unit written as holding it ("bản X (xã Y)" → xã Y)
    across: bool = False  # in talks or twinned with the mention before it: on the other side

    @property
    def key(self) -> tuple[str, str]:
        name = _UNIT_PREFIX.sub("", self.name) if self.level == "unit" else self.name
        return name_key(name), self.level


def find_parties(doc: Document, matcher: PlaceMatcher | None = None) -> tuple[list[dict], list[dict], list[str]]:
    """``(vn_parties, la_parties, notes)`` for the main article."""
    mentions = _mentions(doc)
    _vote_sides(doc, mentions)
    pairs = _pairs(doc, mentions)
    units = _units(mentions, pairs, matcher)
    notes: list[str] = []
    scores = _scores(doc, units, pairs)
    chosen = {side: _choose(units, scores, pairs, side) for side in ("VN", "LA")}
    for key, unit in units.items():
        if unit["side"] is None and scores[key] >= 3:
            notes.append(f"could not tell the side of {unit['mentions'][0].name!r}")
    result = {side: [_party(doc, units[key], side, matcher) for key in keys] for side, keys in chosen.items()}
    return result["VN"], result["LA"], notes


def _mentions(doc: Document) -> list[Mention]:
    text, low = doc.text[: doc.main_end], doc.lower
    raw: list[tuple[re.Match[str], list[str]]] = []
    for match in _level_mentions(text, low):
        word = match.group("lvl").lower()
        if word == "mường" and match.group("lvl")[0].isupper():
            continue
        if word == "bản" and _previous_word(low, match.start()) in _NOT_VILLAGE_BEFORE:
            continue
        level = _LEVEL[word][0]
        if match.group("conn") and level != "unit":
            continue
        tokens = _cut_at_stop(_without_count(match.group("name").split(" "), low, match.end("name")))
        if not tokens or (level != "unit" and tokens[0].isdigit()):
            continue
        raw.append((match, tokens))
    full_names = {(name_key(" ".join(t)), _LEVEL[m.group("lvl").lower()][0]) for m, t in raw}
    mentions: list[Mention] = []
    for match, tokens in raw:
        word = match.group("lvl").lower()
        level, side = _LEVEL[word]
        tokens = _trim_person(tokens, level, full_names, low[max(0, match.start() - 30): match.start()])
        name_start = match.start("conn") if match.group("conn") else match.start("name")
        end = name_start + len(match.group("conn") or "") + len(" ".join(tokens))
        mention = Mention(match.start(), end, text[name_start:end], level, "level", word=word)
        mention.hint = side
        listed = _coordinated(doc, mention, level, full_names)
        if listed:
            mention.group = mention.start
        if not listed and _COUNTED_BEFORE.search(low, max(0, match.start() - 12), match.start()):
            continue  # "ba đồn biên phòng Tây Giang": the name places the units
        mentions.append(mention)
        mentions.extend(listed)
    mentions.extend(_bare(doc, mentions))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _level_mentions(text: str, low: str) -> Iterator[re.Match[str]]:
    """``_MENTION.finditer(text)``, tried only where a level word is written."""
    last = 0
    for level in _LEVEL_AT.finditer(low, 0, len(text)):
        if level.start() < last:
            continue
        match = _MENTION.match(text, level.start())
        if match is not None:
            last = match.end()
            yield match


def _previous_word(low: str, pos: int) -> str:
    match = re.search(r"(\w+)\s*$", low[max(0, pos - 20): pos])
    return match.group(1) if match else ""


def _without_count(tokens: list[str], low: str, end: int) -> list[str]:
    """A name's last number is a count when a unit follows it: "bản Sốp Xăn 100 suất quà"."""
    if len(tokens) > 1 and tokens[-1].isdigit() and UNIT_AFTER.match(low, end):
        return tokens[:-1]
    return tokens


def _cut_at_stop(tokens: list[str]) -> list[str]:
    for index, token in enumerate(tokens):
        if token in _STOP_TOKENS or (index > 0 and token.isupper() and len(token) > 2):
            if index and lookup(" ".join(tokens[: index + 1])):
                continue  # a place the table knows is never cut: "Điện Biên"
            return tokens[:index]
    return tokens


def _trim_person(tokens: list[str], level: str, full_names: set, before: str) -> list[str]:
    """Cut a person's name that follows the place name."""
    if len(tokens) == 1 or level == "unit":
        return tokens[:_MAX_NAME_TOKENS]
    for size in range(len(tokens), 0, -1):
        if size < len(tokens) and any(lvl == level for _, lvl, _ in KNOWN.get(name_key(" ".join(tokens[:size])), [])):
            return tokens[:size]
    for size in range(1, len(tokens) - 1):  # what is cut off is a person's name: two words or more
        if (name_key(" ".join(tokens[:size])), level) in full_names:
            return tokens[:size]
    for index in range(1, len(tokens) - 1):
        if tokens[index] in SURNAMES:
            return tokens[:index]
    if len(tokens) >= 3 and _TITLE_BEFORE.search(before):
        return tokens[:2]
    return tokens[:_MAX_NAME_TOKENS]


def _coordinated(doc: Document, mention: Mention, level: str, full_names: set) -> list[Mention]:
    """Units listed after a level word share it: "2 huyện Hương Khê và NaKai", "ba đồn
    Biên phòng Ga Ry, Tr'Hy và A Nông", "các tỉnh Phông Sa Lỳ, Luông Pha Băng"."""
    plural = _PLURAL_BEFORE.search(doc.lower[max(0, mention.start - 12): mention.start])
    found: list[Mention] = []
    pos = mention.end
    while True:
        match = _COORDINATED.match(doc.text, pos, doc.main_end)
        if not match:
            break
        tokens = _cut_at_stop(_without_count(match.group("name").split(" "), doc.lower, match.end("name")))
        if not tokens or (tokens[0].isdigit() and level != "unit"):
            break
        name = " ".join(tokens[:_MAX_NAME_TOKENS])
        known = (name_key(name), level) in full_names or lookup(name, level)
        if not (plural or known) or (match.group("sep") == "," and not plural):
            break
        start = match.start("name")
        found.append(Mention(start, start + len(name), name, level, "coordinated", hint=mention.hint, group=mention.start, word=mention.word))
        if match.group("sep") != ",":
            break  # "và" closes the list
        pos = start + len(name)
    return found


def _bare(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Names from the table written without a level word."""
    found: list[Mention] = []
    taken = Occupancy(doc.main_end)
    for mention in mentions:
        taken.take(mention.start, mention.end)
    pattern, by_folded = _known_names()
    last = 0
    for capital in _CAPITAL.finditer(doc.text, 0, doc.main_end):  # a name starts with a capital
        if capital.start() < last:
            continue
        match = pattern.match(doc.folded, capital.start(), doc.main_end)
        if match is None:
            continue
        start, end = match.span()
        last = end
        if not taken.free(start, end):
            continue
        level, side = by_folded[match.group()]
        mention = Mention(start, end, doc.text[start:end], level, "bare")
        mention.votes[side] += 3
        found.append(mention)
    return found


@lru_cache(maxsize=1)
def _known_names() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One pattern for every spelling in the place table, searched on folded text."""
    entries = sorted(spellings(), key=lambda e: len(e[0]), reverse=True)
    pattern = re.compile(r"(?<!\w)" + alternation(fold(s) for s, _, _ in entries) + r"(?!\w)")
    return pattern, {fold(s): (level, side) for s, level, side in entries}


def _vote_sides(doc: Document, mentions: list[Mention]) -> None:
    low = doc.lower
    for index, mention in enumerate(mentions):
        side = lookup(mention.name, mention.level)
        if side:
            mention.votes[side] += 3
        stop = mentions[index + 1].start if index + 1 < len(mentions) else mention.end + 70
        window = _CONTEXT_STOP.split(low[mention.end: min(stop, mention.end + 70)], maxsplit=1)[0]
        if "lào" in window and _LA_CONTEXT.search(window):  # every phrase of the pattern names the country
            mention.votes["LA"] += 3
        elif "việt nam" in window and _VN_CONTEXT.search(window):
            mention.votes["VN"] += 3
        previous = mentions[index - 1] if index else None
        if _in_parentheses(low, mention.start) or _HOLDER_BEFORE.search(low, max(0, mention.start - _HOLDER_REACH), mention.start):
            mention.parent = True
        elif (
            previous is not None
            and low[previous.end: mention.start].strip() in (",", "của")  # "bản X, huyện Y", "cụm bản X của huyện Y"
            and LEVEL_RANK.get(mention.level, 9) < LEVEL_RANK.get(previous.level, 9)
        ):
            mention.parent = True
    for index, mention in enumerate(mentions):
        if not mention.parent:
            continue
        child = next((m for m in reversed(mentions[:index]) if not m.parent), None)
        side = _side(mention.votes) or mention.hint
        if child is None or LEVEL_RANK.get(mention.level, 9) >= LEVEL_RANK.get(child.level, 9):
            continue
        if side:
            child.votes[side] += 3
        if child.holder is None:
            child.holder = mention
    holders = {m.group: m.holder for m in mentions if m.group >= 0 and m.holder is not None}
    for mention in mentions:
        if mention.holder is None and mention.group in holders:
            mention.holder = holders[mention.group]  # "Ka Túp 1, Na Hương và Pha Khao thuộc huyện X"


def _in_parentheses(low: str, pos: int) -> bool:
    before = low[max(0, pos - 80): pos]
    return before.rfind("(") > before.rfind(")")


def _side(votes: Counter) -> str | None:
    if votes["VN"] == votes["LA"]:
        return None
    return "VN" if votes["VN"] > votes["LA"] else "LA"


def _pairs(doc: Document, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Mentions joined as partners: "X và Y", "giữa X với Y", "X hội đàm với Y". A unit in talks
    or twinned with another ("X kết nghĩa với Y") is marked as such (``Mention.across``)."""
    pairs: list[tuple[Mention, Mention]] = []
    active = [m for m in mentions if not m.parent]
    parents = [m for m in mentions if m.parent]
    for first, second in zip(active, active[1:], strict=False):
        if first.group >= 0 and first.group == second.group:
            continue  # units of one list are on one side
        between = re.sub(r"\([^()]*\)", "", _without(doc.lower, first.end, second.start, parents))
        if len(between) > 80 or re.search(r"[.;:\n]", between):
            continue
        talks = _TALKS_BETWEEN.search(between)
        if talks or _PAIR_BETWEEN.match(between):
            pairs.append((first, second))
            second.across = second.across or bool(talks)
    return pairs


def _without(low: str, start: int, end: int, mentions: list[Mention]) -> str:
    """``low[start:end]`` without the ``mentions`` inside it ("thôn X, xã Y, huyện Z kết nghĩa với …")."""
    pieces, cursor = [], start
    for mention in mentions:
        if start <= mention.start and mention.end <= end:
            pieces.append(low[cursor: mention.start].rstrip(" ,"))  # with the comma before the parent
            cursor = mention.end
    return "".join(pieces) + low[cursor:end]


def _units(mentions: list[Mention], pairs: list[tuple[Mention, Mention]], matcher: PlaceMatcher | None) -> dict:
    units: dict[tuple[str, str], dict] = {}
    for mention in mentions:
        unit = units.setdefault(mention.key, {"mentions": [], "votes": Counter(), "hints": Counter(), "side": None})
        unit["mentions"].append(mention)
        unit["votes"].update(mention.votes)
        if mention.hint:
            unit["hints"][mention.hint] += 1
    for unit in units.values():
        # evidence first; the level word's side only when the evidence is silent or even
        unit["side"] = _side(unit["votes"]) or _side(unit["hints"])
    for _ in range(2):  # a partner's side settles an unknown side
        for first, second in pairs:
            a, b = units[first.key], units[second.key]
            if second.across and a["side"] == b["side"] and _side(a["votes"]) and not _side(b["votes"]):
                # "bản X (Lào) kết nghĩa với bản Y": twinned across the border, whatever Y's level word says
                b["side"] = "LA" if a["side"] == "VN" else "VN"
            elif a["side"] and not b["side"]:
                b["side"] = "LA" if a["side"] == "VN" else "VN"
            elif b["side"] and not a["side"]:
                a["side"] = "LA" if b["side"] == "VN" else "VN"
    if matcher is not None:
        for (_, level), unit in units.items():
            if unit["side"] is None:
                name = unit["mentions"][0].name
                found = [side for side in ("VN", "LA") if matcher.match(name, level, side) is not None]
                unit["side"] = found[0] if len(found) == 1 else None
    return units


def _scores(doc: Document, units: dict, pairs: list[tuple[Mention, Mention]]) -> dict:
    scores: dict = {}
    paired: Counter[tuple[str, str]] = Counter()
    members: dict[int, list[Mention]] = {}
    roles: dict[int, str | None] = {}  # id of a mention → witness, donor or None
    for unit in units.values():
        for mention in unit["mentions"]:
            roles[id(mention)] = None if mention.parent else _bystander(doc, mention)
            if mention.group >= 0:
                members.setdefault(mention.group, []).append(mention)
    for first, second in pairs:
        if "witness" in (roles[id(first)], roles[id(second)]):
            continue  # "trước sự chứng kiến của lãnh đạo huyện X và huyện Y": witnesses pair with no one
        if units[first.key]["side"] != units[second.key]["side"]:
            # a unit of a list pairs for the whole list: "ba đồn … Ga Ry, Tr'Hy và A Nông … với Đại đội 534"
            for one in members.get(first.group, [first]):
                paired[one.key] += 1
            for other in members.get(second.group, [second]):
                paired[other.key] += 1
    for key, unit in units.items():
        score = 0
        unit["given"] = 0  # mentions as a giver: a side with no party takes its giver ("Đồn X trao tặng … bản kết nghĩa")
        for mention in unit["mentions"]:
            role = roles[id(mention)]
            unit["given"] += role == "donor"
            if mention.parent or role:
                continue
            score += 1
            if mention.start < doc.title_end:
                score += 1
            if _twinning_within(doc, *doc.around(mention.start, mention.end, 200)):
                score += 1
        scores[key] = score + 3 * paired[key]
        unit["paired"] = paired[key]
    return scores


def _twinning_within(doc: Document, start: int, end: int) -> bool:
    """Whether a word of twinning is written within ``[start, end)``; the text is searched once."""
    found = doc.remember("twinning", lambda: [m.span() for m in _TWINNING.finditer(doc.lower, 0, doc.main_end)])
    index = bisect_left(found, (start,))
    return index < len(found) and found[index][1] <= end


def _bystander(doc: Document, mention: Mention) -> str | None:
    """"witness" or "donor" for a unit that only witnesses the event or gives to it, rather than taking part."""
    sentence = doc.sentence_at(mention.start)
    start = max(sentence.start if sentence else 0, mention.start - 80)
    if _WITNESS_BEFORE.search(doc.lower, start, mention.start):
        return "witness"
    return "donor" if _DONOR_AFTER.match(doc.lower, mention.end) else None


def _choose(units: dict, scores: dict, pairs: list[tuple[Mention, Mention]], side: str) -> list[tuple[str, str]]:
    keys = [k for k, u in units.items() if u["side"] == side and scores[k] > 0]
    if not keys:
        # No unit of this side takes part but as a giver: the giver most often named is its party.
        givers = [k for k, u in units.items() if u["side"] == side and u["given"]]
        top = max((units[k]["given"] for k in givers), default=0)
        return [k for k in givers if units[k]["given"] == top][:1]
    best = max(keys, key=lambda k: scores[k])
    specific = [
        k for k in keys
        if units[k]["paired"] and LEVEL_RANK.get(k[1], 9) > LEVEL_RANK.get(best[1], 9) and scores[k] >= 0.4 * scores[best]
    ]
    if specific:
        best = max(specific, key=lambda k: (LEVEL_RANK.get(k[1], 9), scores[k]))
    return sorted(
        (k for k in keys if k[1] == best[1] and scores[k] >= 0.5 * scores[best]),
        key=lambda k: units[k]["mentions"][0].start,
    )


def _party(doc: Document, unit: dict, side: str, matcher: PlaceMatcher | None) -> dict:
    mentions = unit["mentions"]
    main = next((m for m in mentions if m.kind == "level" and not m.parent), mentions[0])
    level = main.level
    name = main.name
    holder = next((m.holder for m in [main, *mentions] if m.holder is not None), None)
    parent = None
    if holder is not None:
        parent = {
            **doc.item(holder.start, holder.end), "name": holder.name, "level": holder.level,
            "place_id": matcher.match(holder.name, holder.level, side) if matcher is not None else None,
        }
    return {
        **doc.item(main.start, main.end),
        "name": name,
        "level": level,
        "level_word": main.word or next((m.word for m in mentions if m.word), ""),
        "place_id": matcher.match(name, level, side) if matcher is not None else None,
        "parent": parent,
        "spans": [doc.span(m.start, m.end) for m in mentions],
    }


def proposed_places(vn_parties: list[dict], la_parties: list[dict], matcher: PlaceMatcher | None) -> list[dict]:
    """New registry places to propose: parties that are places (not border-guard units)
    the registry does not hold (without a matcher: the table of ``places.py`` does not
    name), each with the parent the text gives it."""
    result = []
    for side, parties in (("VN", vn_parties), ("LA", la_parties)):
        for party in parties:
            if party["level"] == "unit" or party["place_id"] is not None:
                continue
            if matcher is None and lookup(party["name"], party["level"]) is not None:
                continue
            result.append({
                "text": party["text"], "span": party["span"], "name": party["name"],
                "label": f"{party['level_word']} {party['name']}".strip(), "level": party["level"], "country": side,
                "parent": party["parent"],
            })
    return result
