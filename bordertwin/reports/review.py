"""What a review report for the annual talks holds, as plain data the DOCX, PDF and XLSX writers share.

The data is assembled once (services.review_data) in the report's language, so the
writers only lay it out: labels are already translated, amounts are Decimals, dates
are dates.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from bordertwin.tracking.services import Total


@dataclass
class Letterhead:
    """The administrative frame of the document (Decree 30/2020/NĐ-CP in Vietnam, its Lao equivalent)."""

    country: str
    nation: str
    motto: str
    authority: str
    issuer: str
    number_line: str
    place_date: str
    title: str
    subtitle: str
    recipients: list[str]
    signer_capacity: str
    signer_title: str
    signer_note: str


@dataclass
class AgreementLine:
    title: str
    kind: str
    signed_on: datetime.date
    signed_at: str


@dataclass
class CommitmentLine:
    """One commitment as the report shows it."""

    pk: int
    text: str
    domain: str
    domain_label: str
    status: str
    status_label: str
    progress: Decimal | None
    target: str
    agreement: str
    depth: int = 0


@dataclass
class DomainResult:
    """The commitments of one domain, with how far they went."""

    domain: str
    label: str
    commitments: list[CommitmentLine]
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    progress: Decimal | None = None

    @property
    def total(self) -> int:
        return len(self.commitments)


@dataclass
class ActivityLine:
    date: datetime.date | None
    kind: str
    title: str
    place: str
    participants: str


@dataclass
class DeliveryLine:
    """One delivery of support, with its value as the source gave it."""

    date: datetime.date | None
    category: str
    item: str
    quantity: Decimal | None
    unit: str
    value: Decimal | None
    currency: str
    qualifier: str
    giver: str
    recipient: str
    commitment: str
    confirmation: str


@dataclass
class MoneyTotal:
    currency: str
    amount: Decimal
    # "more than" or "about" when some of the values summed were not exact.
    qualifier: str = ""


@dataclass
class BorderFact:
    """A line of the border-protection section: a count, or a breakdown of counts."""

    label: str
    value: str = ""
    parts: list["BorderFact"] = field(default_factory=list)


@dataclass
class ReviewData:
    """A partnership's review report for one period."""

    partnership_id: int
    partnership: str
    vn_side: str
    la_side: str
    language: str
    date_from: datetime.date
    date_to: datetime.date
    letterhead: Letterhead
    agreements: list[AgreementLine] = field(default_factory=list)
    domains: list[DomainResult] = field(default_factory=list)
    activities: list[ActivityLine] = field(default_factory=list)
    deliveries: list[DeliveryLine] = field(default_factory=list)
    totals: list[MoneyTotal] = field(default_factory=list)
    # All values converted into one currency at the rates of their dates.
    converted: Total | None = None
    open_commitments: list[CommitmentLine] = field(default_factory=list)
    proposals: list[CommitmentLine] = field(default_factory=list)
    blank_proposal_lines: int = 5
    border: list[BorderFact] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def commitment_count(self) -> int:
        return sum(d.total for d in self.domains)
