"""The minutes of the next talks (Biên bản hội đàm), drafted from the record in Vietnamese and Lao side by side.

The talks review what the last period's commitments became and agree on those of the next
period: the open ones carried over, and new ones proposed on the drafting page. The draft
is edited and signed by both delegations; the signed file goes back through the intake,
which reads its commitments into the record.

Every line is written once per language from the same code, so the two columns say the
same things in the same order.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from bordertwin.access.users import Actor
from bordertwin.core.languages import in_reader_language
from bordertwin.partnerships import services as partnership_services
from bordertwin.partnerships.choices import CommitmentStatus
from bordertwin.partnerships.models import Commitment, Partnership
from bordertwin.tracking import services as tracking_services
from bordertwin.tracking.choices import ActivityKind
from bordertwin.tracking.models import Activity

from . import formatting, services

LANGUAGES = ("vi", "lo")
OPEN = (CommitmentStatus.PROPOSED, CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS)


@dataclass
class Reviewed:
    """One commitment of the last period as the talks review it."""

    commitment: Commitment
    progress: Decimal | None
    history: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.commitment.status in OPEN


@dataclass
class MinutesData:
    """What the drafted minutes say, before they are written in either language."""

    partnership: Partnership
    held_on: datetime.date
    time: str
    venue: str
    vn_delegation: list[str]
    la_delegation: list[str]
    period: tuple[datetime.date, datetime.date]
    reviewed: list[Reviewed]
    new_commitments: list[str]

    @property
    def carried(self) -> list[Reviewed]:
        return [item for item in self.reviewed if item.is_open]


@dataclass
class Line:
    """A line of the minutes in one language; `kind` says how it is laid out (see documents.minutes)."""

    kind: str
    text: str


def people(text: str) -> list[str]:
    return [line.strip(" -–•\t") for line in text.splitlines() if line.strip(" -–•\t")]


def minutes_data(partnership: Partnership, held_on: datetime.date, user: Actor, *, time: str = "", venue: str = "",
                 vn_delegation: str = "", la_delegation: str = "", new_commitments: str = "") -> MinutesData:
    """The minutes of the talks of `held_on`, as `user` may see the record (the partnership is already checked).

    The delegations and the place default to what the talks of that day recorded; the commitments reviewed are
    those of the period since the previous talks, each undertaking once, with its measured progress.
    """
    talks = (
        Activity.objects.restrict(user).filter(partnership=partnership, kind=ActivityKind.TALKS, started_on=held_on)
        .order_by("pk").first()
    )
    period = services.default_period(partnership, user, today=held_on)
    commitments = list(
        Commitment.objects.restrict(user)
        .filter(agreement__partnership=partnership, agreement__signed_on__lte=held_on)
        .select_related("agreement", "target_unit").order_by("agreement__signed_on", "agreement_id", "position", "pk")
    )
    progress = partnership_services.progress_of(commitments, tracking_services.measured_progress(commitments, today=held_on))
    by_pk = {c.pk: c for c in commitments}
    reviewed = [
        Reviewed(c, progress.get(c.pk), services.commitment_history(c, by_pk))
        for c in services.latest_commitments(commitments) if c.status != CommitmentStatus.CANCELLED
    ]
    return MinutesData(
        partnership=partnership, held_on=held_on, time=time.strip(), venue=venue.strip() or (talks.venue if talks else ""),
        vn_delegation=people(vn_delegation) or (people(talks.vn_participants) if talks else []),
        la_delegation=people(la_delegation) or (people(talks.la_participants) if talks else []),
        period=period, reviewed=reviewed, new_commitments=[c for c in people(new_commitments)],
    )


def lines(data: MinutesData, language: str) -> list[Line]:
    """The minutes in one language, line by line. Call under `translation.override(language)`."""
    partnership = data.partnership
    vn = services.side_name(partnership, "VN", language)
    la = services.side_name(partnership, "LA", language)
    blank = "……………………"
    # Each language's column opens with its own country's heading, as the two copies of signed minutes do.
    if language == "lo":
        nation, motto = _("LAO PEOPLE'S DEMOCRATIC REPUBLIC"), _("Peace Independence Democracy Unity Prosperity")
    else:
        nation, motto = _("SOCIALIST REPUBLIC OF VIETNAM"), _("Independence - Freedom - Happiness")
    out = [
        Line("nation", nation),
        Line("motto", motto),
        Line("title", _("MINUTES OF TALKS")),
        Line("subtitle", _("between {vn} and {la}").format(vn=vn, la=la)),
        Line("text", _("On {date}{time}, at {venue}, the delegation of {vn} and the delegation of {la} held talks to "
                       "review the cooperation from {start} to {end} and agree on the commitments of the next period.").format(
            date=formatting.date(data.held_on), time=_(", at {time}").format(time=data.time) if data.time else "",
            venue=data.venue or blank, vn=vn, la=la, start=formatting.date(data.period[0]), end=formatting.date(data.period[1]))),
        Line("heading", _("I. The delegations")),
        Line("subheading", _("1. The delegation of {side}:").format(side=vn)),
        *[Line("item", "- " + name) for name in data.vn_delegation or [blank]],
        Line("subheading", _("2. The delegation of {side}:").format(side=la)),
        *[Line("item", "- " + name) for name in data.la_delegation or [blank]],
        Line("heading", _("II. Review of the commitments of the last period")),
    ]
    if not data.reviewed:
        out.append(Line("text", _("No commitments are recorded.")))
    for number, item in enumerate(data.reviewed, start=1):
        c = item.commitment
        text = in_reader_language(c, "text", language).plain()
        if item.history:
            text = _("{text} (carried over from: {history})").format(text=text, history="; ".join(item.history))
        out.append(Line("item", _("{number}. {text} ({domain}) — result so far: {status}, progress {progress}.").format(
            number=number, text=text, domain=c.get_domain_display(), status=c.get_status_display(),
            progress=formatting.percent(item.progress, language))))
    out.append(Line("heading", _("III. Commitments for the next period")))
    out.append(Line("text", _("The two sides agreed to carry out the following in the next period:")))
    number = 0
    for item in data.carried:
        number += 1
        out.append(Line("item", _("{number}. {text}; (carried over)").format(
            number=number, text=in_reader_language(item.commitment, "text", language).plain())))
    for text in data.new_commitments:
        number += 1
        out.append(Line("item", _("{number}. {text}; (new)").format(number=number, text=text)))
    if not number:
        out.append(Line("item", blank))
    out += [
        Line("text", _("These minutes are made in Vietnamese and Lao, both texts being equally authentic; each side keeps "
                       "one copy in each language.")),
        Line("sign", _("FOR {side}").format(side=vn.upper())),
        Line("sign", _("FOR {side}").format(side=la.upper())),
    ]
    return out


def bilingual(data: MinutesData) -> list[tuple[Line, Line]]:
    """The minutes' lines, Vietnamese beside Lao."""
    columns = []
    for language in LANGUAGES:
        with translation.override(language):
            columns.append(lines(data, language))
    return list(zip(columns[0], columns[1], strict=True))
