"""The offline forms, described for outbox.js: fields, labels and choices from the models, in the user's language.

A field's "type" is one of text, textarea, int, decimal, date, datetime, choice (with "choices") or ref (a record of
the cached scope: "ref" names the list, "within" a field whose value the record must belong to, "where" properties
it must have). "client" fields help fill the form in and are not sent.
"""

from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from bordertwin.border.models import Incident, MarkerInspection, Patrol
from bordertwin.tracking.models import Activity, Delivery

from .scope import FORM_MODELS


def field(model: type[models.Model], name: str, **options: Any) -> dict[str, Any]:
    f = model._meta.get_field(name)
    assert isinstance(f, models.Field)
    spec: dict[str, Any] = {"name": name, "label": capfirst(str(f.verbose_name)), "required": not f.blank and not f.has_default()}
    if f.help_text:
        spec["help"] = str(f.help_text)
    if "ref" in options:
        spec["type"] = "ref"
    elif f.choices:
        spec["type"] = "choice"
        spec["choices"] = [[str(value), str(label)] for value, label in f.flatchoices]
        if f.has_default():
            spec["default"] = str(f.get_default())
    elif isinstance(f, models.DateTimeField):
        spec["type"] = "datetime"
    elif isinstance(f, models.DateField):
        spec["type"] = "date"
    elif isinstance(f, models.IntegerField):
        spec["type"] = "int"
    elif isinstance(f, models.DecimalField):
        spec["type"] = "decimal"
    elif isinstance(f, models.TextField):
        spec["type"] = "textarea"
    else:
        spec["type"] = "text"
    spec.update(options)
    return spec


def segment_helper() -> dict[str, Any]:
    return {"name": "segment", "label": capfirst(_("segment")), "type": "ref", "ref": "segments", "required": True, "client": True}


def definitions() -> list[dict[str, Any]]:
    inspection_fields = [
        field(MarkerInspection, "marker", ref="markers", within="segment"),
        field(MarkerInspection, "inspected_on"),
        field(MarkerInspection, "condition"),
        field(MarkerInspection, "note"),
    ]
    forms: list[dict[str, Any]] = [
        {
            "kind": "patrol", "resource": "patrols", "title": _("Joint patrol"), "gpx": True,
            "inspections": inspection_fields,
            "fields": [
                field(Patrol, "segment", ref="segments"),
                field(Patrol, "kind"),
                field(Patrol, "started_at"),
                field(Patrol, "ended_at", after="started_at"),
                field(Patrol, "vn_unit", ref="organisations", where={"side": "VN", "guard": True}),
                field(Patrol, "la_unit", ref="organisations", where={"side": "LA", "guard": True}),
                field(Patrol, "vn_people"),
                field(Patrol, "la_people"),
                field(Patrol, "vn_names"),
                field(Patrol, "la_names"),
                field(Patrol, "findings"),
            ],
        },
        {
            "kind": "inspection", "resource": "inspections", "title": _("Marker inspection"), "photo": True, "gps": True,
            "fields": [segment_helper(), *inspection_fields],
        },
        {
            "kind": "incident", "resource": "incidents", "title": capfirst(_("incident")), "gps": True,
            "fields": [
                field(Incident, "partnership", ref="partnerships", required=True),
                field(Incident, "segment", ref="segments", within="partnership"),
                field(Incident, "category"),
                field(Incident, "occurred_at"),
                field(Incident, "nearest_marker", ref="markers", within="segment"),
                field(Incident, "place_description"),
                field(Incident, "latitude"),
                field(Incident, "longitude"),
                field(Incident, "vn_people"),
                field(Incident, "la_people"),
                field(Incident, "other_people"),
                field(Incident, "people_names"),
                field(Incident, "description"),
                field(Incident, "deadline"),
            ],
        },
        {
            "kind": "activity", "resource": "activities", "title": capfirst(_("activity")),
            "fields": [
                field(Activity, "partnership", ref="partnerships"),
                field(Activity, "kind"),
                field(Activity, "title"),
                field(Activity, "started_on"),
                field(Activity, "ended_on", after="started_on"),
                field(Activity, "venue"),
                field(Activity, "host_side"),
                field(Activity, "vn_participant_count"),
                field(Activity, "la_participant_count"),
                field(Activity, "summary"),
            ],
        },
        {
            "kind": "delivery", "resource": "deliveries", "title": capfirst(_("delivery")),
            "fields": [
                field(Delivery, "partnership", ref="partnerships"),
                field(Delivery, "category"),
                field(Delivery, "item"),
                field(Delivery, "quantity"),
                field(Delivery, "unit", ref="units"),
                field(Delivery, "value"),
                field(Delivery, "currency"),
                field(Delivery, "giver_side"),
                field(Delivery, "recipient_place", ref="places"),
                field(Delivery, "recipient_group"),
                field(Delivery, "beneficiary_count"),
                field(Delivery, "commitment", ref="commitments", within="partnership"),
                field(Delivery, "delivered_on"),
                field(Delivery, "notes"),
            ],
        },
    ]
    assert [f["kind"] for f in forms] == list(FORM_MODELS)
    return forms
