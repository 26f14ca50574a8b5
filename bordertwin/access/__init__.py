"""Who may see and change what: the one gate every page, API call, export and search passes.

A user belongs to one side and holds memberships: a role over a place (covering every
place below it, and every former unit whose duties passed into it) or over one
organisation. A model declares its access (`declarations.Governed`): its kind and the
lookups that lead to its places and organisations. A row is in a user's scope when one
of them lands in a place or organisation the user covers for the action.

- view: any role in scope; PUBLIC and REFERENCE data (places, organisations, units)
  every signed-in user reads, even one who holds no role yet; SENSITIVE data (patrols,
  incidents) only border officers, approvers and administrators.
- add, change, delete: editors, approvers and administrators (border officers too on
  sensitive data); REFERENCE data only administrators; SENSITIVE_WRITE data (boundary
  markers) every role in scope reads but only border roles change.
- approve: approvers and administrators. restore: administrators.
A model narrows further with its classmethod `access_filter(user, action) -> Q`.
A row of one side (`access_side`) keeps its private fields from the other side, which
reads its history only from the moment it was shared (`access_shared_at`).

This layer knows no domain model: roles are its own (`roles.Role`), memberships are read
through `user.memberships`, and what a role over a place covers comes from the function
the places app registers (`coverage.register`).
"""

import datetime
from collections.abc import Iterable
from typing import Any, TypeGuard, TypeVar, cast

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import coverage
from .coverage import covered_places, forget_places
from .declarations import Governed, Kind
from .lookups import AnyOf
from .roles import Role
from .users import Actor, User

__all__ = [
    "ACTIONS", "ADD", "APPROVE", "CHANGE", "DELETE", "RESTORE", "VIEW", "Actor", "Governed", "Kind", "Role", "Scope",
    "User", "allowed_actions", "can", "can_add", "covered_places", "forget_places", "hidden_fields", "history_since",
    "is_administrator", "may_read_sensitive", "require", "restrict", "scope", "signed_in", "signed_in_user", "visible_or_404",
]

VIEW, ADD, CHANGE, DELETE, APPROVE, RESTORE = "view", "add", "change", "delete", "approve", "restore"
ACTIONS = (VIEW, ADD, CHANGE, DELETE, APPROVE, RESTORE)

_WRITE = {VIEW, ADD, CHANGE, DELETE}
ROLE_ACTIONS: dict[str, set[str]] = {
    Role.VIEWER: {VIEW},
    Role.EDITOR: _WRITE,
    Role.APPROVER: _WRITE | {APPROVE},
    Role.BORDER_OFFICER: {VIEW},
    Role.ADMINISTRATOR: set(ACTIONS),
}
SENSITIVE_ROLE_ACTIONS: dict[str, set[str]] = {
    Role.VIEWER: set(),
    Role.EDITOR: set(),
    Role.APPROVER: _WRITE | {APPROVE},
    Role.BORDER_OFFICER: _WRITE,
    Role.ADMINISTRATOR: set(ACTIONS),
}
PUBLIC_VIEW = {Kind.PUBLIC, Kind.REFERENCE}

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound=QuerySet[Any])


def declaration(model: type) -> type[Governed]:
    """The model's access declaration; a model that declares none is refused, never open."""
    if not isinstance(getattr(model, "access_kind", None), Kind):
        raise TypeError(f"{model.__name__} declares no access (see bordertwin.access.declarations.Governed)")
    return cast(type[Governed], model)


def allowed_actions(role: str, kind: Kind) -> set[str]:
    if kind is Kind.SENSITIVE:
        return SENSITIVE_ROLE_ACTIONS[role]
    if kind is Kind.SENSITIVE_WRITE:
        return (ROLE_ACTIONS[role] & {VIEW}) | SENSITIVE_ROLE_ACTIONS[role]
    if kind is Kind.REFERENCE:
        return {VIEW} | (set(ACTIONS) if role == Role.ADMINISTRATOR else set())
    return ROLE_ACTIONS[role]


class Scope:
    """The places and organisations one user covers for one action on one kind of model."""

    def __init__(self, everywhere: bool, place_ids: set[int], organisation_ids: set[int]) -> None:
        self.everywhere = everywhere
        self.place_ids = place_ids
        self.organisation_ids = organisation_ids

    @property
    def empty(self) -> bool:
        return not (self.everywhere or self.place_ids or self.organisation_ids)

    def q(self, model: type[Model]) -> Q:
        if self.everywhere:
            return Q()
        governed = declaration(model)
        condition = Q(pk__in=[])
        for lookup in governed.access_places:
            condition |= Q(**{f"{lookup}__{AnyOf.lookup_name}": self.place_ids})
        for lookup in governed.access_organisations:
            condition |= Q(**{f"{lookup}__{AnyOf.lookup_name}": self.organisation_ids})
        return condition

    def covers_instance(self, obj: Model) -> bool:
        if self.everywhere:
            return True
        governed = declaration(type(obj))
        places = _values(obj, governed.access_places)
        organisations = _values(obj, governed.access_organisations)
        return bool(places & self.place_ids or organisations & self.organisation_ids)


def _values(obj: Model, lookups: Iterable[str]) -> set[int]:
    found = set()
    for lookup in lookups:
        if lookup == "pk":
            if obj.pk is not None:
                found.add(obj.pk)
            continue
        *path, last = lookup.split("__")
        value: Any = obj
        for part in path:
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            pk = getattr(value, f"{last}_id", None)
            if pk is not None:
                found.add(pk)
    return found


def signed_in(user: Actor | None) -> TypeGuard[User]:
    """Whether `user` is an active user who signed in (and so holds memberships and a side)."""
    return bool(user and user.is_authenticated and user.is_active)


def _active(user: Actor | None) -> User | None:
    return user if signed_in(user) else None


def signed_in_user(actor: Actor | None) -> User:
    """`actor`, who signed in (every page but the sign-in page requires it); else PermissionDenied."""
    user = _active(actor)
    if user is None:
        raise PermissionDenied(_("You do not have permission to do this with this record."))
    return user


def _memberships(user: User) -> list[Any]:
    cached = getattr(user, "_access_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("place", "organisation"))
        user.__dict__["_access_memberships"] = cached
    return cached


def scope(user: Actor | None, action: str, model: type) -> Scope:
    """What `user` covers for `action` on rows of `model`."""
    return _scope(user, action, declaration(model).access_kind)


def _scope(actor: Actor | None, action: str, kind: Kind) -> Scope:
    user = _active(actor)
    if user is None:
        return Scope(False, set(), set())
    if user.is_superuser:
        return Scope(True, set(), set())
    scopes = user.__dict__.setdefault("_access_scopes", {})
    if (action, kind) in scopes:
        return scopes[action, kind]
    key = coverage.scope_key(user.pk, action, kind.value)
    kept = coverage.kept(key)
    if kept is not None:
        scopes[action, kind] = Scope(*kept)
        return scopes[action, kind]
    everywhere, place_ids, organisation_ids = False, set[int](), set[int]()
    place_cache = user.__dict__.setdefault("_access_places", {})
    for membership in _memberships(user):
        if action not in allowed_actions(membership.role, kind):
            continue
        if membership.organisation_id:
            organisation_ids.add(membership.organisation_id)
        elif membership.place_id:
            if membership.place_id not in place_cache:
                place_cache[membership.place_id] = covered_places(membership.place)
            place_ids |= place_cache[membership.place_id]
        else:
            everywhere = True
    result = Scope(everywhere, place_ids, organisation_ids)
    coverage.keep(key, (everywhere, place_ids, organisation_ids))
    scopes[action, kind] = result
    return result


def restrict(queryset: QS, actor: Actor | None, action: str = VIEW) -> QS:
    """The rows of `queryset` that `actor` may perform `action` on."""
    model = queryset.model
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    governed = declaration(model)
    user = _active(actor)
    if user is None:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if action == VIEW and governed.access_kind in PUBLIC_VIEW:
        return queryset
    user_scope = scope(user, action, model)
    if user_scope.empty:
        return queryset.none()
    return queryset.filter(user_scope.q(model)).filter(governed.access_filter(user, action))


def visible_or_404(source: QuerySet[M] | type[M], user: Actor | None, pk: Any, action: str = VIEW) -> M:
    """The row `pk` of `source` that `user` sees, to perform `action` on.

    A row the user may not see answers 404, so that what is hidden looks absent; a row
    they see but may not act on this way answers 403 (PermissionDenied).
    """
    queryset = source if isinstance(source, QuerySet) else source._default_manager.all()
    try:
        obj = restrict(queryset, user, VIEW).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action != VIEW:
        require(user, action, obj)
    return obj


def can(actor: Actor | None, action: str, obj: Model) -> bool:
    """Whether `actor` may perform `action` on `obj`, as stored and as it now stands in memory."""
    model = type(obj)
    governed = declaration(model)
    user = _active(actor)
    if user is None:
        return False
    if user.is_superuser:
        return True
    if action == VIEW and governed.access_kind in PUBLIC_VIEW:
        return True
    if obj.pk is not None and action != ADD:
        if not restrict(model._base_manager.filter(pk=obj.pk), user, action).exists():
            return False
    return scope(user, action, model).covers_instance(obj)


def can_add(actor: Actor | None, model: type[Model]) -> bool:
    """Whether `actor` may add records of `model` anywhere (to show or hide an Add button)."""
    user = _active(actor)
    if user is None:
        return False
    user_scope = scope(user, ADD, model)
    governed = declaration(model)
    if not (governed.access_places or governed.access_organisations):
        # Records of no place (e.g. exchange rates) are kept by those who cover everywhere.
        return user_scope.everywhere
    return not user_scope.empty


def may_read_sensitive(user: Actor | None, obj: Model) -> bool:
    """Whether `user` may read border-sensitive records (patrols, incidents) within `obj`'s places.

    A partnership's report shows its border section only to those who may: border
    officers, approvers and administrators whose scope covers the partnership.
    """
    return _scope(user, VIEW, Kind.SENSITIVE).covers_instance(obj)


def _reads_as_its_side(user: Actor | None, obj: Model, governed: type[Governed]) -> bool:
    """Whether `user` reads `obj` as the side it belongs to: theirs, or both sides' (a side of "")."""
    if not signed_in(user):
        return False
    return user.is_superuser or bool(governed.access_side and getattr(obj, governed.access_side) in ("", user.side))


def hidden_fields(user: Actor | None, obj: Model) -> set[str]:
    """The fields of `obj` that `user` may not read: its private fields, unless the row is their side's."""
    governed = declaration(type(obj))
    if not governed.access_private_fields or _reads_as_its_side(user, obj, governed):
        return set()
    return set(governed.access_private_fields)


def history_since(user: Actor | None, obj: Model) -> datetime.datetime | None:
    """From when `user` may read the history of `obj` (its change log, journal, steps); None: all of it.

    The other side reads a shared row's history from the moment it was shared, not what
    it said before; a row not shared with them has no history for them.
    """
    governed = declaration(type(obj))
    shared_field = getattr(governed, "access_shared_at", "")  # rows of a model that shares nothing have one history
    if not shared_field or _reads_as_its_side(user, obj, governed):
        return None
    shared: datetime.datetime | None = getattr(obj, shared_field)
    return shared or timezone.now()


def first_grant(user: Actor | None, action: str, model: type[Model]) -> tuple[Any, Any]:
    """The place and organisation of the user's first membership allowing `action` on `model` ((None, None): everywhere).

    A record that a user submits for review is kept within that scope (e.g. an intake document).
    """
    if signed_in(user):
        kind = declaration(model).access_kind
        for membership in _memberships(user):
            if action in allowed_actions(membership.role, kind):
                return membership.place, membership.organisation
    return None, None


def is_administrator(user: Actor | None) -> bool:
    """Whether `user` administers anything (restores deleted records, sees the deleted-records page)."""
    return signed_in(user) and (user.is_superuser or any(m.role == Role.ADMINISTRATOR for m in _memberships(user)))


def require(actor: Actor | None, action: str, obj: Model) -> User:
    """The signed-in user `actor`, if they may perform `action` on `obj`; else PermissionDenied."""
    user = _active(actor)
    if user is None or not can(user, action, obj):
        raise PermissionDenied(_("You do not have permission to do this with this record."))
    return user
