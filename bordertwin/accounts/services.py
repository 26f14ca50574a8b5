"""Granting and withdrawing roles: the one place that checks a role fits the user's side."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bordertwin.access import Role
from bordertwin.core import context
from bordertwin.places.models import Organisation, Place

from .models import Membership, User


@transaction.atomic
def grant_role(
    user: User, role: str, *, place: Place | None = None, organisation: Organisation | None = None, acting_user: Any = None
) -> Membership:
    """Give `user` a role over a place (and all below it), an organisation, or everywhere."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role “{role}”.").format(role=role)})
    existing = Membership.objects.filter(user=user, role=role, place=place, organisation=organisation).first()
    if existing is not None:
        return existing
    membership = Membership(user=user, role=role, place=place, organisation=organisation)
    membership.full_clean()
    with context.acting(acting_user, _("Role granted")):
        membership.save()
    return membership


@transaction.atomic
def withdraw_role(membership: Membership, *, acting_user: Any = None) -> None:
    with context.acting(acting_user, _("Role withdrawn")):
        membership.delete()
