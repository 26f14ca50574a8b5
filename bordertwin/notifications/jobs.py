"""The notifications' background work: reminders and e-mails on the schedule, and webhook deliveries with their retries."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin.jobs.registry import Outcome, Progress, every, register

from . import services, webhooks
from .models import Channel

REMINDERS = "notifications.reminders"
MAIL = "notifications.mail"
DIGEST = "notifications.digest"
WEBHOOK_RETRIES = "notifications.webhook_retries"
# E-mails carry what the last days brought; older unread notifications stay in the inbox only.
MAIL_WITHIN = datetime.timedelta(days=2)
DIGEST_WITHIN = datetime.timedelta(days=7)


@register(REMINDERS, gettext_lazy("Reminders: commitments due or overdue, markers overdue for inspection"))
def reminders(job: Any, progress: Progress) -> Outcome:
    count = services.remind()
    return Outcome(summary={"notified": count, "message": _("{count} notifications written.").format(count=count)})


@register(MAIL, gettext_lazy("Notification e-mails"), atomic=False)
def mail(job: Any, progress: Progress) -> Outcome:
    sent = services.mail(Channel.EMAIL, timezone.now() - MAIL_WITHIN)
    return Outcome(summary={"sent": sent, "message": _("{count} e-mails sent.").format(count=sent)})


@register(DIGEST, gettext_lazy("Daily digest of notifications"), atomic=False)
def digest(job: Any, progress: Progress) -> Outcome:
    sent = services.mail(Channel.DIGEST, timezone.now() - DIGEST_WITHIN)
    return Outcome(summary={"sent": sent, "message": _("{count} e-mails sent.").format(count=sent)})


@register(webhooks.SEND, gettext_lazy("Webhook delivery"), atomic=False)
def webhook_send(job: Any, progress: Progress) -> Outcome:
    return Outcome(summary={"state": webhooks.send(job.parameters["delivery"])})


@register(WEBHOOK_RETRIES, gettext_lazy("Webhook deliveries to try again"), atomic=False)
def webhook_retries(job: Any, progress: Progress) -> Outcome:
    now = timezone.now()
    states = [webhooks.send(pk, now) for pk in services.due_deliveries(now).values_list("pk", flat=True)]
    return Outcome(summary={"tried": len(states)})


every(24 * 3600, REMINDERS)
every(300, MAIL)
every(24 * 3600, DIGEST)
every(120, WEBHOOK_RETRIES)
