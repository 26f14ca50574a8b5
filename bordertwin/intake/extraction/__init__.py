"""BorderTwin's document intake: propose what a Vietnamese text about Vietnam–Laos border
twinning states (parties, dates, money, quantities, domains, commitments).

Pure Python and the standard library; no Django. Every proposed item carries
``span = [start, end]``, offsets into the text as given (``text[start:end]`` is the
matched text). Only the main article is read: the page chrome after it ("Đọc thêm",
"Tin bài liên quan"…) is ignored.

    >>> result = extract(text, document_date=datetime.date(2024, 6, 23))
    >>> result["money"][0]["amount"]
"""

from __future__ import annotations

import datetime as dt

from .commitments import find_commitments
from .dates import agreement_dates, document_date_from_text, find_dates, pick_event_date
from .domains import DOMAINS, find_domains
from .money import find_money
from .parties import PlaceMatcher, find_parties, proposed_places
from .quantities import UNIT_AFTER, find_quantities
from .text import Document, Occupancy

__all__ = ["DOMAINS", "PlaceMatcher", "extract"]


def extract(text: str, *, document_date: dt.date | None = None, matcher: PlaceMatcher | None = None) -> dict:
    """What ``text`` states, in the gold format, with spans into ``text``.

    ``document_date`` (the publication date) gives the year of dates written without
    one; a stored "date YYYY-MM[-DD]" line in the text serves when it is not given.
    ``matcher`` finds registry places for the parties and helps tell their side.
    """
    doc = Document(text)
    notes: list[str] = []
    if document_date is None:
        document_date = document_date_from_text(doc)
    if document_date is None:
        notes.append("no document date: dates written without a year are left out")
    mentions = find_dates(doc, unit_after=UNIT_AFTER)
    event_date, event_partial, event_notes = pick_event_date(doc, mentions, document_date)
    agreements, agreement_notes = agreement_dates(doc, mentions, document_date, event_date)
    money = find_money(doc)
    taken = Occupancy(len(doc.text))
    for start, end in [m["_at"] for m in money] + [(d.start, d.end) for d in mentions]:
        taken.take(start, end)
    quantities = find_quantities(doc, taken)
    vn_parties, la_parties, party_notes = find_parties(doc, matcher)
    notes += event_notes + agreement_notes + party_notes
    if doc.main_end < len(doc.text):
        notes.append(f"page chrome from offset {doc.span(doc.main_end, doc.main_end)[0]} ignored")
    return {
        "vn_parties": vn_parties,
        "la_parties": la_parties,
        "proposed_places": proposed_places(vn_parties, la_parties, matcher),
        "event_date": event_date,
        "event_partial": event_partial,
        "agreement_dates": agreements,
        "money": _public(money),
        "quantities": _public(quantities),
        "domains": find_domains(doc),
        "commitments": _public(find_commitments(doc)),
        "document_date": document_date.isoformat() if document_date else None,
        "notes": notes,
    }


def _public(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if not k.startswith("_")} for item in items]
