"""Reading places and successions from CSV files (the reference data in data/, or an officer's own file).

A file is read whole and checked before anything is written; one bad row and nothing
is saved. Rows are matched by `key`, so loading the same file twice changes nothing.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from bordertwin import access
from bordertwin.core import context
from bordertwin.core.choices import Side
from bordertwin.core.tables import csv_rows
from bordertwin.core.text import normalise_lao

from .choices import Level, SuccessionKind
from .models import Place, Succession

PLACE_COLUMNS = ["key", "country", "level", "unit_type", "code", "name_vi", "name_en", "name_lo", "aliases", "parent_key", "valid_from", "valid_to"]
SUCCESSION_COLUMNS = ["predecessor_key", "successor_key", "kind", "date", "note"]
# Lao names of places whose own file has none (the Vietnamese units' file is generated from the statistics office's list).
LAO_NAME_COLUMNS = ["key", "name_lo", "source"]
PLACE_FIELDS = ["country", "level", "unit_type", "code", "name_vi", "name_en", "name_lo", "aliases", "valid_from", "valid_to"]


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions_created: int = 0
    notes: list[str] = field(default_factory=list)


def _rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        lines = csv_rows(path.read_text(encoding="utf-8-sig"))
        header = next(lines, [])
        missing = [c for c in columns if c not in header]
        if missing:
            raise ImportFailed([_("{file}: missing columns: {columns}").format(file=path.name, columns=", ".join(missing))])
        return [
            (number, {key: (row[index] if index < len(row) else "").strip() for index, key in enumerate(header) if key})
            for number, row in enumerate(lines, start=2) if row
        ]
    except ValidationError as error:
        raise ImportFailed([f"{path.name}: {message}" for message in error.messages]) from error
    except UnicodeDecodeError as error:
        raise ImportFailed([_("{file} is not UTF-8 text.").format(file=path.name)]) from error
    except OSError as error:
        raise ImportFailed([_("{file} cannot be read: {error}").format(file=path, error=error)]) from error


def _date(value: str, where: str, errors: list[str]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(_("{where}: “{value}” is not a date (YYYY-MM-DD).").format(where=where, value=value))
        return None


@transaction.atomic
def import_places(
    place_files: Iterable[Path], succession_files: Iterable[Path] = (), lao_name_files: Iterable[Path] = (),
) -> ImportResult:
    """Create or update places and successions from CSV files; all or nothing. The change log names the files.

    `lao_name_files` give the Lao name of places of `place_files` whose rows have none (key, name_lo, source)."""
    place_files, succession_files, lao_name_files = list(place_files), list(succession_files), list(lao_name_files)
    names = ", ".join(path.name for path in [*place_files, *succession_files, *lao_name_files])
    with context.acting(None, _("Imported from the file {name}").format(name=names)):
        return _import_places(place_files, succession_files, lao_name_files)


def _import_places(place_files: list[Path], succession_files: list[Path], lao_name_files: list[Path]) -> ImportResult:
    result = ImportResult()
    errors: list[str] = []
    existing = {p.key: p for p in Place.all_objects.all()}
    parsed: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for path in place_files:
        for number, row in _rows(path, PLACE_COLUMNS):
            where = f"{path.name}:{number}"
            key = row["key"]
            if not key:
                errors.append(_("{where}: the key is empty.").format(where=where))
                continue
            if key in parsed:
                errors.append(_("{where}: the key {key} appears twice.").format(where=where, key=key))
                continue
            if row["country"] not in Side.values:
                errors.append(_("{where}: unknown country “{value}”.").format(where=where, value=row["country"]))
            if row["level"] not in Level.values:
                errors.append(_("{where}: unknown level “{value}”.").format(where=where, value=row["level"]))
            if not row["name_vi"]:
                errors.append(_("{where}: the Vietnamese name is empty.").format(where=where))
            values: dict[str, Any] = {name: row[name] for name in PLACE_FIELDS}
            values["name_lo"], values["aliases"] = normalise_lao(row["name_lo"]), normalise_lao(row["aliases"])
            values["valid_from"] = _date(row["valid_from"], where, errors)
            values["valid_to"] = _date(row["valid_to"], where, errors)
            parent_key = row["parent_key"]
            if parent_key and parent_key not in parsed and parent_key not in existing:
                errors.append(_("{where}: the parent {key} is not known (parents come before their children).").format(where=where, key=parent_key))
            parsed[key] = {"values": values, "parent_key": parent_key}
            order.append(key)
    for path in lao_name_files:
        for number, row in _rows(path, LAO_NAME_COLUMNS):
            where = f"{path.name}:{number}"
            if row["key"] not in parsed:
                errors.append(_("{where}: the place {key} is not known.").format(where=where, key=row["key"]))
            elif not row["source"]:
                errors.append(_("{where}: the source of the Lao name is empty.").format(where=where))
            else:
                parsed[row["key"]]["values"]["name_lo"] = normalise_lao(row["name_lo"])
    successions: list[tuple[str, str, str, datetime.date, str]] = []
    for path in succession_files:
        for number, row in _rows(path, SUCCESSION_COLUMNS):
            where = f"{path.name}:{number}"
            for column in ("predecessor_key", "successor_key"):
                if row[column] not in parsed and row[column] not in existing:
                    errors.append(_("{where}: the place {key} is not known.").format(where=where, key=row[column]))
            if row["kind"] not in SuccessionKind.values:
                errors.append(_("{where}: unknown kind of succession “{value}”.").format(where=where, value=row["kind"]))
            day = _date(row["date"], where, errors)
            if day is None and not row["date"]:
                errors.append(_("{where}: the date is empty.").format(where=where))
            if day is not None:  # else the import fails on the error above
                successions.append((row["predecessor_key"], row["successor_key"], row["kind"], day, row["note"]))
    if errors:
        raise ImportFailed(errors)

    to_create: list[Place] = []
    for key in order:
        values, parent_key = parsed[key]["values"], parsed[key]["parent_key"]
        place = existing.get(key)
        parent = existing.get(parent_key) if parent_key else None
        if place is None:
            place = Place(key=key, **values)
            place.parent = parent
            place.path = f"{parent.path if parent else '/'}{key}/"
            existing[key] = place
            to_create.append(place)
            continue
        changed = [name for name, value in values.items() if getattr(place, name) != value]
        if (place.parent.key if place.parent is not None else "") != parent_key:
            place.parent = parent
            changed.append("parent")
        if changed:
            for name, value in values.items():
                setattr(place, name, value)
            place.save()
            result.updated += 1
        else:
            result.unchanged += 1
    _create_in_order(to_create)
    result.created = len(to_create)

    known = set(Succession.all_objects.values_list("predecessor__key", "successor__key", "kind"))
    new_links = [
        Succession(predecessor=existing[a], successor=existing[b], kind=kind, date=day, note=note)
        for a, b, kind, day, note in successions
        if (a, b, kind) not in known
    ]
    bulk_create_with_history(new_links, Succession, batch_size=500, **_logged())
    result.successions_created = len(new_links)
    if to_create or new_links:
        transaction.on_commit(access.forget_places)
    return result


def _logged() -> dict[str, Any]:
    """The reason and request of the change-log rows a bulk insert writes (it sends no signal to stamp them)."""
    ctx = context.current()
    if ctx is None:
        return {}
    return {"default_change_reason": ctx.reason, "custom_historical_attrs": {"request_id": ctx.request_id}}


def _create_in_order(places: list[Place]) -> None:
    """Insert new places parents first, so each row can point at its parent's id."""
    by_depth: dict[int, list[Place]] = {}
    for place in places:
        by_depth.setdefault(place.path.count("/"), []).append(place)
    for depth in sorted(by_depth):
        batch = by_depth[depth]
        for place in batch:
            if place.parent is not None:
                place.parent_id = place.parent.pk
            place.normalise()
            place.search_text = place.compute_search_text()
        bulk_create_with_history(batch, Place, batch_size=500, **_logged())
        if batch and batch[0].pk is None:
            keyed = dict(Place.all_objects.filter(key__in=[p.key for p in batch]).values_list("key", "pk"))
            for place in batch:
                place.pk = keyed[place.key]


DATA_DIR = Path(__file__).resolve().parent / "data"


def load_reference() -> ImportResult:
    """The places along the border that BorderTwin ships with (see data/ATTRIBUTION.md)."""
    return import_places(
        [DATA_DIR / "vn_places.csv", DATA_DIR / "la_places.csv"],
        [DATA_DIR / "vn_successions.csv", DATA_DIR / "la_successions.csv"],
        [DATA_DIR / "vn_lao_names.csv"],
    )
