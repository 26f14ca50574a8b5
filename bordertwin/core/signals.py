"""Every change-log row carries its request and reason."""

from typing import Any

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from . import context


@receiver(pre_create_historical_record)
def stamp_change_context(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    ctx = context.current()
    if ctx is None:
        return
    history_instance.request_id = ctx.request_id
    if ctx.reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = ctx.reason
