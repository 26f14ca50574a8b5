"""The words every format of the review report shares, translated in the report's language."""

from django.utils.translation import gettext as _

from bordertwin.reports import formatting, money
from bordertwin.reports.review import CommitmentLine, ConvertedTotal, DeliveryLine, MoneyTotal, ReviewData
from bordertwin.tracking.choices import ValueQualifier

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
    """'25 commitments were followed: 6 done, 5 in progress, 11 not started, 3 cancelled or carried over': the parts
    add up to the total (a commitment carried over is counted once, under its latest agreement)."""
    closed = sum(d.closed for d in data.domains)
    counts = {
        "total": data.commitment_count, "done": sum(d.done for d in data.domains),
        "in_progress": sum(d.in_progress for d in data.domains), "rest": sum(d.not_started for d in data.domains),
        "closed": closed,
    }
    if closed:
        return _(
            "{total} commitments were followed: {done} done, {in_progress} in progress, {rest} not started, "
            "{closed} cancelled or carried over."
        ).format(**counts)
    return _(
        "{total} commitments were followed: {done} done, {in_progress} in progress, {rest} not started."
    ).format(**counts)


def commitment_text(line: CommitmentLine) -> str:
    """A commitment's text, with the agreements it was carried over from."""
    if not line.history:
        return line.text
    return _("{text} (carried over from: {history})").format(text=line.text, history="; ".join(line.history))


def quantity(line: DeliveryLine, language: str) -> str:
    if line.quantity is None:
        return ""
    return "{quantity} {unit}".format(quantity=formatting.number(line.quantity, language), unit=line.unit).strip()


def value(line: DeliveryLine, language: str) -> str:
    if line.value is None:
        return ""
    text = "{amount} {currency}".format(amount=formatting.number(line.value, language), currency=line.currency)
    return "{qualifier} {text}".format(qualifier=line.qualifier, text=text) if line.qualifier else text


def total(item: MoneyTotal | ConvertedTotal, language: str) -> str:
    """'hơn 1.300.000.000 VND': the amount with the qualifier its parts give it."""
    text = "{amount} {currency}".format(amount=formatting.number(item.amount, language), currency=item.currency)
    if item.qualifier:
        text = "{qualifier} {text}".format(qualifier=item.qualifier, text=text)
    return "{text} ({note})".format(text=text, note=item.note) if item.note else text


def converted(item: ConvertedTotal, language: str) -> list[str]:
    """The sentences on all values in one currency: the sum, the rates it went through, the rates it lacks."""
    missing = "; ".join(str(gap) for gap in item.missing)
    if not item.counted:
        # Nothing could be converted: there is no sum to give, not a sum of zero.
        return [_("No exchange rate is recorded to add up the values in {currency}: {missing}.").format(
            currency=item.currency, missing=missing)]
    if item.missing:
        # What is left out only adds: "at least" already says what "more than" would.
        bare = "{amount} {currency}".format(amount=formatting.number(item.amount, language), currency=item.currency)
        approximate = item.qualifier == money.qualifier_word(ValueQualifier.APPROXIMATELY)
        lines = [_("All values together: at least {amount}.").format(
            amount="{qualifier} {text}".format(qualifier=item.qualifier, text=bare) if approximate else bare)]
    else:
        lines = [_("All values together: {amount}.").format(amount=total(item, language))]
    if item.via_pivot:
        lines.append(_("No direct exchange rate is recorded for {pairs}: those values were converted through the US dollar.").format(
            pairs=", ".join(item.via_pivot)))
    if item.missing:
        lines.append(_("Left out of this sum, for want of an exchange rate: {missing}.").format(missing=missing))
    return lines


def border_withheld() -> str:
    return _("Joint patrols and incidents are shown only to readers who may see border-sensitive records; "
             "they are left out of this copy of the report.")


def progress(line: CommitmentLine, language: str) -> str:
    return formatting.percent(line.progress, language)


def headers() -> dict[str, list[str]]:
    return {
        "domains": [_("Domain"), _("Commitments"), _("Done"), _("In progress"), _("Not started"),
                    _("Cancelled or carried over"), _("Progress")],
        "commitments": [_("No."), _("Commitment"), _("Target"), _("Status"), _("Progress")],
        "activities": [_("No."), _("Date"), _("Kind"), _("Activity"), _("Place"), _("Participants")],
        "deliveries": [_("No."), _("Date"), _("Category"), _("Item"), _("Quantity"), _("Value"), _("Given by"), _("Received by")],
    }
