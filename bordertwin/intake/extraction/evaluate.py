"""Evaluation of :func:`extract` against gold annotations.

A directory holds ``NAME.gold.json`` files (format: docs/intake.md). Each gold file names
its text in ``text_file`` (else ``NAME.txt``); the text is looked for beside the gold
file, then in ``../seeds/``. An optional ``document_date`` ("YYYY-MM-DD") in the gold file
is passed to :func:`extract`.

Per field, predicted items are matched one-to-one with gold items (greedily, best score
first); a match is a true positive, an unmatched prediction a false positive, an
unmatched gold item a false negative. Precision, recall and F1 follow per field, and
overall from the summed counts (micro-average).

Matching rules:

- parties (vn_parties + la_parties, each matched within its own side): the names, folded
  (no case, no diacritics, đ → d) and without their level word ("huyện", "cụm bản",
  "Đồn Biên phòng"…), are equal once spaces and hyphens are dropped ("NaKai" = "Na Kai")
  and doubled vowels collapsed ("Noỏng Mạ" = "Nỏng Mạ"), or one contains the other as
  whole words;
- event_date: the same "YYYY-MM-DD" or "YYYY-MM" string, and the same last day when the
  gold gives one (``event_end``, for "28–31/10/2025"); when the gold's event date is null
  with a partial date (``event_partial``, "--10-30"), the prediction must leave the event
  date null and keep the same partial date;
- agreement_dates: the same "YYYY-MM-DD" or "YYYY-MM" string, and the same kind
  (memorandum, minutes, regulation, plan, agreement) when the gold gives one;
- money: the same (amount, currency, qualifier), the amount compared exactly;
- quantities: the same (value, unit), and items that share at least half of the folded
  words of the shorter one (or either item empty);
- domains: the same value;
- commitments: a similarity of at least ``COMMITMENT_THRESHOLD``, the mean of the
  F-scores of folded words and of folded word pairs;
- proposed_places (scored only where the gold lists them): the same name as for parties,
  and the same parent name, or both without a parent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import extract
from .parties import LEVEL_WORDS
from .text import fold, name_key, similarity, words

FIELDS = (
    "parties", "event_date", "agreement_dates", "money", "quantities", "domains", "commitments", "proposed_places",
)
COMMITMENT_THRESHOLD = 0.4
ITEM_OVERLAP = 0.5
_LEVEL_PREFIXES = sorted({fold(word) for word, _, _ in LEVEL_WORDS}, key=len, reverse=True)


def evaluate_dir(path: str | Path) -> dict:
    """Counts and scores per field and overall for the gold files in ``path``."""
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such directory: {folder}")
    totals: dict[str, Counter[str]] = {field: Counter() for field in FIELDS}
    documents: list[dict] = []
    missing: list[str] = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{gold_path.name} is not UTF-8 JSON: {error}") from error
        text_path = find_text(gold_path, gold)
        if text_path is None:
            missing.append(gold_path.name)
            continue
        document_date = dt.date.fromisoformat(gold["document_date"]) if gold.get("document_date") else None
        predicted = extract(text_path.read_text(encoding="utf-8"), document_date=document_date)
        counts = compare(gold, predicted)
        for field in FIELDS:
            totals[field].update(counts[field])
        documents.append({
            "gold": gold_path.name, "text": str(text_path), "counts": counts,
            "fields": {f: _scores(counts[f]) for f in FIELDS},
        })
    overall: Counter[str] = Counter()
    for field in FIELDS:
        overall.update(totals[field])
    return {
        "documents": documents,
        "missing_texts": missing,
        "fields": {field: _scores(totals[field]) for field in FIELDS},
        "overall": _scores(overall),
    }


def find_text(gold_path: Path, gold: dict) -> Path | None:
    """The text of a gold file: beside it, else in ``../seeds/``."""
    name = gold.get("text_file") or gold_path.name.removesuffix(".gold.json") + ".txt"
    for folder in (gold_path.parent, gold_path.parent.parent / "seeds"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def compare(gold: dict, predicted: dict) -> dict[str, Counter]:
    """True positives, false positives and false negatives per field for one document."""
    counts = {}
    counts["parties"] = _match(gold.get("vn_parties", []), predicted["vn_parties"], _party_score) + _match(
        gold.get("la_parties", []), predicted["la_parties"], _party_score
    )
    gold_event, predicted_event = _event(gold), _event(predicted)
    if gold_event and gold_event[0][0] != "partial" and predicted_event and predicted_event[0][0] == "partial":
        predicted_event = []  # a day and month without a year claims nothing against a full date
    counts["event_date"] = _match(gold_event, predicted_event, _equal)
    counts["agreement_dates"] = _match(gold.get("agreement_dates", []), predicted["agreement_dates"], _agreement_score)
    counts["money"] = _match(
        [_money_key(m) for m in gold.get("money", [])], [_money_key(m) for m in predicted["money"]], _equal
    )
    counts["quantities"] = _match(gold.get("quantities", []), predicted["quantities"], _quantity_score)
    counts["domains"] = _match(
        [_value(d) for d in gold.get("domains", [])], [_value(d) for d in predicted["domains"]], _equal
    )
    counts["commitments"] = _match(
        [_text(c) for c in gold.get("commitments", [])],
        [_text(c) for c in predicted["commitments"]],
        lambda g, p: s if (s := similarity(g, p)) >= COMMITMENT_THRESHOLD else 0.0,
    )
    counts["proposed_places"] = (
        _match(gold["proposed_places"], predicted.get("proposed_places", []), _place_score)
        if "proposed_places" in gold else Counter()
    )
    return counts


def _match(gold: list, predicted: list, score: Callable[[Any, Any], float]) -> Counter:
    """One-to-one greedy matching, best score first; a score of 0 never matches."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            value = score(g, p)
            if value > 0:
                candidates.append((value, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, i, j in candidates:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
    tp = len(used_gold)
    return Counter(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def _equal(first: Any, second: Any) -> float:
    return 1.0 if first == second else 0.0


def _text(item: Any) -> str:
    return item if isinstance(item, str) else item.get("text", "")


def _value(item: Any) -> Any:
    return item.get("value") if isinstance(item, dict) else item


def party_name(item: Any) -> str:
    """The folded name of a party without its level word."""
    if isinstance(item, dict) and item.get("name"):
        return " ".join(words(item["name"]))
    name = " ".join(words(_text(item)))
    for prefix in _LEVEL_PREFIXES:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1:]
    return name


def _party_score(gold: Any, predicted: Any) -> float:
    a, b = party_name(gold), party_name(predicted)
    if not a or not b:
        return 0.0
    if name_key(a) == name_key(b):
        return 1.0
    return 0.5 if f" {a} " in f" {b} " or f" {b} " in f" {a} " else 0.0


def _event(data: dict) -> list[tuple]:
    """The event date as one comparable item: (value, last day) or ("partial", "--MM-DD")."""
    event = data.get("event_date")
    if isinstance(event, dict):
        return [(event["value"], event.get("end"))]
    if event:
        return [(event, data.get("event_end"))]
    partial = data.get("event_partial")
    if isinstance(partial, dict):
        partial = partial.get("value")
    return [("partial", partial)] if partial else []


def _agreement_score(gold: Any, predicted: dict) -> float:
    if _value(gold) != predicted["value"]:
        return 0.0
    kind = gold.get("kind") if isinstance(gold, dict) else None
    return 1.0 if kind in (None, predicted.get("kind")) else 0.0


def _place_score(gold: dict, predicted: dict) -> float:
    if not _party_score(gold["name"], predicted):
        return 0.0
    parents = (gold.get("parent"), predicted.get("parent"))
    if not any(parents):
        return 1.0
    return 1.0 if all(parents) and _party_score(parents[0], parents[1]) else 0.0


def _money_key(item: dict) -> tuple:
    return Decimal(str(item["amount"])), item["currency"], item.get("qualifier", "exact")


def _quantity_score(gold: dict, predicted: dict) -> float:
    if Decimal(str(gold["value"])) != Decimal(str(predicted["value"])) or fold(gold["unit"]) != fold(predicted["unit"]):
        return 0.0
    a, b = set(words(gold.get("item", ""))), set(words(predicted.get("item", "")))
    if not a or not b:
        return 0.5
    overlap = len(a & b) / min(len(a), len(b))
    return overlap if overlap >= ITEM_OVERLAP else 0.0


def _scores(counts: Counter) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def format_report(result: dict) -> str:
    """A plain-text table of :func:`evaluate_dir`'s result."""
    lines = [f"{'field':<16} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    rows = [(field, result["fields"][field]) for field in FIELDS] + [("overall", result["overall"])]
    for name, s in rows:
        if not s["tp"] + s["fp"] + s["fn"]:
            lines.append(f"{name:<16} {0:>4} {0:>4} {0:>4}  (nothing to score)")
            continue
        lines.append(
            f"{name:<16} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
        )
    lines.append("")
    for document in result["documents"]:
        per_field = "  ".join(
            f"{f}={document['fields'][f]['f1']:.2f}" for f in FIELDS if sum(document["counts"][f].values())
        )
        lines.append(f"{document['gold']}: {per_field}")
    for name in result["missing_texts"]:
        lines.append(f"{name}: text not found (beside the gold file or in ../seeds/)")
    lines.append(f"{len(result['documents'])} document(s)")
    return "\n".join(lines)
