"""Text handling shared by the extractors.

A :class:`Document` keeps the original text and three views of the same length over its
NFC form: ``text`` (NFC), ``lower`` (lower-cased) and ``folded`` (lower-cased, Vietnamese
diacritics dropped, đ → d).  Every extractor searches one of these views and reports
offsets in it; :meth:`Document.span` turns them into offsets into the original text.

The main article ends where the page chrome starts (a line such as "Đọc thêm",
"Tin bài liên quan", "Các tin bài khác" or "Đọc nhiều"); :attr:`Document.main_end`
marks that point and the extractors ignore everything after it. Lines inside the article
that are images, links ("Xem thêm: …") or a site's menu ("Trang chủ | Thời sự | …") are
blanked (kept at their length, so offsets stay true).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

# Combining diacritics used by Vietnamese (and by any Latin transliteration).
_COMBINING_FIRST, _COMBINING_LAST = 0x300, 0x36F
# Khammouane is written ຄຳມ່ວນ and ຄໍາມ່ວນ: fold the two spellings of the Lao vowel AM.
_LAO_AM_DECOMPOSED = "\u0ecd\u0eb2"
_LAO_AM = "\u0eb3"

# Lines that open the page chrome after an article (compared folded, without punctuation).
CHROME_HEADINGS = frozenset(
    {
        "doc them", "xem them", "doc tiep", "doc nhieu", "tin doc nhieu", "xem nhieu",
        "tin bai lien quan", "tin lien quan", "bai lien quan", "bai viet lien quan",
        "cac tin bai khac", "cac tin khac", "tin khac", "tin bai khac", "cac bai viet khac",
        "bai viet khac", "tin cung chuyen muc", "cung chuyen muc", "bai viet cung chuyen muc",
        "tin moi", "tin moi nhat", "tin moi cap nhat", "tin noi bat", "tin tieu diem",
        "co the ban quan tam", "ban co the quan tam", "co the ban muon xem", "tin da dua",
        "multimedia", "video", "y kien ban doc", "binh luan", "gui binh luan", "chia se",
        "tags", "tag", "tu khoa", "chu de", "chuyen muc", "tin anh", "doc bao",
    }
)
# Chrome lines that carry a title after a colon ("Xem thêm: …"): skipped, not an end.
_INLINE_CHROME = re.compile(r"^\s*(?:xem them|doc them|tin lien quan|tags?|tu khoa)\s*[:>»]", re.I)
# The chrome must start after this share of the text, so a stray heading line near the
# top of an article cannot swallow it.
_MIN_MAIN_SHARE = 0.1
_MIN_MAIN_CHARS = 200

# A menu or breadcrumb line: three or more short items between "|", ">" or "»", no digits
# ("Trang chủ | Thời sự | Chính trị", "Trang chủ > Quốc phòng > Biên giới").
_MENU_SEPARATOR = re.compile(r"\s[|>»›]\s|\s[|>»›]$|^[|>»›]\s")
_MENU_MARK = re.compile(r"[|>»›]")  # searched first: a pattern led by one character class is quick
_MENU_ITEM_WORDS = 5
_DIGIT = re.compile(r"\d")
# A line that is only an image file name or image markup ("2.jpg", "![]() |").
IMAGE_LINE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*\|?|[\w-]+\.(?:jpe?g|png|gif|webp))\s*$", re.I)


class _FoldTable(dict):
    """Per-character folding for ``str.translate``, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        folded = "".join(c for c in decomposed if not _COMBINING_FIRST <= ord(c) <= _COMBINING_LAST)
        folded = folded.replace("đ", "d").replace("Đ", "D").lower()
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(value: str) -> str:
    """Lower-case ``value`` and drop Vietnamese diacritics: "Hương Khê" → "huong khe"."""
    return value.translate(_FOLD).replace(_LAO_AM_DECOMPOSED, _LAO_AM)


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A comparison key for place names that ignores case, diacritics, spacing, hyphens
    and doubled vowels: "NaKai", "Na Kai" and "Nakai" → "nakai"; "Noỏng Mạ" and
    "Nỏng Mạ" → "nongma"."""
    key = re.sub(r"[\W_]+", "", fold(name))
    return re.sub(r"([aeiouy])\1+", r"\1", key)


@lru_cache(maxsize=4096)
def words(value: str) -> tuple[str, ...]:
    """The folded word tokens of ``value``."""
    return tuple(re.findall(r"\w+", fold(value)))


def _nfc_with_index(original: str) -> tuple[str, list[int] | None]:
    if unicodedata.is_normalized("NFC", original):
        return original, None
    out: list[str] = []
    index: list[int] = []
    start = 0
    for pos in range(1, len(original) + 1):
        if pos == len(original) or unicodedata.combining(original[pos]) == 0:
            piece = unicodedata.normalize("NFC", original[start:pos])
            out.append(piece)
            index.extend([start] * len(piece))
            start = pos
    return "".join(out), index


def _mask_chrome_lines(text: str) -> str:
    """Blank out lines that are links or images inside the article ("Xem thêm: …")."""
    pieces = []
    cursor = 0
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        head = line[:40]
        inline = (":" in head or ">" in head or "»" in head) and _INLINE_CHROME.match(fold(head))
        if inline or IMAGE_LINE.match(line) or _is_menu(line):
            pieces.append(text[cursor: match.start()])
            pieces.append(" " * len(line))
            cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces)


def _is_menu(line: str) -> bool:
    """Whether a line is a site's menu or breadcrumb rather than text."""
    if len(line) > 300 or not _MENU_MARK.search(line) or not _MENU_SEPARATOR.search(line) or _DIGIT.search(line):
        return False
    items = [item for item in _MENU_SEPARATOR.split(line) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= _MENU_ITEM_WORDS for item in items)


class _SameLengthTable(dict):
    """Per-character ``mapping`` for ``str.translate``, kept only where it maps one character
    to one (offsets stay aligned), filled as characters are met."""

    def __init__(self, mapping: Callable[[str], str]) -> None:
        super().__init__()
        self.mapping = mapping

    def __missing__(self, code: int) -> str:
        char = chr(code)
        mapped = self.mapping(char)
        self[code] = mapped if len(mapped) == 1 else char
        return self[code]


_LOWER_TABLE = _SameLengthTable(str.lower)
_FOLD_TABLE = _SameLengthTable(fold)


@dataclass(frozen=True)
class Block:
    """A paragraph (one line) or a sentence: offsets into the normalised text."""

    start: int
    end: int
    paragraph: int


class Document:
    """The text under extraction, with aligned views and the main-article boundary."""

    def __init__(self, original: str) -> None:
        """``lower`` and ``folded`` are lowered and folded up to ``main_end`` only."""
        self.original = original
        text, self._index = _nfc_with_index(original)
        self.main_end = find_main_end(text)
        self._remembered: dict[str, object] = {}
        # The page chrome is never read: only the main article is masked, lowered and folded.
        main, rest = text[: self.main_end], text[self.main_end:]
        self.text = _mask_chrome_lines(main) + rest
        main = self.text[: self.main_end]
        lower = main.lower()
        if len(lower) != len(main):  # a letter whose lower case is longer: map letter by letter
            lower = main.translate(_LOWER_TABLE)
        self.lower = lower + rest
        self.folded = lower.translate(_FOLD_TABLE) + rest

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, worked out once per document and kept under ``key``."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]

    def span(self, start: int, end: int) -> list[int]:
        """Offsets into the original text for ``[start, end)`` of the normalised text."""
        if self._index is None:
            return [start, end]
        orig_start = self._index[start] if start < len(self._index) else len(self.original)
        orig_end = self._index[end] if end < len(self._index) else len(self.original)
        return [orig_start, orig_end]

    def item(self, start: int, end: int) -> dict:
        """``{"text", "span"}`` for ``[start, end)`` of the normalised text."""
        span = self.span(start, end)
        return {"text": self.original[span[0]:span[1]], "span": span}

    @cached_property
    def paragraphs(self) -> list[Block]:
        """Non-empty lines of the main article (image lines and inline chrome are blank)."""
        blocks: list[Block] = []
        for match in re.finditer(r"[^\n]+", self.text[: self.main_end]):
            line = match.group()
            if not line.strip():
                continue
            start = match.start() + len(line) - len(line.lstrip())
            end = match.start() + len(line.rstrip())
            blocks.append(Block(start, end, len(blocks)))
        return blocks

    @cached_property
    def sentences(self) -> list[Block]:
        """Sentences of the main article, in order."""
        result: list[Block] = []
        for para in self.paragraphs:
            for start, end in split_sentences(self.text, para.start, para.end):
                result.append(Block(start, end, para.paragraph))
        return result

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def sentence_at(self, pos: int) -> Block | None:
        """The sentence holding offset ``pos``, if any."""
        index = bisect_right(self._sentence_starts, pos) - 1
        if index >= 0 and pos < self.sentences[index].end:
            return self.sentences[index]
        return None

    def around(self, start: int, end: int, reach: int) -> tuple[int, int]:
        """The part of the sentence holding ``[start, end)`` within ``reach`` characters of it."""
        sentence = self.sentence_at(start)
        if sentence is None:
            return start, end
        return max(sentence.start, start - reach), min(sentence.end, end + reach)

    @cached_property
    def title_end(self) -> int:
        """End of the first line when it reads as a headline (no final full stop)."""
        if not self.paragraphs:
            return 0
        first = self.paragraphs[0]
        line = self.text[first.start:first.end]
        if len(line) <= 250 and not line.rstrip().endswith((".", ":", ";")):
            return first.end
        return 0



_SENTENCE_END = re.compile(r"(?P<stop>[.!?…])[\"”’)]*\s+")
_LIST_NUMBER = re.compile(r"\d{1,2}|[IVXivx]{1,4}|[a-zđ]|(?i:điều|mục|phần)\s+\d{1,2}")
_ABBREVIATION = re.compile(r"(?:\b(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|St|v\.v|Th|Ths)\.|\.\.\.?)$")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at sentence ends followed by an upper-case letter."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        nxt, stop = match.end(), match.end("stop")
        if nxt >= end or not (text[nxt].isupper() or text[nxt] in "\"“(‘'"):
            continue
        if _ABBREVIATION.search(text[max(cursor, stop - 6): stop]):
            continue
        if _LIST_NUMBER.fullmatch(text[cursor: stop].strip().rstrip(".")):
            continue  # "1. Tiếp tục …", "II. PHƯƠNG HƯỚNG …": a list marker, not a sentence
        pieces.append((cursor, stop))
        cursor = nxt
    if cursor < end:
        pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _heading_key(line: str) -> str:
    return re.sub(r"[\W_]+", " ", fold(line)).strip()


def find_main_end(text: str) -> int:
    """Offset where the page chrome starts (the text's length when there is none)."""
    floor = max(_MIN_MAIN_CHARS, int(len(text) * _MIN_MAIN_SHARE))
    for match in re.finditer(r"[^\n]+", text):
        if match.start() < floor:
            continue
        line = match.group().strip()
        if len(line) > 60:
            continue
        if _heading_key(line) in CHROME_HEADINGS:
            return match.start()
    return len(text)


def alternation(words_: Iterable[str]) -> str:
    """One regular expression for any of ``words_``, with shared beginnings factored out
    ("tuần tra|tuần lễ" → "tuần (?:tra|lễ)"). Python's ``re`` tries the branches of a plain
    alternation one by one at every offset; a factored one decides letter by letter. The
    longest word still wins where several match."""
    trie: dict[str, dict] = {}
    for word in words_:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict[str, dict]) -> str:
    options = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not options:
        return ""
    inner = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{inner})?" if "" in node else inner


def strip_span(text: str, start: int, end: int, chars: str = " \t,;:.…-–—") -> tuple[int, int]:
    """Narrow ``[start, end)`` so it neither starts nor ends with one of ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


class Occupancy:
    """Which offsets of a text an earlier item already claims."""

    def __init__(self, size: int) -> None:
        self._taken = bytearray(size + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self._taken[start:end])

    def take(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)


def _f1(first: Counter, second: Counter) -> float:
    size_first, size_second = sum(first.values()), sum(second.values())
    if not size_first or not size_second:
        return 0.0
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    common = sum(min(count, large[key]) for key, count in small.items() if key in large)
    if not common:
        return 0.0
    precision, recall = common / size_first, common / size_second
    return 2 * precision * recall / (precision + recall)


def bigrams(tokens: Sequence[str]) -> list[tuple[str, str]]:
    return list(zip(tokens, tokens[1:], strict=False))


@lru_cache(maxsize=4096)
def _profile(value: str) -> tuple[Counter, Counter]:
    tokens = words(value)
    return Counter(tokens), Counter(bigrams(tokens))


def similarity(first: str, second: str) -> float:
    """Mean of the F-scores of folded words and of folded word pairs (0…1)."""
    (uni_a, bi_a), (uni_b, bi_b) = _profile(first), _profile(second)
    return (_f1(uni_a, uni_b) + _f1(bi_a, bi_b)) / 2
