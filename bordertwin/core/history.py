"""The change log of a record, readable: who, when, why, and each field before and after."""

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import models
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from simple_history.models import ModelChange

from bordertwin.access.users import User

from .tables import display


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class ChangeEntry:
    request_id: str
    date: Any
    user: User | None
    reason: str
    kind: str
    changes: list[FieldChange] = field(default_factory=list)


KIND = {"+": "created", "~": "changed", "-": "removed"}


def _field_display(model: type[models.Model], name: str, value: Any, related: dict) -> str:
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return display(value)
    if value is None or value == "":
        return ""
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return force_str(obj) if obj is not None else f"#{value}"
    if isinstance(model_field, models.Field) and model_field.choices:
        return force_str(dict(model_field.flatchoices).get(value, value))
    return display(value)


# Columns a reader never needs: bookkeeping that changes with every save or never changes.
NOT_COMPARED = {"id", "created_at", "created_by", "updated_at", "search_text", "path"}


def _changes(record: Any, previous: Any) -> list[ModelChange]:
    """What changed between two rows of the log; simple-history's diff skips non-editable
    fields, so the ones a reader needs (deleted, continues) are compared here."""
    found = list(record.diff_against(previous, excluded_fields=["updated_at", "search_text"]).changes)
    for model_field in record.tracked_fields:
        if model_field.editable or model_field.name in NOT_COMPARED:
            continue
        old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
        if old != new:
            found.append(ModelChange(model_field.name, old, new))
    return found


def change_entries(
    obj: models.Model, limit: int | None = None, hidden: Collection[str] = (), since: datetime.datetime | None = None,
    rows: slice | None = None,
) -> list[ChangeEntry]:
    """The change log of `obj`, newest first, the rows of one request merged into one entry.

    Fields in `hidden` show that they changed but not their values; with `since`, only the
    changes made from then on are told (see `record_history` and `access.history_since`).
    With `rows` (a slice of the history rows, newest first), only those rows are read, and the one
    before the oldest of them to tell what it changed: a page of a busy record's history.
    """
    model = type(obj)
    history = obj.history  # type: ignore[attr-defined]  # simple-history adds `history` to the models it tracks
    ordered = history.select_related("history_user").order_by("-history_date", "-history_id")
    if rows is not None:
        shown = list((ordered if since is None else ordered.filter(history_date__gte=since))[rows.start: rows.stop])
        records = list(shown)
        if shown:
            last = shown[-1]
            earlier = Q(history_date__lt=last.history_date) | Q(history_date=last.history_date, history_id__lt=last.history_id)
            before = ordered.filter(earlier).first()
            if before is not None:
                records.append(before)
    else:
        records = shown = list(ordered)
    pairs = []
    for index, record in enumerate(shown):
        previous = records[index + 1] if index + 1 < len(records) else None
        pairs.append((record, _changes(record, previous) if previous else []))
    wanted: dict[type[models.Model], set[Any]] = {}
    for _record, changes in pairs:
        for change in changes:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation and model_field.related_model is not None:
                wanted.setdefault(model_field.related_model, set()).update(v for v in (change.old, change.new) if v)
    related = {}
    for related_model, pks in wanted.items():
        for pk, item in related_model._base_manager.in_bulk(list(pks)).items():
            related[(related_model, pk)] = item
    entries: list[ChangeEntry] = []
    if since is not None:
        pairs = [(record, changes) for record, changes in pairs if record.history_date >= since]
    for record, changes in pairs:
        kind = KIND.get(record.history_type, "changed")
        if record.history_type == "~" and [c.field for c in changes] == ["deleted_at"]:
            kind = "deleted" if record.deleted_at else "restored"
        request_id = getattr(record, "request_id", "") or f"row-{record.history_id}"
        if entries and entries[-1].request_id == request_id:
            entry = entries[-1]
        else:
            entry = ChangeEntry(request_id, record.history_date, record.history_user, record.history_change_reason or "", kind)
            entries.append(entry)
        for change in changes:
            # The log compares concrete fields only, never reverse relations.
            label = force_str(cast(models.Field, model._meta.get_field(change.field)).verbose_name)
            if change.field in hidden:
                entry.changes.append(FieldChange(label, _("(hidden)"), _("(hidden)")))
                continue
            entry.changes.append(
                FieldChange(
                    label,
                    _field_display(model, change.field, change.old, related),
                    _field_display(model, change.field, change.new, related),
                )
            )
    return entries[:limit] if limit else entries
