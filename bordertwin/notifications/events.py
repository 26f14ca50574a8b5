"""Each event written as a sentence, in the language active when it is read (the reader's)."""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import formats
from django.utils.translation import gettext as _

from bordertwin.border.choices import IncidentStatus
from bordertwin.jobs import registry as job_registry

from .models import Event, Notification


def _date(value: str) -> str:
    return formats.date_format(datetime.date.fromisoformat(value), "d/m/Y") if value else ""


def _kind(notification: Notification) -> str:
    model = notification.target_type.model_class() if notification.target_type is not None else None
    return str(model._meta.verbose_name) if model is not None else ""


def _job_label(kind: str) -> str:
    try:
        return str(job_registry.kind(kind).label)
    except KeyError:
        return kind


def title_of(notification: Notification) -> str:
    """The record's name as the reader's language writes it (a marker, an incident's category), else as it was when told."""
    target = notification.target if notification.target_type_id and notification.event != Event.JOB_FINISHED else None
    return str(target) if target is not None else notification.params.get("title", "")


def message(notification: Notification) -> str:
    """What the notification says, in the active language; user-typed text inside it is escaped where it is shown."""
    p: dict[str, Any] = notification.params
    title = title_of(notification)
    event = notification.event
    if event == Event.AWAITS_CONFIRMATION and p.get("count"):
        model = ContentType.objects.get_for_id(p["kinds"]).model_class()
        kinds = str(model._meta.verbose_name_plural) if model is not None else ""
        return _("The other side entered {count} {kinds} in “{title}”: they await your side's confirmation.").format(
            count=p["count"], kinds=kinds, title=title)
    if event == Event.AWAITS_CONFIRMATION:
        return _("The other side entered the {kind} “{title}”: it awaits your side's confirmation.").format(
            kind=_kind(notification), title=title)
    if event == Event.ANSWERED:
        if p.get("verdict") == "disputed":
            return _("The other side disputed the {kind} “{title}” you entered: {note}").format(
                kind=_kind(notification), title=title, note=p.get("note", ""))
        return _("The other side confirmed the {kind} “{title}” you entered.").format(kind=_kind(notification), title=title)
    if event == Event.INCIDENT:
        if p.get("status") == IncidentStatus.SHARED:
            return _("The incident “{title}” was shared with your side.").format(title=title)
        status = str(dict(IncidentStatus.choices).get(p.get("status", ""), p.get("status", "")))
        return _("The incident “{title}” moved to “{status}”.").format(title=title, status=status)
    if event == Event.NOTE:
        return _("{author} wrote a note on the {kind} “{title}”: {text}").format(
            author=p.get("author", ""), kind=_kind(notification), title=title, text=p.get("text", ""))
    if event == Event.COMMITMENT_DUE:
        if p.get("overdue") and p.get("due"):
            return _("The commitment “{title}” is overdue: it was due on {date}.").format(title=title, date=_date(p["due"]))
        if p.get("overdue"):
            return _("The commitment “{title}” is overdue.").format(title=title)
        return _("The commitment “{title}” falls due on {date}.").format(title=title, date=_date(p.get("due", "")))
    if event == Event.MARKER_OVERDUE:
        if p.get("last"):
            return _("{title} has not been inspected since {date}.").format(title=title, date=_date(p["last"]))
        return _("{title} has never been inspected.").format(title=title)
    if event == Event.PERIOD_AWAITS_APPROVAL:
        return _("The review period {title} of {partnership} awaits approval.").format(title=title, partnership=p.get("partnership", ""))
    if event == Event.JOB_FINISHED:
        if p.get("state") == "failed":
            return _("Your job “{label}” failed: {error}").format(label=_job_label(p.get("kind", "")), error=p.get("error", ""))
        return _("Your job “{label}” is done.").format(label=_job_label(p.get("kind", "")))
    return str(notification.get_event_display())
