"""Who may see and change what: the one gate every page, API call, export and search passes.

A user belongs to one side and holds memberships: a role over a place (covering every
place below it, and every former unit whose duties passed into it) or over one
organisation. A record declares, on its model, the lookups that lead to its places and
organisations (`access_places`, `access_organisations`); it is in a user's scope when
one of them lands in a place or organisation the user covers for the action.

- view: any role in scope; reference data (`access_public_view`: places, organisations,
  units) every signed-in user reads, even one who holds no role yet; border-sensitive
  data (`access_sensitive`) only border officers, approvers and administrators.
- add, change, delete: editors, approvers and administrators (border officers too on
  sensitive data); reference data that only administrators keep (`access_admin_only`);
  data every role in scope reads but only border officers, approvers and administrators
  change (`access_sensitive_write`, e.g. boundary markers).
- approve: approvers and administrators. restore: administrators.
A model may narrow further with a classmethod `access_filter(user, action) -> Q`.
"""

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from bordertwin.accounts.choices import Role

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


def allowed_actions(role: str, model: type[Model]) -> set[str]:
    if getattr(model, "access_sensitive", False):
        return SENSITIVE_ROLE_ACTIONS[role]
    if getattr(model, "access_sensitive_write", False):
        return (ROLE_ACTIONS[role] & {VIEW}) | SENSITIVE_ROLE_ACTIONS[role]
    if getattr(model, "access_admin_only", False):
        return {VIEW} | (set(ACTIONS) if role == Role.ADMINISTRATOR else set())
    return ROLE_ACTIONS[role]


class Scope:
    """The places and organisations one user covers for one action on one model."""

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
        condition = Q(pk__in=[])
        for lookup in model.access_places:  # type: ignore[attr-defined]
            condition |= Q(**{f"{lookup}__in": self.place_ids})
        for lookup in model.access_organisations:  # type: ignore[attr-defined]
            condition |= Q(**{f"{lookup}__in": self.organisation_ids})
        return condition

    def covers_instance(self, obj: Model) -> bool:
        if self.everywhere:
            return True
        places = _values(obj, obj.access_places)  # type: ignore[attr-defined]
        organisations = _values(obj, obj.access_organisations)  # type: ignore[attr-defined]
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


def _memberships(user: Any) -> list[Any]:
    cached = getattr(user, "_access_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("place", "organisation"))
        user._access_memberships = cached
    return cached


PLACES_VERSION = "bordertwin:places-version"
COVERED_SECONDS = 300


def covered_places(place: Any) -> set[int]:
    """What a role over `place` covers, kept a few minutes: it is asked on every request.

    Any change to places or successions starts a new generation of the cache (see
    `forget_places`); other processes see the change within COVERED_SECONDS.
    """
    generation = cache.get_or_set(PLACES_VERSION, 1)
    key = f"bordertwin:covered:{generation}:{place.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = _covered_places(place)
        cache.set(key, ids, COVERED_SECONDS)
    return ids


def forget_places() -> None:
    """Places or successions changed: what each role covers is computed afresh."""
    try:
        cache.incr(PLACES_VERSION)
    except ValueError:
        cache.set(PLACES_VERSION, 1)


def _covered_places(place: Any) -> set[int]:
    """A place, every place below it, and every former unit (with all below it) whose duties passed into those."""
    from bordertwin.places.choices import SuccessionKind
    from bordertwin.places.models import Place, Succession

    ids = set(Place.all_objects.filter(path__startswith=place.path).values_list("pk", flat=True))
    frontier = set(ids)
    while frontier:
        links = (
            Succession.objects.filter(successor_id__in=frontier)
            .exclude(predecessor_id__in=ids)
            .values_list("predecessor_id", "predecessor__path", "kind")
        )
        predecessors = {pk for pk, _path, _kind in links}
        if not predecessors:
            break
        # A unit absorbed (merged, split, renamed) brings everything below it; an abolished
        # district whose duties passed on brings only itself, not communes that went elsewhere.
        condition = Q(pk__in=predecessors)
        absorbed = {path for _pk, path, kind in links if kind != SuccessionKind.DUTIES_TRANSFERRED}
        for prefix in _outermost(absorbed):
            condition |= Q(path__startswith=prefix)
        frontier = set(Place.all_objects.filter(condition).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def _outermost(paths: set[str]) -> list[str]:
    """The paths not inside another of them: /A/ covers /A/B/."""
    kept: list[str] = []
    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def scope(user: Any, action: str, model: type[Model]) -> Scope:
    if not user or not user.is_authenticated or not user.is_active:
        return Scope(False, set(), set())
    if user.is_superuser:
        return Scope(True, set(), set())
    cache = user.__dict__.setdefault("_access_scopes", {})
    key = (
        action, getattr(model, "access_sensitive", False), getattr(model, "access_sensitive_write", False),
        getattr(model, "access_admin_only", False),
    )
    if key in cache:
        return cache[key]
    everywhere, place_ids, organisation_ids = False, set(), set()
    place_cache = user.__dict__.setdefault("_access_places", {})
    for membership in _memberships(user):
        if action not in allowed_actions(membership.role, model):
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
    cache[key] = result
    return result


def restrict(queryset: QuerySet, user: Any, action: str = VIEW) -> QuerySet:
    """The rows of `queryset` that `user` may perform `action` on."""
    model = queryset.model
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not user or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if action == VIEW and getattr(model, "access_public_view", False):
        return queryset
    user_scope = scope(user, action, model)
    if user_scope.empty:
        return queryset.none()
    queryset = queryset.filter(user_scope.q(model))
    narrow = getattr(model, "access_filter", None)
    if narrow is not None:
        queryset = queryset.filter(narrow(user, action))
    return queryset


def can(user: Any, action: str, obj: Model) -> bool:
    """Whether `user` may perform `action` on `obj`, as stored and as it now stands in memory."""
    model = type(obj)
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if action == VIEW and getattr(model, "access_public_view", False):
        return True
    if obj.pk is not None and action != ADD:
        stored = restrict(model._base_manager.filter(pk=obj.pk), user, action)  # type: ignore[attr-defined]
        if not stored.exists():
            return False
    user_scope = scope(user, action, model)
    return user_scope.covers_instance(obj)


def can_add(user: Any, model: type[Model]) -> bool:
    """Whether `user` may add records of `model` anywhere (to show or hide an Add button)."""
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or not scope(user, ADD, model).empty


def require(user: Any, action: str, obj: Model) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(_("You do not have permission to do this with this record."))
