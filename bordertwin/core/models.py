"""The base every BorderTwin record stands on: timestamps, soft delete, history, access."""

from typing import Any, ClassVar, Self, TypeVar, cast

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bordertwin import access
from bordertwin.access.users import Actor, User

from . import context
from .fields import BoundedTextField
from .text import MAX_SEARCH_CHARS, has_lao, normalise_lao, search_words


class HistoryContext(models.Model):
    """Extra columns of every change-log row: the request that made the change."""

    request_id = models.CharField(_("request"), max_length=32, blank=True, db_index=True)

    class Meta:
        abstract = True


def acting_user(request: Any = None, instance: Any = None, **kwargs: Any) -> User | None:
    ctx = context.current()
    user = ctx.user if ctx else None
    if user is not None and user.is_authenticated:
        return user
    if request is not None and request.user.is_authenticated:
        return request.user
    return None


def history() -> HistoricalRecords:
    return HistoricalRecords(inherit=True, bases=[HistoryContext], get_user=acting_user, excluded_fields=["search_text"])


_R = TypeVar("_R", bound=models.Model)


class RecordQuerySet(models.QuerySet[_R]):
    def restrict(self, user: Actor | None, action: str = access.VIEW) -> Self:
        """Only the rows `user` may perform `action` on (see bordertwin.access)."""
        return access.restrict(self, user, action)

    def search(self, query: str | None) -> Self:
        """Rows with a word starting with each word of the query, ignoring case and diacritics.

        "hin" finds "Hin Nậm Nô", not "Chính"; Lao, written without spaces between words,
        is found anywhere in the text.
        """
        condition = Q()
        # Forms refuse longer terms with a message (core.filtersets); other callers get the start.
        for word in search_words((query or "")[:MAX_SEARCH_CHARS]):
            if has_lao(word):
                condition &= Q(search_text__contains=word)
            else:
                condition &= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
        return self.filter(condition)


AllManager = models.Manager.from_queryset(RecordQuerySet)


class LiveManager(AllManager):
    """Rows that are not deleted."""

    def get_queryset(self) -> RecordQuerySet:
        # The base made by from_queryset() answers a RecordQuerySet, which its generated type does not say.
        return cast(RecordQuerySet, super().get_queryset()).filter(deleted_at__isnull=True)


class BaseRecord(models.Model):
    """Anything BorderTwin keeps: it knows who made it, keeps its history and is deleted softly."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False, db_index=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    history = history()
    objects = LiveManager()
    all_objects = AllManager()

    # Fields whose folded text `search()` looks in.
    search_fields: ClassVar[tuple[str, ...]] = ()
    # Access (bordertwin.access.declarations.Governed): who reads and writes it, and the
    # lookups from this model to the places and organisations whose scope covers it.
    access_kind: ClassVar[access.Kind] = access.Kind.ORDINARY
    access_places: ClassVar[tuple[str, ...]] = ()
    access_organisations: ClassVar[tuple[str, ...]] = ()
    access_side: ClassVar[str] = ""
    access_private_fields: ClassVar[tuple[str, ...]] = ()
    access_shared_at: ClassVar[str] = ""
    url_namespace: ClassVar[str] = ""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Lao text (the `*_lo` fields) is kept in one spelling of "am", whichever way it was typed (core.text).
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if field.name.endswith("_lo") and isinstance(value, str):
                setattr(self, field.attname, normalise_lao(value))
        self.search_text = self.compute_search_text()
        ctx = context.current()
        if self._state.adding and self.created_by_id is None and ctx and ctx.user and ctx.user.is_authenticated and ctx.user.pk:
            self.created_by = ctx.user
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        try:
            return reverse(self.url_name("detail"), args=[self.pk])
        except NoReverseMatch:
            return ""

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q:
        """What narrows a user's scope further on this model: nothing, unless a model says otherwise."""
        return Q()

    @classmethod
    def url_name(cls, view: str) -> str:
        namespace = cls.url_namespace or cls._meta.app_label
        return f"{namespace}:{cls._meta.model_name}_{view}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def compute_search_text(self) -> str:
        return " ".join(" ".join(search_words(str(self._search_value(name)))) for name in self.search_fields)

    def _search_value(self, path: str) -> Any:
        value: Any = self
        for part in path.split("__"):
            value = getattr(value, part, None) if value is not None else None
        return value if value is not None else ""


def is_own_ancestor(obj: models.Model, candidate: Any, attribute: str = "parent") -> bool:
    """Whether making `candidate` the parent of `obj` would close a loop."""
    seen = set()
    while candidate is not None and candidate.pk not in seen:
        if candidate.pk == obj.pk:
            return True
        seen.add(candidate.pk)
        candidate = getattr(candidate, attribute)
    return False


class JournalEntry(models.Model):
    """A free note an officer adds to any record's journal; notes are never edited."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    text = BoundedTextField(_("note"), max_length=10_000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("author"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.text[:60]


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.content_type.model}/{instance.object_id}/{instance.sha256[:16]}-{filename}"


class Attachment(models.Model):
    """A file kept with a record: a signed memorandum as PDF, minutes as DOCX, a photo."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=500)
    name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("checksum"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryContext], get_user=acting_user)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.name


class ClientSubmission(models.Model):
    """A record created through the API with an id its device made (`client_uuid`): a retry finds it, never a twin."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user"))
    client_uuid = models.UUIDField(_("device entry id"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("device entry")
        verbose_name_plural = _("device entries")
        constraints = [models.UniqueConstraint(fields=["user", "client_uuid"], name="core_clientsubmission_once_per_user")]

    def __str__(self) -> str:
        return str(self.client_uuid)
