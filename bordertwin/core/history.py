"""The change log of a record, readable: who, when, why, and each field before and after."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.encoding import force_str

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
    user: Any
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
    if model_field.choices:
        return force_str(dict(model_field.flatchoices).get(value, value))
    return display(value)


def change_entries(obj: models.Model, limit: int | None = None) -> list[ChangeEntry]:
    """The change log of `obj`, newest first, the rows of one request merged into one entry."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))  # type: ignore[attr-defined]
    pairs = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        delta = record.diff_against(previous, excluded_fields=["updated_at", "search_text"]) if previous else None
        pairs.append((record, delta))
    wanted: dict[type[models.Model], set[Any]] = {}
    for _record, delta in pairs:
        for change in delta.changes if delta else []:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation:
                wanted.setdefault(model_field.related_model, set()).update(v for v in (change.old, change.new) if v)
    related = {}
    for related_model, pks in wanted.items():
        for pk, item in related_model._base_manager.in_bulk(list(pks)).items():
            related[(related_model, pk)] = item
    entries: list[ChangeEntry] = []
    for record, delta in pairs:
        kind = KIND.get(record.history_type, "changed")
        if record.history_type == "~" and delta and [c.field for c in delta.changes] == ["deleted_at"]:
            kind = "deleted" if record.deleted_at else "restored"
        request_id = getattr(record, "request_id", "") or f"row-{record.history_id}"
        if entries and entries[-1].request_id == request_id:
            entry = entries[-1]
        else:
            entry = ChangeEntry(request_id, record.history_date, record.history_user, record.history_change_reason or "", kind)
            entries.append(entry)
        for change in delta.changes if delta else []:
            label = force_str(model._meta.get_field(change.field).verbose_name)
            entry.changes.append(
                FieldChange(
                    label,
                    _field_display(model, change.field, change.old, related),
                    _field_display(model, change.field, change.new, related),
                )
            )
    return entries[:limit] if limit else entries
