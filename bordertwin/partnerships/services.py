"""The rules of partnerships: how commitments progress, roll up and carry over to the next talks."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import context

from .choices import CommitmentStatus
from .models import Agreement, Commitment

HUNDRED = Decimal(100)
# The progress a status implies, in percent; None: the commitment no longer counts
# (cancelled, or carried into later minutes where its continuation counts instead).
STATUS_PROGRESS: dict[str, Decimal | None] = {
    CommitmentStatus.PROPOSED: Decimal(0),
    CommitmentStatus.AGREED: Decimal(0),
    CommitmentStatus.IN_PROGRESS: Decimal(50),
    CommitmentStatus.DONE: HUNDRED,
    CommitmentStatus.CARRIED_OVER: None,
    CommitmentStatus.CANCELLED: None,
}
OPEN_STATUSES = (CommitmentStatus.PROPOSED, CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS)


def own_progress(commitment: Commitment, measured: Decimal | None = None) -> Decimal | None:
    """A leaf's progress: what its status implies, or what was measured against its target when that is more."""
    implied = STATUS_PROGRESS[commitment.status]
    if implied is None or implied == HUNDRED or measured is None:
        return implied
    return min(HUNDRED, max(implied, measured))


def measured_elsewhere(commitments: list[Commitment]) -> dict[int, Decimal]:
    """Progress other apps measure (deliveries against targets, yearly activities), by commitment id.

    An app offers it by naming a function in its AppConfig: `measure_commitments = "dotted.path"`.
    """
    measured: dict[int, Decimal] = {}
    for config in apps.get_app_configs():
        provider = getattr(config, "measure_commitments", None)
        if provider and commitments:
            measured.update(import_string(provider)(commitments))
    return measured


def progress_of(commitments: Iterable[Commitment], measured: Mapping[int, Decimal] | None = None) -> dict[int, Decimal | None]:
    """Progress in percent of each commitment; a parent's is its children's, averaged by weight.

    `commitments` must hold whole trees (an agreement's commitments, say); `measured`
    gives progress measured against targets, by commitment id; when it is not given, the
    apps that measure commitments are asked (see `measured_elsewhere`).
    """
    items = list(commitments)
    if measured is None:
        measured = measured_elsewhere(items)
    children: dict[int | None, list[Commitment]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)
    result: dict[int, Decimal | None] = {}

    def walk(item: Commitment) -> Decimal | None:
        if item.pk in result:
            return result[item.pk]
        parts = [(walk(child), child.weight) for child in children.get(item.pk, [])]
        counted = [(value, weight) for value, weight in parts if value is not None]
        if counted and STATUS_PROGRESS[item.status] is not None:
            total_weight = sum(weight for _value, weight in counted)
            value: Decimal | None = (sum((v * w for v, w in counted), Decimal(0)) / total_weight).quantize(Decimal("0.1"))
        else:
            value = own_progress(item, measured.get(item.pk))
        result[item.pk] = value
        return value

    for item in items:
        walk(item)
    return result


@transaction.atomic
def carry_over(
    commitments: Iterable[Commitment], into: Agreement, *, acting_user: Actor, reason: str = ""
) -> list[Commitment]:
    """Carry open commitments of earlier minutes into `into`, keeping the link, with their open parts."""
    access.require(acting_user, access.CHANGE, into)
    chosen = list(commitments)
    if not chosen:
        raise ValidationError(_("Choose at least one commitment to carry over."))
    created: dict[int, Commitment] = {}
    chosen_ids = {c.pk for c in chosen}
    with context.acting(acting_user, reason or _("Carried over into {agreement}").format(agreement=into)):
        for commitment in sorted(chosen, key=lambda c: (c.parent_id is not None, c.position, c.pk)):
            access.require(acting_user, access.CHANGE, commitment)
            source = commitment.agreement
            if source.partnership_id != into.partnership_id:
                raise ValidationError(_("Commitments are carried over within the same partnership."))
            if source.pk == into.pk or source.signed_on > into.signed_on:
                raise ValidationError(_("Commitments are carried over into later minutes."))
            if commitment.status not in OPEN_STATUSES:
                raise ValidationError(
                    _("“{commitment}” is not open and cannot be carried over.").format(commitment=commitment)
                )
            if commitment.carried_into.filter(agreement=into).exists():
                raise ValidationError(
                    _("“{commitment}” was already carried into this agreement.").format(commitment=commitment)
                )
            parent = created.get(commitment.parent_id) if commitment.parent_id in chosen_ids else None
            copy = Commitment(
                agreement=into, parent=parent, carried_from=commitment, domain=commitment.domain, text=commitment.text,
                responsible_side=commitment.responsible_side, responsible_organisation=commitment.responsible_organisation,
                target_quantity=commitment.target_quantity, target_unit=commitment.target_unit,
                due_date=commitment.due_date, recurrence=commitment.recurrence,
                status=CommitmentStatus.AGREED if commitment.status == CommitmentStatus.PROPOSED else commitment.status,
                weight=commitment.weight, position=commitment.position,
            )
            copy.full_clean()
            copy.save()
            created[commitment.pk] = copy
            commitment.status = CommitmentStatus.CARRIED_OVER
            commitment.save(update_fields=["status"])
    return list(created.values())


def domain_summary(commitments: Iterable[Commitment]) -> list[dict[str, Any]]:
    """Counts of commitments by domain and status, domains in their defined order."""
    from .choices import Domain

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for commitment in commitments:
        counts[commitment.domain][commitment.status] += 1
    rows = []
    for value, label in Domain.choices:
        if value in counts:
            by_status = counts[value]
            rows.append({
                "domain": value, "label": label, "total": sum(by_status.values()),
                "statuses": [(status, name, by_status[status]) for status, name in CommitmentStatus.choices if by_status.get(status)],
            })
    return rows


@transaction.atomic
def set_commitment_status(commitment: Commitment, status: str, *, acting_user: Actor, reason: str) -> Commitment:
    """An approver sets where a commitment stands, and says why."""
    access.require(acting_user, access.APPROVE, commitment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the new status.")})
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    commitment.status = status
    commitment.full_clean()
    with context.acting(acting_user, reason):
        commitment.save(update_fields=["status"])
    return commitment
