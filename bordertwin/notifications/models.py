"""What a user is told, what they follow, how they want to hear it, and where webhooks send events.

A notification keeps its event's kind and parameters, never a written sentence: it is
written in the reader's language when it is read (bordertwin.notifications.events).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bordertwin.core.fields import BoundedTextField


class Event(models.TextChoices):
    AWAITS_CONFIRMATION = "awaits_confirmation", _("The other side entered a record for my side to confirm")
    ANSWERED = "answered", _("A record I entered was confirmed or disputed")
    INCIDENT = "incident", _("An incident was shared with my side or moved")
    NOTE = "note", _("A note on a record I follow")
    COMMITMENT_DUE = "commitment_due", _("A commitment is due within 30 days or overdue")
    MARKER_OVERDUE = "marker_overdue", _("A boundary marker is overdue for inspection")
    PERIOD_AWAITS_APPROVAL = "period_awaits_approval", _("A review period awaits approval")
    JOB_FINISHED = "job_finished", _("A job I started finished")


class Channel(models.TextChoices):
    INBOX = "inbox", _("Inbox only")
    EMAIL = "email", _("Inbox and e-mail")
    DIGEST = "digest", _("Inbox and a daily digest e-mail")


class Notification(models.Model):
    """One thing a user is told: an event about a record, read or not."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("recipient"))
    event = models.CharField(_("event"), max_length=32, choices=Event.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    params = models.JSONField(_("details"), default=dict, blank=True)
    # Scheduled reminders name their occasion here: one notification per recipient and occasion.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""), name="notifications_once_per_occasion"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient_id}"


class Follow(models.Model):
    """A user follows a record: they hear of the notes written on it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("user"))
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed record")
        verbose_name_plural = _("followed records")
        constraints = [models.UniqueConstraint(fields=["user", "target_type", "target_id"], name="notifications_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.target_type_id}:{self.target_id}"


class Preference(models.Model):
    """How a user hears of one kind of event (inbox only when they chose nothing)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences",
                             verbose_name=_("user"))
    event = models.CharField(_("event"), max_length=32, choices=Event.choices)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices, default=Channel.INBOX)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="notifications_one_preference_per_event")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.event}: {self.channel}"


class Webhook(models.Model):
    """An address an administrator registered: the events it hears are POSTed to it as signed JSON.

    It hears only of what its owner may see (bordertwin.access), as a notification would tell them.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("owner"))
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("secret"), max_length=200, help_text=_("Signs each payload (HMAC-SHA256); the receiver checks it."))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("notifications:webhook_detail", args=[self.pk])


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event sent (or to send) to a webhook, with each attempt's outcome."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook"))
    event = models.CharField(_("event"), max_length=32, choices=Event.choices)
    payload = models.JSONField(_("payload"), default=dict)
    key = models.CharField(max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    error = BoundedTextField(_("error"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["webhook", "key"], condition=~Q(key=""), name="notifications_webhook_once_per_occasion"),
        ]

    def __str__(self) -> str:
        return f"{self.webhook_id} {self.event} {self.state}"
