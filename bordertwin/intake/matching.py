"""Finds the registry place a name in a document stands for.

"Khăm Muộn" and "Khăm Muồn", "NaKai", "Na Kai" and "Nakai", "huyện Hương Khê" and
"huong khe" all land on the same place. The level word, when there is one, picks the
district over the commune of the same name; the document's date picks the unit that
existed then (Xã Thượng Trạch of Quảng Bình in 2024, of Quảng Trị after 1 July 2025).
"""

import datetime
import re
from typing import Any

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
_CAMEL = re.compile(r"(?<=[a-zà-ỹđ])(?=[A-ZÀ-ỸĐ])")
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


class RegistryMatcher:
    """The intake's PlaceMatcher: `match(name, level, country)` → the id of a registry place, or None.

    Among places whose name, English name, Lao name or an alias equals the name (folded),
    it prefers one of the level asked, then one that existed on the document's date (or
    today), then one named so officially rather than by alias. When two places still
    tie, the name is ambiguous and nothing is matched.
    """

    def __init__(self, on: datetime.date | None = None) -> None:
        self.on = on
        self.today = timezone.localdate()
        self._cache: dict[tuple[str, str | None, str | None], int | None] = {}

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
        ranked = []
        for place in self.candidates(name, country):
            names = place_names(place)
            if wanted not in {name_key(n) for n in names}:
                continue
            ranked.append((self.score(place, names, wanted, level), place.pk))
        if not ranked:
            return None
        ranked.sort(reverse=True)
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return None
        return ranked[0][1]

    def candidates(self, name: str, country: str | None) -> list[Place]:
        queries = {fold(name), fold(_CAMEL.sub(" ", name))}
        places = Place.objects.all()
        if country:
            places = places.filter(country=country)
        found: dict[int, Place] = {}
        for query in queries:
            for place in places.search(query)[:200]:
                found[place.pk] = place
        return list(found.values())

    def score(self, place: Place, names: list[str], wanted: str, level: str | None) -> tuple[int, int, int]:
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
