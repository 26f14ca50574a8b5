"""Figures kept in Django's cache (Redis in production) per access scope, renewed by any change of a record.

`for_scope(name, user, compute, *parts)` answers what `compute()` answered for the same name, parts,
language and access scope (a superuser; or a side with the same roles over the same places and
organisations), as long as no record, role or user changed since: every save or delete of a record
(core.BaseRecord), a membership or a user starts a new generation, and what was kept under the old one
is never read again (it expires after SCOPE_SECONDS). Changes made with QuerySet.update() send no
signal: the services that use it call `renew()`.
"""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from bordertwin import access
from bordertwin.access.users import Actor

from .models import BaseRecord

GENERATION = "bordertwin:records-generation"
SCOPE_SECONDS = 600
# Models outside core whose changes change what a scope sees.
ACCESS_MODELS = {"accounts.membership", "accounts.user"}

T = TypeVar("T")


def generation() -> int:
    return int(cache.get_or_set(GENERATION, 1) or 1)


def renew() -> None:
    """Start a new generation: every figure kept so far is computed again when next asked for."""
    try:
        cache.incr(GENERATION)
    except ValueError:  # not kept (yet, or any more)
        cache.set(GENERATION, generation() + 1, None)


def scope_key(user: Actor | None) -> str:
    """The same for two users who see the same rows: their side and roles over the same places and organisations."""
    if not access.signed_in(user):
        return "anonymous"
    signed_in = access.signed_in_user(user)
    if signed_in.is_superuser:
        return "superuser"
    roles = sorted(signed_in.memberships.values_list("role", "place_id", "organisation_id"), key=repr)
    return hashlib.sha256(repr((signed_in.side, roles)).encode()).hexdigest()[:32]


def for_scope(name: str, user: Actor | None, compute: Callable[[], T], *parts: Any) -> T:
    key = ":".join(["bordertwin:scoped", name, str(generation()), translation.get_language() or "", scope_key(user),
                    *(str(part) for part in parts)])
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, SCOPE_SECONDS)
    return found


def _changed(sender: type[Model], **kwargs: Any) -> None:
    if issubclass(sender, BaseRecord) or sender._meta.label_lower in ACCESS_MODELS:
        renew()


post_save.connect(_changed, dispatch_uid="bordertwin.core.caching.saved")
post_delete.connect(_changed, dispatch_uid="bordertwin.core.caching.deleted")
