"""What a role over a place covers: the registry of the one function that knows places.

The places app registers it in its AppConfig.ready(); access itself knows no place model.
What it returns is kept in the cache, renewed by a new generation whenever places or
successions change (`forget_places`) or memberships change.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

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
    generation = cache.get_or_set(PLACES_VERSION, 1)
    key = f"bordertwin:covered:{generation}:{place.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = _covering(place)
        cache.set(key, ids, COVERED_SECONDS)
    return ids


def forget_places() -> None:
    """Places or successions changed: what each role covers is computed afresh."""
    try:
        cache.incr(PLACES_VERSION)
    except ValueError:
        cache.set(PLACES_VERSION, 1)
