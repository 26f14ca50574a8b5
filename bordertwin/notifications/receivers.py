"""Listening to the apps below: what they save (Django signals) and the jobs they finish (bordertwin.jobs.signals).

Each event is told once the transaction that made it commits, so that nobody hears of
what was rolled back; a failure to tell is logged and never undoes the change.
"""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from bordertwin.border.models import IncidentStep
from bordertwin.core import context
from bordertwin.core.models import JournalEntry
from bordertwin.jobs import signals as job_signals
from bordertwin.tracking.choices import Confirmation
from bordertwin.tracking.models import Activity, Delivery, ReviewPeriod

from . import services

PARTNERSHIP_RECORDS = (Activity, Delivery)


def _acting() -> Any:
    ctx = context.current()
    return ctx.user if ctx else None


def later(work: Any) -> None:
    transaction.on_commit(work, robust=True)


class EnteredBatch:
    """The activities and deliveries saved in one transaction, told together once it commits (an import saves thousands)."""

    def __init__(self, hooks: list[Any]) -> None:
        self.hooks = hooks  # the connection's list of commit hooks this batch is registered in
        self.entered: dict[Any, dict[Any, Any]] = {}
        self.done = False

    def add(self, record: Any, actor: Any) -> None:
        self.entered.setdefault(type(record), {})[record.pk] = actor

    def __call__(self) -> None:
        self.done = True
        services.records_entered(self.entered)


def _entered(record: Any) -> None:
    connection = transaction.get_connection()
    actor = _acting()
    if not connection.in_atomic_block:
        later(lambda: services.records_entered({type(record): {record.pk: actor}}))  # at once, and robustly
        return
    batch = getattr(connection, "_notify_entered", None)
    # A commit or a rollback gives the connection a new list of hooks: a batch of an earlier transaction is not reused.
    if batch is None or batch.done or batch.hooks is not connection.run_on_commit:
        batch = EnteredBatch(connection.run_on_commit)
        connection._notify_entered = batch  # one batch per transaction, kept on its connection
        later(batch)
    batch.add(record, actor)


@receiver(pre_save)
def _remember_answer(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A record changed back to pending after the other side answered awaits them again: note it before it is saved."""
    if sender in PARTNERSHIP_RECORDS and instance.pk is not None and instance.confirmation == Confirmation.PENDING:
        stored = sender._base_manager.filter(pk=instance.pk).values_list("confirmation", flat=True).first()
        instance._notify_reopened = stored not in (None, Confirmation.PENDING)


@receiver(post_save)
def _record_saved(sender: Any, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if sender in PARTNERSHIP_RECORDS:
        if created or getattr(instance, "_notify_reopened", False):
            instance._notify_reopened = False
            _entered(instance)
        elif update_fields and "confirmation" in update_fields and instance.confirmation != Confirmation.PENDING:
            later(lambda: services.record_answered(instance))
    elif sender is IncidentStep and created:
        later(lambda: services.incident_moved(instance))
    elif sender is JournalEntry and created:
        later(lambda: services.note_written(instance))
    elif sender is ReviewPeriod and (created or (update_fields and "locked" in update_fields)) and not instance.locked:
        actor = _acting()
        later(lambda: services.period_opened(instance, actor))


@receiver(job_signals.finished)
def _job_finished(sender: Any, job: Any, **kwargs: Any) -> None:
    later(lambda: services.job_finished(job))
