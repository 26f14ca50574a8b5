from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .. import events
from ..models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.SerializerMethodField(help_text=_("The notification written in the reader's language."))
    url = serializers.SerializerMethodField(help_text=_("The page of the record it is about (empty when none)."))
    target_type = serializers.SerializerMethodField(help_text=_("The kind of record, e.g. tracking.delivery."))

    class Meta:
        model = Notification
        fields = ["id", "event", "message", "url", "target_type", "target_id", "params", "created_at", "read_at"]
        read_only_fields = fields

    def get_message(self, notification: Notification) -> str:
        with translation.override(self.context.get("language")):
            return events.message(notification)

    def get_url(self, notification: Notification) -> str:
        return str(notification.params.get("url", ""))

    def get_target_type(self, notification: Notification) -> str:
        kind = notification.target_type
        return f"{kind.app_label}.{kind.model}" if kind is not None else ""


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many notifications were marked as read."))

    def to_representation(self, instance: Any) -> Any:
        return {"marked": instance}
