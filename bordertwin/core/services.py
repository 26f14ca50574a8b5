"""Writes every record goes through: save, delete softly, restore, note, attach.

Each function is atomic, checks access for the acting user, validates the record and
records who did it and why in the change log.
"""

import hashlib
from typing import TypeVar, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor

from . import context
from .files import short_file_name
from .models import Attachment, BaseRecord, JournalEntry

R = TypeVar("R", bound=models.Model)

# File signatures of what officers attach: signed PDFs, Word files, scans and photos.
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


@transaction.atomic
def save_record(obj: R, *, acting_user: Actor, reason: str = "") -> R:
    """Validate and save a new or changed record, if the user may."""
    action = access.ADD if obj.pk is None else access.CHANGE
    access.require(acting_user, action, obj)
    obj.full_clean()
    with context.acting(acting_user, reason):
        obj.save()
    return obj


def live_dependents(obj: models.Model) -> list[str]:
    """Names of the kinds of live records that still point at `obj`."""
    found = []
    for relation in obj._meta.related_objects:
        related_model = relation.related_model
        if not relation.one_to_many or not issubclass(related_model, BaseRecord):
            continue
        if related_model.objects.filter(**{relation.field.name: obj}).exists():
            found.append(str(related_model._meta.verbose_name_plural))
    return found


@transaction.atomic
def delete_record(obj: BaseRecord, *, acting_user: Actor, reason: str = "") -> BaseRecord:
    """Delete softly: the record disappears from lists and can be restored by an administrator."""
    access.require(acting_user, access.DELETE, obj)
    dependents = live_dependents(obj)
    if dependents:
        raise ValidationError(
            _("This record still has {records}: delete or move them first.").format(records=", ".join(dependents))
        )
    obj.deleted_at = timezone.now()
    with context.acting(acting_user, reason):
        obj.save(update_fields=["deleted_at"])
    return obj


@transaction.atomic
def restore_record(obj: BaseRecord, *, acting_user: Actor, reason: str = "") -> BaseRecord:
    access.require(acting_user, access.RESTORE, obj)
    for field in obj._meta.concrete_fields:
        target = getattr(field, "related_model", None)
        if field.many_to_one and target is not None and issubclass(target, BaseRecord):
            value = getattr(obj, field.name)
            if value is not None and value.deleted_at is not None:
                raise ValidationError(
                    _("Restore the {record} it belongs to first.").format(record=target._meta.verbose_name)
                )
    obj.deleted_at = None
    with context.acting(acting_user, reason):
        obj.save(update_fields=["deleted_at"])
    return obj


@transaction.atomic
def add_note(obj: models.Model, *, acting_user: Actor, text: str) -> JournalEntry:
    """A note in a record's journal, by someone who may change the record (a viewer only reads)."""
    author = access.require(acting_user, access.CHANGE, obj)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("A note cannot be empty.")})
    entry = JournalEntry(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, text=text, author=author)
    entry.full_clean()
    entry.save()
    return entry


def check_upload(upload: UploadedFile) -> str:
    """The media type of an upload, after checking its size, name and content agree; else ValidationError."""
    limit = settings.BORDERTWIN_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than {limit} MB.").format(limit=round(limit / 1024 / 1024, 1))}
        )
    name = (upload.name or "").lower()
    extension = name[name.rfind("."):] if "." in name else ""
    media_type = EXTENSIONS.get(extension)
    if media_type is None:
        raise ValidationError({"file": _("Only PDF, DOCX, JPEG and PNG files can be attached.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(ATTACHMENT_TYPES[media_type]):
        raise ValidationError({"file": _("The file's content does not match its name ({name}).").format(name=upload.name)})
    return media_type


def log_on_record(obj: models.Model, *, acting_user: Actor, reason: str) -> None:
    """A line in `obj`'s change log saying what happened beside its fields (a file attached or removed),
    without saving the record itself: its fields are logged as they are stored."""
    stored = type(obj)._base_manager.get(pk=obj.pk)
    ctx = context.current()
    type(obj).history.bulk_history_create(  # type: ignore[attr-defined]  # simple-history adds `history` to the models it tracks
        [stored], update=True, default_user=acting_user, default_change_reason=reason,
        custom_historical_attrs={"request_id": ctx.request_id} if ctx else None,
    )


@transaction.atomic
def attach_file(obj: models.Model, upload: UploadedFile, *, acting_user: Actor) -> Attachment:
    """Keep a file with a record, if the user may change it; the record's change log names the file."""
    uploader = access.require(acting_user, access.CHANGE, obj)
    media_type = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = short_file_name(upload.name or "")
    # check_upload refused an upload of unknown size.
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, name=name,
        media_type=media_type, size=cast(int, upload.size), sha256=digest.hexdigest(), uploaded_by=uploader,
    )
    reason = _("File attached: {name}").format(name=name)
    with context.acting(acting_user, reason):
        attachment.file.save(name, upload, save=False)
        attachment.save()
        log_on_record(obj, acting_user=uploader, reason=reason)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, acting_user: Actor) -> Attachment:
    """Remove a file from a record (softly), if the user may change the record; its change log names the file."""
    # Records are deleted softly: an attachment's record is always there.
    record = cast(models.Model, attachment.record)
    remover = access.require(acting_user, access.CHANGE, record)
    attachment.deleted_at = timezone.now()
    reason = _("File removed: {name}").format(name=attachment.name)
    with context.acting(acting_user, reason):
        attachment.save(update_fields=["deleted_at"])
        log_on_record(record, acting_user=remover, reason=reason)
    return attachment
