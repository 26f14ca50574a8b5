"""The rules of the registry that other parts ask for: what a role over a place covers."""

from django.db.models import Q

from .choices import SuccessionKind
from .models import Place, Succession


def covered_places(place: Place) -> set[int]:
    """A place, every place below it, and every former unit (with all below it) whose duties passed into those."""
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
