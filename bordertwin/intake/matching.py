"""Finds the registry place a name in a document stands for.

"Khăm Muộn" and "Khăm Muồn", "NaKai", "Na Kai" and "Nakai", "huyện Hương Khê" and
"huong khe" all land on the same place. The level word, when there is one, picks the
district over the commune of the same name; the document's date picks the unit that
existed then (Xã Thượng Trạch of Quảng Bình in 2024, of Quảng Trị after 1 July 2025).
"""

import datetime
import re
from collections import defaultdict
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from bordertwin.core.text import fold
from bordertwin.places.models import Place

from .extraction.parties import LEVEL_WORDS

# The extraction's levels, as the registry's; a border-guard unit is an organisation, not a place.
REGISTRY_LEVELS = {
    "province": "province", "district": "district", "commune": "commune", "ward": "ward",
    "village_cluster": "village_cluster", "village": "village",
}
# Levels of the same tier: a "xã" in a text may be a ward or a township in the registry.
TIERS = {"commune": "commune", "ward": "commune", "village_cluster": "village_cluster", "village": "village"}
_DOUBLED = re.compile(r"([aeiouy])\1+")
_SEPARATORS = re.compile(r"[\s\-–'’.]+")
_LEVEL_PREFIX = sorted(((fold(word), level) for word, level, _side in LEVEL_WORDS), key=lambda w: -len(w[0]))


def name_key(name: str) -> str:
    """A name folded, with spaces and hyphens dropped and doubled vowels collapsed: "Noỏng Mạ" → "nongma"."""
    return _DOUBLED.sub(r"\1", _SEPARATORS.sub("", fold(name)))


def split_level(name: str) -> tuple[str, str | None]:
    """ "huyện NaKai" → ("NaKai", "district"); a name without a level word comes back as it is."""
    folded = fold(name)
    for word, level in _LEVEL_PREFIX:
        if folded.startswith(word + " "):
            return name.strip()[len(word):].strip(), level
    return name.strip(), None


def place_names(place: Any) -> list[str]:
    aliases = re.split(r"[;\n]", place.aliases or "")
    return [n for n in (place.name_vi, place.name_en, place.name_lo, *aliases) if n and n.strip()]


# The registry's places under the key of each of their names, built once per process and
# built again when the registry changes; with the state it was built from.
_index: tuple[tuple[Any, ...], dict[str, list[Place]]] | None = None
_INDEX_FIELDS = ("pk", "country", "level", "name_vi", "name_en", "name_lo", "aliases", "valid_from", "valid_to")


def registry_index() -> dict[str, list[Place]]:
    """Every place of the registry under the key of each of its names. One query tells whether
    the registry changed since the index was built (its number of rows, deleted ones included,
    and its latest change: every save of a place stamps it), so a place added, renamed or
    deleted in any process is matched, or no longer matched, in every other on its next document."""
    global _index
    state = Place.all_objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    fingerprint = (state["count"], state["latest"])
    if _index is None or _index[0] != fingerprint:
        found: defaultdict[str, list[Place]] = defaultdict(list)
        for place in Place.objects.only(*_INDEX_FIELDS):
            for key in {name_key(name) for name in place_names(place)}:
                found[key].append(place)
        _index = (fingerprint, dict(found))
    return _index[1]


class RegistryMatcher:
    """The intake's PlaceMatcher: `match(name, level, country)` → the id of a registry place, or None.

    Among places whose name, English name, Lao name or an alias has the name's key (folded,
    without spaces and hyphens, doubled vowels as one: the registry index),
    it prefers one of the level asked, then one that existed on the document's date (or
    today), then one named so officially rather than by alias. When two places still
    tie, the name is ambiguous and nothing is matched.
    """

    def __init__(self, on: datetime.date | None = None) -> None:
        self.on = on
        self.today = timezone.localdate()
        self._cache: dict[tuple[str, str | None, str | None], int | None] = {}
        self._places: dict[str, list[Place]] | None = None  # the registry index, asked for at the first match

    def match(self, name: str, level: str | None = None, country: str | None = None) -> int | None:
        bare, written_level = split_level(name or "")
        level = level or written_level
        key = (name_key(bare), level, country)
        if key not in self._cache:
            self._cache[key] = self._match(bare, level, country)
        return self._cache[key]

    def _match(self, name: str, level: str | None, country: str | None) -> int | None:
        wanted = name_key(name)
        if not wanted or (level is not None and level not in REGISTRY_LEVELS):
            return None
        if self._places is None:
            self._places = registry_index()
        ranked = [
            (self.score(place, wanted, level), place.pk)
            for place in self._places.get(wanted, []) if country is None or place.country == country
        ]
        if not ranked:
            return None
        ranked.sort(reverse=True)
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return None
        return ranked[0][1]

    def score(self, place: Place, wanted: str, level: str | None) -> tuple[int, int, int]:
        if level is None:
            level_score = 0
        elif place.level == REGISTRY_LEVELS[level]:
            level_score = 2
        elif TIERS.get(place.level) is not None and TIERS.get(place.level) == TIERS.get(level):
            level_score = 1
        else:
            level_score = 0
        if self.on is not None and place.is_valid_on(self.on):
            time_score = 2
        elif place.is_valid_on(self.today):
            time_score = 1
        else:
            time_score = 0
        official = int(name_key(place.name_vi) == wanted or name_key(place.name_en) == wanted)
        return (level_score, time_score, official)
