"""Every change-log row carries its request and reason; a change to places renews what roles cover."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from . import access, context


@receiver(pre_create_historical_record)
def stamp_change_context(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    ctx = context.current()
    if ctx is None:
        return
    history_instance.request_id = ctx.request_id
    if ctx.reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = ctx.reason


@receiver([post_save, post_delete], sender="places.Place")
@receiver([post_save, post_delete], sender="places.Succession")
def places_changed(sender: Any, **kwargs: Any) -> None:
    access.forget_places()
