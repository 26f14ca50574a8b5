"""The words every format of the review report shares, translated in the report's language."""

from django.utils.translation import gettext as _

from bordertwin.reports import formatting
from bordertwin.reports.review import CommitmentLine, DeliveryLine, MoneyTotal, ReviewData
from bordertwin.tracking.services import Total

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def sections(data: ReviewData) -> list[tuple[str, str]]:
    """(key, numbered heading) of the sections the report has, in order."""
    keys = [
        ("general", _("General information")),
        ("results", _("Results by domain and commitment")),
        ("activities", _("Activities")),
        ("deliveries", _("Support delivered")),
    ]
    if data.border is not None:
        keys.append(("border", _("Border protection")))
    keys += [("open", _("What remains open")), ("proposals", _("Proposals for the talks"))]
    return [(key, "{number}. {title}".format(number=ROMAN[i], title=title)) for i, (key, title) in enumerate(keys)]


def period(data: ReviewData) -> str:
    return _("from {start} to {end}").format(start=formatting.date(data.date_from), end=formatting.date(data.date_to))


def intro(data: ReviewData) -> str:
    return _(
        "This report reviews the cooperation between {vn} and {la} {period}, "
        "as the records of both sides show it, to prepare the annual talks."
    ).format(vn=data.vn_side, la=data.la_side, period=period(data))


def commitment_summary(data: ReviewData) -> str:
    return _(
        "{total} commitments were followed: {done} done, {in_progress} in progress, {rest} not started."
    ).format(
        total=data.commitment_count, done=sum(d.done for d in data.domains),
        in_progress=sum(d.in_progress for d in data.domains), rest=sum(d.not_started for d in data.domains),
    )


def quantity(line: DeliveryLine, language: str) -> str:
    if line.quantity is None:
        return ""
    return "{quantity} {unit}".format(quantity=formatting.number(line.quantity, language), unit=line.unit).strip()


def value(line: DeliveryLine, language: str) -> str:
    if line.value is None:
        return ""
    text = "{amount} {currency}".format(amount=formatting.number(line.value, language), currency=line.currency)
    return "{qualifier} {text}".format(qualifier=line.qualifier, text=text) if line.qualifier else text


def total(item: MoneyTotal, language: str) -> str:
    text = "{amount} {currency}".format(amount=formatting.number(item.amount, language), currency=item.currency)
    return "{qualifier} {text}".format(qualifier=item.qualifier, text=text) if item.qualifier else text


def converted(item: Total, language: str) -> str:
    amount = "{amount} {currency}".format(amount=formatting.number(item.amount, language), currency=item.currency)
    if item.complete:
        if item.approximate:
            return _("All values together: about {amount}.").format(amount=amount)
        return _("All values together: {amount}.").format(amount=amount)
    return _(
        "All values together: at least {amount}; no exchange rate is recorded for {missing}, "
        "so those values are left out of this sum."
    ).format(amount=amount, missing="; ".join(str(gap) for gap in item.missing))


def progress(line: CommitmentLine, language: str) -> str:
    return formatting.percent(line.progress, language)


def headers() -> dict[str, list[str]]:
    return {
        "domains": [_("Domain"), _("Commitments"), _("Done"), _("In progress"), _("Not started"), _("Progress")],
        "commitments": [_("No."), _("Commitment"), _("Target"), _("Status"), _("Progress")],
        "activities": [_("No."), _("Date"), _("Kind"), _("Activity"), _("Place"), _("Participants")],
        "deliveries": [_("No."), _("Date"), _("Category"), _("Item"), _("Quantity"), _("Value"), _("Given by"), _("Received by")],
    }
