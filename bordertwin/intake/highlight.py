"""The document's text cut into pieces, the proposed spans marked, for the review page."""

from dataclasses import dataclass
from typing import Any

# Proposal fields whose spans are marked, and the mark's class.
MARKED = (
    ("vn_parties", "party"), ("la_parties", "party"), ("agreement_dates", "date"), ("event_date", "date"),
    ("money", "money"), ("quantities", "quantity"), ("commitments", "commitment"),
)


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str = ""  # empty: plain text
    label: str = ""


def spans(proposals: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    found = []
    for field, kind in MARKED:
        items = proposals.get(field)
        if isinstance(items, dict):
            items = [items]
        for item in items or []:
            # A party is marked wherever the text names it ("spans"), not only where first named.
            for span in item.get("spans") or [item.get("span")]:
                if span and len(span) == 2:
                    found.append((span[0], span[1], kind, item.get("text", "")))
    return found


def pieces(text: str, proposals: dict[str, Any]) -> list[Piece]:
    """Plain and marked pieces in reading order; a span overlapping an earlier one is left unmarked."""
    result: list[Piece] = []
    position = 0
    for start, end, kind, label in sorted(spans(proposals), key=lambda s: (s[0], -s[1])):
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            result.append(Piece(text[position:start]))
        result.append(Piece(text[start:end], kind, label))
        position = end
    if position < len(text):
        result.append(Piece(text[position:]))
    return result
