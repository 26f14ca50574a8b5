"""What a role over a place covers: the registry of the one function that knows places.

The places app registers it in its AppConfig.ready(); access itself knows no place model.
What it returns is kept in the cache, renewed by a new generation whenever places or
successions change (`forget_places`) or memberships change (`forget_memberships`).
Where the cache is shared by every worker (Redis), each user's scopes are kept there too,
under the same generation, so that a request need not read the user's memberships.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

PLACES_VERSION = "bordertwin:places-version"
COVERED_SECONDS = 300

_covering: Callable[[Any], set[int]] | None = None


def register(function: Callable[[Any], set[int]]) -> None:
    """Name the function that answers which place ids a role over one place covers."""
    global _covering
    _covering = function


def covered_places(place: Any) -> set[int]:
    """What a role over `place` covers, kept a few minutes: it is asked on every request."""
    if _covering is None:
        raise ImproperlyConfigured("No place coverage is registered: install bordertwin.places.")
    key = f"bordertwin:covered:{generation()}:{place.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = _covering(place)
        cache.set(key, ids, COVERED_SECONDS)
    return ids


def generation() -> int:
    """The current generation of places, successions and memberships."""
    value: Any = cache.get_or_set(PLACES_VERSION, 1)
    return int(value)


def shared() -> bool:
    """Whether every worker reads this cache, so that one worker's change is seen by the others at once."""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], (LocMemCache, DummyCache))


def scope_key(user_pk: int, action: str, kind: str) -> str | None:
    """Where a user's scope for an action on a kind of data is kept, in this generation; None: nowhere.

    Read the key before the memberships, and keep what they give under it: a change
    committed in between moves to a new generation, so nobody reads the old scope there.
    """
    return f"bordertwin:scope:{generation()}:{user_pk}:{action}:{kind}" if shared() else None


def kept(key: str | None) -> Any:
    return None if key is None else cache.get(key)


def keep(key: str | None, value: Any) -> None:
    if key is not None:
        cache.set(key, value, COVERED_SECONDS)


def forget_memberships() -> None:
    """Memberships changed: every scope is computed afresh once the change is committed.

    Not before: a worker reading the new generation must also read the new memberships.
    """
    transaction.on_commit(forget_places)


def forget_places() -> None:
    """Places or successions changed: what each role covers is computed afresh."""
    try:
        cache.incr(PLACES_VERSION)
    except ValueError:
        cache.set(PLACES_VERSION, 1)
