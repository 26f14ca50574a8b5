"""Who is told what, and how: the one place that writes notifications, follows, preferences and webhook deliveries.

Every event is told only to people who may see its record (bordertwin.access), checked
for each recipient when it happens; webhooks hear only what their owner may see.
Recipients are active users who hold a role; the one who acted is not told of their own act.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor, User
from bordertwin.border import alerts
from bordertwin.border.choices import IncidentStatus
from bordertwin.border.models import IncidentStep
from bordertwin.core.models import JournalEntry
from bordertwin.jobs import services as job_services
from bordertwin.jobs.models import Job
from bordertwin.partnerships.models import Commitment
from bordertwin.tracking import services as tracking_services
from bordertwin.tracking.choices import Confirmation
from bordertwin.tracking.models import PartnershipRecord, ReviewPeriod

from . import events, webhooks
from .models import Channel, DeliveryState, Event, Follow, Notification, Preference, Webhook, WebhookDelivery

DUE_SOON_DAYS = 30
UNREAD_KEY = "notifications:unread:{pk}"
UNREAD_SECONDS = 300
NOTE_EXCERPT = 300
BULK_ENTERED = 10


@dataclass
class Occasion:
    """An event about a record (or a job), with what its sentence needs; `key` names a reminder's one occasion."""

    event: str
    target: models.Model | None
    params: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    def __post_init__(self) -> None:
        if self.target is not None:
            self.params.setdefault("title", str(self.target))
            url = getattr(self.target, "get_absolute_url", None)
            self.params.setdefault("url", url() if url else "")


def candidates() -> QuerySet[Any]:
    """Those who may be told anything: active users who hold a role."""
    return get_user_model().objects.filter(is_active=True, memberships__isnull=False).distinct()


def viewer_of(record: models.Model) -> Callable[[User], bool]:
    return lambda user: access.can(user, access.VIEW, record)


def tell(occasion: Occasion, people: Iterable[User], *, may_know: Callable[[User], bool], actor: Actor | None = None) -> int:
    """Notify each of `people` whom `may_know` lets know of it (not the actor), and each webhook whose owner it lets."""
    actor_pk = getattr(actor, "pk", None)
    recipients = [user for user in people if user.pk != actor_pk and may_know(user)]
    written = _write(occasion, recipients)
    _to_webhooks(occasion, may_know)
    return written


def _target_fields(target: models.Model | None) -> dict[str, Any]:
    if target is None:
        return {"target_type": None, "target_id": ""}
    return {"target_type": ContentType.objects.get_for_model(type(target)), "target_id": str(target.pk)}


def _write(occasion: Occasion, recipients: list[User]) -> int:
    if not recipients:
        return 0
    target = _target_fields(occasion.target)
    before = Notification.objects.filter(key=occasion.key, recipient__in=recipients).count() if occasion.key else 0
    Notification.objects.bulk_create(
        [Notification(recipient=user, event=occasion.event, params=occasion.params, key=occasion.key, **target) for user in recipients],
        ignore_conflicts=bool(occasion.key),
    )
    forget_unread([user.pk for user in recipients])
    return len(recipients) - before


# --- Reading ---------------------------------------------------------------------------------------------------------


def inbox(actor: Actor | None) -> QuerySet[Notification]:
    """The signed-in user's own notifications, newest first, with what their sentences name."""
    user = access.signed_in_user(actor)
    return Notification.objects.filter(recipient=user).select_related("target_type").prefetch_related("target")


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (kept in the cache until one is written or read)."""
    key = UNREAD_KEY.format(pk=user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return int(count)


def forget_unread(user_pks: Iterable[Any]) -> None:
    """Drop the cached counts now, and again once the change commits (a page read in between may have cached the old one)."""
    keys = [UNREAD_KEY.format(pk=pk) for pk in user_pks]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def reader_language(request: Any) -> str:
    """The language a notification is written in for this request: the one asked for (Accept-Language), else the reader's own."""
    if request.META.get("HTTP_ACCEPT_LANGUAGE"):
        return translation.get_language()
    return getattr(request.user, "language", "") or translation.get_language()


def mark_read(notification: Notification, *, acting_user: Actor) -> Notification:
    user = access.signed_in_user(acting_user)
    if notification.recipient_id != user.pk:
        raise PermissionDenied(_("You do not have permission to do this with this record."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread([user.pk])
    return notification


def mark_all_read(*, acting_user: Actor) -> int:
    user = access.signed_in_user(acting_user)
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread([user.pk])
    return count


def message(notification: Notification, language: str | None = None) -> str:
    if language:
        with translation.override(language):
            return events.message(notification)
    return events.message(notification)


# --- Following and preferences ---------------------------------------------------------------------------------------


def is_following(user: Actor | None, record: models.Model) -> bool:
    if not access.signed_in(user):
        return False
    return Follow.objects.filter(user=user, target_type=ContentType.objects.get_for_model(type(record)), target_id=record.pk).exists()


def set_following(record: models.Model, follow: bool, *, acting_user: Actor) -> bool:
    """Follow or stop following a record the user sees; returns whether they now follow it."""
    user = access.require(acting_user, access.VIEW, record)
    where = {"user": user, "target_type": ContentType.objects.get_for_model(type(record)), "target_id": record.pk}
    if follow:
        Follow.objects.get_or_create(**where)
    else:
        Follow.objects.filter(**where).delete()
    return follow


# How one hears of an event one has chosen nothing for: the daily reminders come in the daily digest
# e-mail (as the daily alert e-mails did before them), everything else in the inbox only.
DEFAULT_CHANNELS: dict[str, str] = {Event.COMMITMENT_DUE: Channel.DIGEST, Event.MARKER_OVERDUE: Channel.DIGEST}


def preferences(user: User) -> dict[str, str]:
    """How the user hears of each event (as DEFAULT_CHANNELS says unless they chose otherwise)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("event", "channel"))
    return {event: chosen.get(event, DEFAULT_CHANNELS.get(event, Channel.INBOX)) for event in Event.values}


@transaction.atomic
def set_preferences(choices: dict[str, str], *, acting_user: Actor) -> None:
    user = access.signed_in_user(acting_user)
    for event, channel in choices.items():
        if event not in Event.values or channel not in Channel.values:
            raise ValueError(f"unknown event or channel {event!r}: {channel!r}")
        Preference.objects.update_or_create(user=user, event=event, defaults={"channel": channel})


# --- The events ------------------------------------------------------------------------------------------------------


def records_entered(entered: dict[type[PartnershipRecord], dict[Any, Actor | None]]) -> int:
    """Activities and deliveries that await the other side's confirmation: its officers who may answer them are told.

    `entered` holds, per model, the pks saved in one transaction and who saved each; those
    rolled back since are gone from the database and told to nobody. The officers are found
    once per partnership and side; more than BULK_ENTERED records of one kind (an import) are
    told as one notification about the partnership, not one each.
    """
    written = 0
    for model, actors in entered.items():
        records = model._base_manager.filter(pk__in=list(actors), confirmation=Confirmation.PENDING, deleted_at__isnull=True)
        groups: dict[tuple[Any, str], list[PartnershipRecord]] = {}
        for record in records.exclude(recorded_by_side="").select_related("partnership").order_by("pk"):
            groups.setdefault((record.partnership_id, record.recorded_by_side), []).append(record)
        for (_partnership, side), group in groups.items():
            first = group[0]
            people = [u for u in candidates().exclude(side=side) if tracking_services.may_answer(u, first)]
            # Those who may answer see the record: nobody else in the group needs asking again (webhook owners do).
            answering = {u.pk for u in people}
            actor = actors[first.pk]
            if len(group) > BULK_ENTERED:
                occasion = Occasion(Event.AWAITS_CONFIRMATION, first.partnership,
                                    {"side": side, "count": len(group), "kinds": ContentType.objects.get_for_model(model).pk})
                written += tell(occasion, people, may_know=viewer_of(first.partnership), actor=actor)
                continue
            for record in group:
                occasion = Occasion(Event.AWAITS_CONFIRMATION, record, {"side": side})
                written += tell(occasion, people, may_know=_answering_or_viewer(answering, record), actor=actors[record.pk])
    return written


def _answering_or_viewer(answering: set[Any], record: models.Model) -> Callable[[User], bool]:
    return lambda user: user.pk in answering or access.can(user, access.VIEW, record)


def record_answered(record: PartnershipRecord) -> int:
    """The other side confirmed or disputed a record: the one who entered it is told."""
    if record.confirmation == Confirmation.PENDING:
        return 0
    people = [record.created_by] if record.created_by is not None else []
    occasion = Occasion(Event.ANSWERED, record, {"verdict": record.confirmation, "note": record.confirmation_note})
    return tell(occasion, people, may_know=viewer_of(record), actor=record.confirmed_by)


def incident_moved(step: IncidentStep) -> int:
    """An incident was shared with the other side (who are told), or moved along its workflow (all who see it are)."""
    if not step.from_status:
        return 0  # its report: the reporting side sees it in its lists
    incident = step.incident
    people = candidates()
    if step.to_status == IncidentStatus.SHARED:
        people = people.exclude(side=incident.reported_by_side)
    return tell(Occasion(Event.INCIDENT, incident, {"status": step.to_status}), people, may_know=viewer_of(incident),
                actor=step.acted_by)


def note_written(entry: JournalEntry) -> int:
    """A note on a record: those who follow it and may read its journal from then are told."""
    record = entry.record
    if record is None or not isinstance(getattr(type(record), "access_kind", None), access.Kind):
        return 0

    def may_know(user: User) -> bool:
        if not access.can(user, access.VIEW, record):
            return False
        since = access.history_since(user, record)
        return since is None or entry.created_at >= since

    followers = get_user_model().objects.filter(
        is_active=True, follows__target_type=entry.content_type_id, follows__target_id=entry.object_id,
    )
    occasion = Occasion(Event.NOTE, record, {"author": str(entry.author), "text": entry.text[:NOTE_EXCERPT]})
    return tell(occasion, followers, may_know=may_know, actor=entry.author)


def period_opened(period: ReviewPeriod, actor: Actor | None) -> int:
    """A review period was added or unlocked: the approvers who may approve it are told it awaits them."""
    if period.locked:
        return 0
    people = [u for u in candidates() if access.can(u, access.APPROVE, period)]
    occasion = Occasion(Event.PERIOD_AWAITS_APPROVAL, period, {"partnership": str(period.partnership)})
    return tell(occasion, people, may_know=viewer_of(period), actor=actor)


def job_finished(job: Job) -> int:
    """The one who started a job hears it is done (or failed), while they may still see it."""
    if job.started_by is None:
        return 0
    params = {"kind": job.kind, "state": job.state, "error": job.error, "title": job.kind}
    occasion = Occasion(Event.JOB_FINISHED, job, params, key=f"job:{job.pk}")
    return tell(occasion, [job.started_by], may_know=lambda user: job_services.visible(user, job))


# --- Reminders on the schedule ---------------------------------------------------------------------------------------


def reminders_for(user: User, today: datetime.date) -> list[Occasion]:
    """The commitments in the user's scope due within 30 days or overdue, and the markers overdue for inspection."""
    found = []
    commitments = list(Commitment.objects.restrict(user).exclude(status__in=tracking_services.CLOSED_STATUSES)
                       .select_related("agreement"))
    states = tracking_services.commitment_states(commitments, today)
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    for commitment in commitments:
        state = states[commitment.pk]
        if state.late:
            when = commitment.due_date.isoformat() if commitment.due_date else str(max(state.missed_years))
            due = commitment.due_date.isoformat() if commitment.due_date else ""
            found.append(Occasion(Event.COMMITMENT_DUE, commitment, {"overdue": True, "due": due}, key=f"commitment:{commitment.pk}:overdue:{when}"))
        elif commitment.due_date and today <= commitment.due_date <= soon:
            due = commitment.due_date.isoformat()
            found.append(Occasion(Event.COMMITMENT_DUE, commitment, {"overdue": False, "due": due}, key=f"commitment:{commitment.pk}:due:{due}"))
    for marker in alerts.markers_due(user, today):
        last = marker.last_inspected_on.isoformat() if marker.last_inspected_on else ""
        found.append(Occasion(Event.MARKER_OVERDUE, marker, {"last": last}, key=f"marker:{marker.pk}:{last or 'never'}"))
    return found


def remind(today: datetime.date | None = None) -> int:
    """Tell each user (and webhook) of their due commitments and overdue markers, once per occasion however often it runs."""
    today = today or timezone.localdate()
    written = 0
    for user in candidates():
        for occasion in reminders_for(user, today):
            written += _write(occasion, [user])
    for hook in _active_webhooks(Event.COMMITMENT_DUE, Event.MARKER_OVERDUE):
        for occasion in reminders_for(hook.owner, today):
            if occasion.event in hook.events:
                _deliver(hook, occasion)
    return written


# --- E-mail ----------------------------------------------------------------------------------------------------------


def mail(channel: str, since: datetime.datetime) -> int:
    """E-mail each user who asked for `channel` their notifications of those events not yet e-mailed; returns e-mails sent."""
    by_default = {event for event, default in DEFAULT_CHANNELS.items() if default == channel}
    chosen: dict[Any, dict[str, str]] = {}
    for user_id, event, their_channel in Preference.objects.values_list("user_id", "event", "channel"):
        chosen.setdefault(user_id, {})[event] = their_channel
    sent = 0
    for user in get_user_model().objects.filter(is_active=True, notifications__emailed_at__isnull=True).exclude(email="").distinct():
        theirs = chosen.get(user.pk, {})
        wanted = {event for event, their_channel in theirs.items() if their_channel == channel} | (by_default - set(theirs))
        if not wanted:
            continue
        waiting = list(inbox(user).filter(event__in=wanted, emailed_at__isnull=True, read_at__isnull=True,
                                          created_at__gte=since).order_by("created_at"))
        if not waiting:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = _("BorderTwin: {count} new notifications").format(count=len(waiting))
            lines = [f"- {events.message(n)}\n  {settings.BORDERTWIN_SITE_URL}{n.params.get('url', '')}" for n in waiting]
            body = "\n".join([*lines, "", settings.BORDERTWIN_SITE_URL + "/notifications/"])
        send_mail(subject, body, None, [user.email])
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(emailed_at=timezone.now())
        sent += 1
    return sent


# --- Webhooks --------------------------------------------------------------------------------------------------------


def _active_webhooks(*kinds: str) -> list[Webhook]:
    hooks = Webhook.objects.filter(active=True, owner__is_active=True).select_related("owner")
    return [hook for hook in hooks if set(kinds) & set(hook.events)]


def _to_webhooks(occasion: Occasion, may_know: Callable[[User], bool]) -> None:
    for hook in _active_webhooks(occasion.event):
        if may_know(hook.owner):
            _deliver(hook, occasion)


def payload(occasion: Occasion) -> dict[str, Any]:
    target = occasion.target
    obj = None
    if target is not None:
        obj = {"type": target._meta.label_lower, "id": str(target.pk),
               "url": settings.BORDERTWIN_SITE_URL + occasion.params.get("url", "")}
    data = {k: v for k, v in occasion.params.items() if k != "url"}
    return {"event": occasion.event, "occurred_at": timezone.now().isoformat(), "object": obj, "data": data}


def _deliver(hook: Webhook, occasion: Occasion) -> WebhookDelivery | None:
    """Queue one delivery of the occasion to the webhook (once per occasion when it has a key), sent by a job."""
    fields = {"event": occasion.event, "payload": payload(occasion), "next_attempt_at": timezone.now()}
    if occasion.key:
        delivery, created = WebhookDelivery.objects.get_or_create(webhook=hook, key=occasion.key, defaults=fields)
        if not created:
            return None
    else:
        delivery = WebhookDelivery.objects.create(webhook=hook, **fields)
    transaction.on_commit(lambda: job_services.start(webhooks.SEND, None, {"delivery": delivery.pk}, key=f"webhook:{delivery.pk}"))
    return delivery


def webhooks_of(actor: Actor | None) -> QuerySet[Webhook]:
    """The webhooks an administrator registered (a superuser sees all); nobody else has any."""
    user = access.signed_in_user(actor)
    if not access.is_administrator(user):
        raise PermissionDenied(_("Only administrators register webhooks."))
    hooks = Webhook.objects.select_related("owner")
    return hooks if user.is_superuser else hooks.filter(owner=user)


def register_webhook(hook: Webhook, *, acting_user: Actor) -> Webhook:
    webhooks_of(acting_user)
    hook.owner = access.signed_in_user(acting_user)
    hook.full_clean()
    hook.save()
    return hook


def remove_webhook(hook: Webhook, *, acting_user: Actor) -> None:
    webhooks_of(acting_user).filter(pk=hook.pk).delete()


def due_deliveries(now: datetime.datetime) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
