"""Commitments: the actions agreed or proposed for the future.

Reading goes sentence by sentence through the main article, keeping a mode:

- *review* starts with words that look back ("thời gian qua", "đánh giá … kết quả"):
  there "tiếp tục" describes what went on, not what is promised;
- *plan* starts with words of agreement or of the time ahead ("thống nhất", "nhất trí",
  "thời gian tới"): the rest of the paragraph, and the next paragraphs that open with an
  action verb ("Duy trì…", "Tăng cường…", "Đồng thời…"), are commitments.

A sentence is a commitment when it holds a strong cue (agreement, "sẽ", "đề xuất",
"quyết tâm", "cùng nhau"…), a weak cue outside review ("tiếp tục", "cùng" + verb), or
continues a plan. It is not when a wish comes first ("mong muốn", "bày tỏ"), when "đã"
comes before its cue, or when it reports money without a strong cue (a delivered result);
a sentence that dates an event or tells who attended ("Dự buổi giao ban có …") continues
no plan.
The clause after the cue is split at ";" into one commitment per action group; a list
header ending in ":" is dropped; outcome tails ("góp phần …") are cut. Lead-paragraph
commitments that the body repeats, and near-duplicates, are dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from .domains import classify
from .text import Block, Document, bigrams, similarity, strip_span, words

_AGREE = (
    r"thống nhất(?<!sự thống nhất)(?!\s+(?:đất nước|non sông|trong|ý chí))|nhất trí(?<!sự nhất trí)"
    r"|cam kết|quyết tâm|phấn đấu|khẳng định|cùng nhau|sẽ(?<!\wsẽ)"
)
_TIME_AHEAD = r"thời gian tới|sắp tới|giai đoạn tới|năm tới|phương hướng"
_PROPOSE = r"đề xuất|đề nghị|kiến nghị"
# Agreement words that open a plan (unlike "sẽ", which may only foretell an effect).
_SETS_PLAN = re.compile(r"thống nhất|nhất trí|cam kết|cùng nhau|phấn đấu")
_ACTION_VERBS = (
    "tăng cường|duy trì|phối hợp|đẩy mạnh|tổ chức|hỗ trợ|tạo điều kiện|trao đổi|thúc đẩy|nâng cao|chỉ đạo|"
    "tiến hành|xây dựng|tuyên truyền|vận động|thực hiện|phát huy|mở rộng|khuyến khích|giúp đỡ|quản lý|"
    "bảo vệ|tiếp tục|định kỳ|chủ động|làm tốt|phát triển|hợp tác|nghiên cứu|triển khai|kiện toàn|"
    "chung tay|đồng hành|tham gia|ngăn chặn|đấu tranh|giải quyết|tuần tra|giữ gìn|chia sẻ|thống nhất|nhất trí|giúp nhau"
)
_WEAK = rf"tiếp tục|cùng\s+(?:{_ACTION_VERBS})"
# The look-ahead names every cue's first letter: the search skips other letters at once
# instead of trying each branch there.
_CUE = re.compile(rf"(?=[tncqpksgđ])(?:(?P<agree>{_AGREE})|(?P<time>{_TIME_AHEAD})|(?P<propose>{_PROPOSE})|(?P<weak>{_WEAK}))")
_REVIEW = re.compile(
    r"thời gian qua|vừa qua|năm qua|nhiệm kỳ qua|giai đoạn qua|kết quả đạt được|đã đạt được|kết quả thực hiện|"
    r"đánh giá[^.;]{0,40}kết quả|đã thực hiện"
)
_WISH = re.compile(r"\b(?:mong muốn|mong|hy vọng|hi vọng|tin tưởng|bày tỏ|chúc)\b")
_PAST = re.compile(r"\bđã\b|\bvừa\b(?!\s+qua)")
_MONEY_WORDS = re.compile(r"\d\s*(?:triệu|tỷ|tỉ|nghìn)?\s*(?:đồng|đ|vnđ|usd|kíp)\b|trị giá")
_CONNECTORS = re.compile(
    r"(?:(?:đồng thời|theo đó|bên cạnh đó|ngoài ra|trong đó|cụ thể|mặt khác|và|hai bên|2 bên|hai địa phương|"
    r"2 địa phương|cùng nhau|cùng|thống nhất|nhất trí|sẽ|cũng|là)\b[\s,:]*"
    r"|(?:trong|về|đối với)\s+(?:lĩnh vực|công tác|mặt)\s+[^,;]{1,40},\s*)+"
)
# "- ", "• ", "1. ", "a) ", "Điều 2. ": the marker of a list item.
_LIST_MARKER = re.compile(r"\s*(?:[-–—+•*]\s*|\(?\d{1,2}[.)]\s+|\(?[a-zđ]\)\s*|(?i:điều)\s+\d{1,2}[.:]\s*)")
_OPENS_PLAN = re.compile(rf"^(?:{_ACTION_VERBS}|đồng thời|ngoài ra|bên cạnh đó|hai bên|2 bên)\b")
_OUTCOME = re.compile(r"^(?:góp phần|nhằm góp phần|đáp ứng|từ đó|qua đó|tạo nên)\b")
_OUTCOME_TAIL = re.compile(r",\s*(?:góp phần|nhằm góp phần|qua đó|từ đó)\b")
_GENERIC_END = re.compile(r"(?:các|mọi|nhiều) lĩnh vực\s*$")
_HEADER = re.compile(r"\b(?:như|gồm|sau|cụ thể|bao gồm)\s*:\s*")
# A sentence that dates what it tells reports an event ("chiều 22/6, … tổ chức hội đàm").
_REPORTED_DATE = re.compile(r"(?<![\d/])\d{1,2}\s*[/.]\s*\d{1,2}(?![\d.,]|\s*/\s*\d|\s*(?:lượt|người))")
# A sentence that tells who came or what happened next continues no plan ("Dự buổi giao ban có …").
_REPORTS = re.compile(r"(?:dự|tham dự|cùng dự|có mặt|trước đó|sau đó|tiếp đó|kết thúc|tại buổi|cũng tại)\b")
_DOMAIN_HEADER = re.compile(r"^(?:trong|về)\s+lĩnh vực\s+([^,;]{1,40}),")
# A sentence that tells what a signed document lays down: "Theo quy chế, …", "Theo biên bản, …".
_DOCUMENT_SAYS = re.compile(
    r"theo\s+(?:quy chế|qui chế|biên bản(?:\s+ghi nhớ)?|bản ghi nhớ|kế hoạch|thỏa thuận|thoả thuận)"
    r"(?:\s+[^\s,.;]+){0,4}\s*,\s*"
)
_MIN_WORDS = 5  # syllables
_DUPLICATE = 0.6
# similarity ≥ 0.6 needs word-pair F-score ≥ 0.2, so at least this share of both sizes in common
_MIN_SHARED_PAIRS = 0.1
_LEAD_COVERED = 0.5
_MAX_PRELUDE_WORDS = 8


def find_commitments(doc: Document) -> list[dict]:
    """Commitments in the main article, in order."""
    low = doc.lower
    lead = _lead_paragraph(doc)
    mode: str | None = None
    paragraph_plan = False  # this paragraph continues a plan
    resumable = False  # a plan paused at this paragraph; a cue in it resumes the plan
    previous_paragraph = -1
    found: list[tuple[int, int, int]] = []  # start, end, paragraph
    for sentence in doc.sentences:
        if sentence.start < doc.title_end:
            continue
        text = low[sentence.start: sentence.end]
        if _is_heading(doc.text[sentence.start: sentence.end]):
            # "I. KẾT QUẢ THỰC HIỆN…", "II. PHƯƠNG HƯỚNG…": the heading sets the mode, promises nothing
            mode = "review" if _REVIEW.search(text) else "plan" if re.search(_TIME_AHEAD, text) else mode
            previous_paragraph = sentence.paragraph
            continue
        if sentence.paragraph != previous_paragraph:
            previous_paragraph = sentence.paragraph
            if lead is not None and sentence.paragraph == lead + 1:
                mode = None  # the lead sums up the article; its plan does not run on
            paragraph_plan = mode == "plan" and bool(
                _OPENS_PLAN.match(_strip_connectors(text)) or _LIST_MARKER.match(text)
            )
            resumable = mode == "plan" and not paragraph_plan
            if resumable:
                mode = None
        if _REVIEW.search(text):
            mode, resumable = "review", False
        cue = _region_start(text)
        if cue is None and (says := _DOCUMENT_SAYS.match(text)):
            cue = ("agree", says.end())  # "Theo quy chế, hai đơn vị tuần tra …": what was signed
        if cue is None and not paragraph_plan:
            continue
        kind, region = cue if cue is not None else ("continue", 0)
        if kind == "continue" and (_REPORTED_DATE.search(text) or _REPORTS.match(text)):
            continue
        if kind == "weak" and mode == "review":
            continue
        if _WISH.search(text[: max(region, 1)]) or _PAST.search(text[:region]):
            continue
        if kind not in ("agree", "propose", "time") and _MONEY_WORDS.search(text):
            continue
        if kind == "time" or (kind == "agree" and _SETS_PLAN.search(text[:region])) or (
            resumable and kind in ("agree", "weak")
        ):
            mode = "plan"
        if kind in ("agree", "time") or mode == "plan":
            paragraph_plan = True
        for clause in _clauses(doc, sentence.start + region, sentence.end):
            found.append((*clause, sentence.paragraph))
    return _select(doc, found, low)


def _strip_connectors(text: str) -> str:
    """The sentence without its list marker and the connectors that open it."""
    text = text.lstrip()
    marker = _LIST_MARKER.match(text)  # at the start only (a dash inside the sentence stays)
    if marker:
        text = text[marker.end():]
    match = _CONNECTORS.match(text)
    return text[match.end():] if match else text


def _region_start(text: str) -> tuple[str, int] | None:
    """Where the promised action starts in a sentence, after its cue; None without a cue."""
    result: tuple[str, int] | None = None
    for match in _CUE.finditer(text):
        if result is not None:
            between = text[result[1]: match.start()]
            if ";" in between or len(between.split()) > _MAX_PRELUDE_WORDS:
                break
        kind = match.lastgroup or "weak"
        if kind in ("weak", "propose"):
            if kind == "weak" and match.group().startswith("cùng"):
                return (result[0] if result else kind), match.start() + len("cùng")
            return (result[0] if result else kind), match.start()
        result = (kind if result is None or result[0] == "time" else result[0], match.end())
    return result


_CLAUSE_SIGNS = re.compile(r"[(“\"\[)”\];]")


def _clauses(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``[start, end)`` at top-level ";" and trim every piece."""
    pieces: list[tuple[int, int]] = []
    depth = 0
    cursor = start
    for found in _CLAUSE_SIGNS.finditer(doc.text, start, end):
        pos, char = found.start(), found.group()
        if char in "(“\"[":
            depth += 1 if char != '"' or depth == 0 else -1
        elif char in ")”]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            pieces.append((cursor, pos))
            cursor = pos + 1
    pieces.append((cursor, end))
    result = []
    for piece_start, piece_end in pieces:
        trimmed = _trim(doc, piece_start, piece_end)
        if trimmed is not None:
            result.append(trimmed)
    return result


def _trim(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    low = doc.lower
    if doc.text[start:end].rstrip().endswith(":"):
        return None  # "Hai bên thống nhất một số nội dung sau:" announces a list
    marker = _LIST_MARKER.match(low, start, end)
    if marker:
        start = marker.end()
    header = _HEADER.search(low, start, end) if ":" in low[start:end] else None
    if header and len(low[header.end(): end].split()) >= 3:
        start = header.end()
    start, end = strip_span(doc.text, start, end, " \t,;:.…-–—")
    connectors = _CONNECTORS.match(low, start, end)
    if connectors:
        start = connectors.end()
    tail = _OUTCOME_TAIL.search(low, start, end)
    if tail:
        end = tail.start()
    start, end = strip_span(doc.text, start, end, " \t,;:.…-–—")
    clause = low[start:end]
    if _OUTCOME.match(clause) or len(clause.split()) < _MIN_WORDS:
        return None
    if ("lĩnh vực" in clause and _GENERIC_END.search(clause)) or _PAST.match(clause):
        return None
    return start, end


_LETTER = re.compile(r"[^\W\d_]")
_LOWER_LETTER = re.compile("[" + "".join(chr(c) for c in range(0x61, 0x1F00) if chr(c).islower()) + "]")


def _is_heading(text: str) -> bool:
    """A line in capitals ("II. PHƯƠNG HƯỚNG HỢP TÁC") titles a section; it promises nothing."""
    lower = len(_LOWER_LETTER.findall(text, 0, 80))
    if lower > 16:
        return False  # more than a fifth of the opening letters are small: a sentence
    letters = len(_LETTER.findall(text))
    return bool(letters) and letters - len(_LOWER_LETTER.findall(text)) >= 0.8 * letters


def _lead_paragraph(doc: Document) -> int | None:
    """The paragraph after the headline, which sums up the article; None without a headline."""
    return doc.paragraphs[1].paragraph if doc.title_end and len(doc.paragraphs) > 1 else None


def _select(doc: Document, found: list[tuple[int, int, int]], low: str) -> list[dict]:
    lead = _lead_paragraph(doc)
    pairs_of = [set(bigrams(words(doc.text[s:e]))) for s, e, _ in found]  # word pairs of each item, found once
    body = [pairs for pairs, item in zip(pairs_of, found, strict=True) if item[2] != lead]
    body_pairs = set().union(*body)
    kept: list[int] = []  # indexes into found
    by_pair: dict[tuple[str, str], list[int]] = {}  # word pair → indexes into kept of the items holding it
    for index, item in enumerate(found):
        pairs = pairs_of[index]
        if lead is not None and item[2] == lead and body and pairs:
            if sum(p in body_pairs for p in pairs) / len(pairs) >= _LEAD_COVERED:
                continue
        if _repeats(doc, index, found, pairs_of, kept, by_pair):
            continue
        for pair in pairs:
            by_pair.setdefault(pair, []).append(len(kept))
        kept.append(index)
    chosen = [found[index][:2] for index in kept]
    return [{**doc.item(s, e), "domain": _domain(doc, low, s, e), "_at": (s, e)} for s, e in chosen]


def _repeats(doc: Document, index: int, found: list, pairs_of: list[set], kept: list[int], by_pair: dict) -> bool:
    """Whether item ``index`` of ``found`` nearly repeats a kept one. Only kept items sharing
    enough word pairs to reach the threshold are compared, so long lists stay linear."""
    pairs = pairs_of[index]
    text = doc.text[found[index][0]: found[index][1]]
    shared = Counter(position for pair in pairs for position in by_pair.get(pair, ()))
    for position, count in shared.items():
        other = kept[position]
        if count >= _MIN_SHARED_PAIRS * (len(pairs) + len(pairs_of[other])):
            if similarity(text, doc.text[found[other][0]: found[other][1]]) >= _DUPLICATE:
                return True
    return not pairs and any(similarity(text, doc.text[found[k][0]: found[k][1]]) >= _DUPLICATE for k in kept[-20:])


def _domain(doc: Document, low: str, start: int, end: int) -> str:
    sentence: Block | None = doc.sentence_at(start)
    default = "politics"
    if sentence is not None:
        header = _DOMAIN_HEADER.match(low, sentence.start, sentence.end)
        context = (header.start(1), header.end(1)) if header else doc.around(start, end, 200)
        default = classify(doc, *context, default)
    return classify(doc, start, end, default)
