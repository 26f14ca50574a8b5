"""Entries made on a device, sent when the connection returns: created once, and never written over a newer version.

- `client_uuid`: the id a device gives an entry. The first create with it records (user, client_uuid, record);
  a second create by the same user with the same id creates nothing and answers with the first record.
- A record's version is its ETag, read from `updated_at`. An update sent with `If-Match` (the version the device
  started from) is refused with 412 and the current version when the record changed on the server meanwhile.
"""

import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.request import Request

from bordertwin.access.users import User
from bordertwin.core.models import BaseRecord, ClientSubmission

CLIENT_UUID = "client_uuid"


def client_uuid_field() -> serializers.UUIDField:
    return serializers.UUIDField(
        write_only=True, required=False,
        help_text=_(
            "An id the device made for this entry (on create only). A second create with the same id by the same user "
            "creates nothing and answers 200 with the first record."
        ),
    )


def client_uuid(request: Request) -> uuid.UUID | None:
    value = request.data.get(CLIENT_UUID) if hasattr(request.data, "get") else None
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise exceptions.ValidationError({CLIENT_UUID: [_("Must be a valid UUID.")]}) from None


def earlier_record(user: User, key: uuid.UUID, queryset: QuerySet) -> BaseRecord | None:
    """The record this user already created with this id, if it is of this resource and they still see it."""
    submission = ClientSubmission.objects.filter(user=user, client_uuid=key).first()
    if submission is None:
        return None
    if submission.content_type != ContentType.objects.get_for_model(queryset.model):
        raise exceptions.ValidationError({CLIENT_UUID: [_("This id was already used for another kind of record.")]})
    record = queryset.filter(pk=submission.object_id).first()
    if record is None:
        raise exceptions.NotFound()
    return record


def remember(user: User, key: uuid.UUID, record: Model) -> None:
    ClientSubmission.objects.create(
        user=user, client_uuid=key, content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
    )


def etag(record: Any) -> str:
    return '"{}"'.format(record.updated_at.isoformat()) if getattr(record, "updated_at", None) else ""


def changed_since(request: Request, record: BaseRecord) -> bool:
    """True when the request names the version it started from (If-Match) and the record is no longer at it."""
    expected = request.headers.get("If-Match", "").strip()
    if not expected or expected == "*":
        return False
    versions = {tag.strip().removeprefix("W/") for tag in expected.split(",")}
    return etag(record) not in versions
