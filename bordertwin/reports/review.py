"""What a review report for the annual talks holds, as plain data the DOCX, PDF and XLSX writers share.

The data is assembled once (services.review_data) in the report's language, so the
writers only lay it out: labels are already translated, amounts are Decimals, dates
are dates.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from bordertwin.tracking.services import MissingRate


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
    # 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH': the lines above the signature, top to bottom.
    signer_lines: list[str]
    signer_note: str
    # The issuer as the heading sets it, line by line: "ỦY BAN NHÂN DÂN" above "XÃ HƯƠNG KHÊ" (Decree 30).
    issuer_lines: list[str] = field(default_factory=list)


@dataclass
class AgreementLine:
    title: str
    kind: str
    signed_on: datetime.date
    signed_at: str
    # How much of the date is known: "day", "month" or "year" (core.choices.DatePrecision).
    precision: str = "day"


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
    # The earlier agreements it was carried over from, oldest first ("Biên bản ghi nhớ (25/06/2022)").
    history: list[str] = field(default_factory=list)


@dataclass
class DomainResult:
    """The commitments of one domain, with how far they went."""

    domain: str
    label: str
    commitments: list[CommitmentLine]
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    # Cancelled, or carried into minutes signed after the period: they count in no other column.
    closed: int = 0
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
    precision: str = "day"


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
    precision: str = "day"


@dataclass
class MoneyTotal:
    currency: str
    amount: Decimal
    # "hơn", "dưới" or "khoảng", as its parts were (reports.money.combined_qualifier).
    qualifier: str = ""
    # Said after the amount when the parts leaned both ways.
    note: str = ""


@dataclass
class ConvertedTotal:
    """All values in one currency at the rates of their days; what could not be converted is named."""

    amount: Decimal
    currency: str
    counted: int = 0
    missing: list[MissingRate] = field(default_factory=list)
    # Conversions made through the US dollar for want of a direct rate, e.g. "LAK→USD→VND".
    via_pivot: list[str] = field(default_factory=list)
    qualifier: str = ""
    note: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing


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
    converted: ConvertedTotal | None = None
    open_commitments: list[CommitmentLine] = field(default_factory=list)
    proposals: list[CommitmentLine] = field(default_factory=list)
    blank_proposal_lines: int = 5
    border: list[BorderFact] | None = None
    # The reader may not see patrols and incidents: the section says so rather than count them as none.
    border_withheld: bool = False
    # The issuer the user may choose instead (place id, name), when more than one unit carries the partnership on.
    issuer_choices: list[tuple[str, str]] = field(default_factory=list)
    issuer_key: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def commitment_count(self) -> int:
        return sum(d.total for d in self.domains)
