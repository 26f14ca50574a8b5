"""The base serializer and viewset of every API resource: visible rows only, writes through core.services."""

import copy
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin import access
from bordertwin.core import context, services
from bordertwin.core.api import versions
from bordertwin.core.languages import in_reader_language
from bordertwin.core.middleware import change_reason
from bordertwin.core.models import BaseRecord, RecordQuerySet


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to another record that the requesting user can see; others look non-existent."""

    def get_queryset(self) -> QuerySet:
        # Every resource's references point at records, whose querysets restrict.
        queryset = cast(RecordQuerySet, super().get_queryset())
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return queryset.restrict(user, access.VIEW)


class ReaderTextSerializer(serializers.Serializer):
    """One text field in the reader's language: the text, the language it is in, and whether it is the original
    because the reader's language has no version yet. The original and its versions stay fields of their own."""

    text = serializers.CharField(read_only=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, read_only=True)
    fallback = serializers.BooleanField(read_only=True, help_text="True: no version in the reader's language yet; the text is the original.")

    def __init__(self, original: str, **kwargs: Any) -> None:
        self.original = original
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        shown = in_reader_language(instance, self.original)
        return {"text": shown.text, "language": shown.language, "fallback": shown.fallback}


class RecordSerializer(serializers.ModelSerializer):
    serializer_related_field = VisibleRelatedField
    url = serializers.SerializerMethodField()

    def get_url(self, obj: BaseRecord) -> str:
        if type(obj).get_absolute_url is not BaseRecord.get_absolute_url:
            return obj.get_absolute_url()
        # One reverse() per response, not one per row: a page of a list, or a segment's markers, comes in one.
        pattern = self.__dict__.get("_url_pattern")
        if pattern is None:
            try:
                pattern = reverse(obj.url_name("detail"), args=[987654321]).replace("987654321", "{pk}")
            except NoReverseMatch:
                pattern = ""  # a record without a page of its own
            self._url_pattern = pattern
        return pattern.format(pk=obj.pk) if pattern else ""

    @property
    def _readable_fields(self) -> list[serializers.Field]:
        # Found once per serializer, not once per row of a list (DRF walks all fields for every row).
        readable: list[serializers.Field] | None = self.__dict__.get("_readable")
        if readable is None:
            readable = self.__dict__["_readable"] = [field for field in self.fields.values() if not field.write_only]
        return readable

    def get_fields(self) -> dict[str, serializers.Field]:
        # What the model and Meta give is the same on every request: built once per class (DRF inspects the
        # model anew for every serializer), then copied, as DRF copies the declared fields.
        built: dict[str, serializers.Field] | None = type(self).__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            setattr(type(self), "_built_fields", built)  # noqa: B010 - on this class only, read back from its __dict__
        fields = copy.deepcopy(built)
        if self.instance is None:
            fields[versions.CLIENT_UUID] = versions.client_uuid_field()
        return fields


class RecordViewSet(viewsets.ModelViewSet):
    """A queryset the user may see, a serializer, a filterset; writes go through core.services."""

    related: tuple[str, ...] = ()
    # What a list's rows read of related records (None: the same as one record's answer).
    list_related: tuple[str, ...] | None = None
    ordering = ["pk"]

    def get_queryset(self) -> QuerySet:
        model: type[BaseRecord] = cast("type[serializers.ModelSerializer[Any]]", self.get_serializer_class()).Meta.model
        queryset = model.objects.restrict(self.request.user, access.VIEW).order_by(*self.ordering)
        related = self.related
        if getattr(self, "action", None) == "list":
            # No list shows the search text: a page does not carry it from the database.
            queryset = queryset.defer("search_text")
            related = self.related if self.list_related is None else self.list_related
        # select_related() with no names would follow every foreign key: only the named ones are joined.
        return queryset.select_related(*related) if related else queryset

    def _reason(self) -> str:
        return change_reason(self.request)

    def _record_answer(self, record: BaseRecord, code: int) -> Response:
        return Response(self.get_serializer(record).data, status=code, headers={"ETag": versions.etag(record)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Creates the record; with a `client_uuid` already used by this user, creates nothing and answers the first (200)."""
        key = versions.client_uuid(request)
        user = access.signed_in_user(request.user)
        if key is not None and (earlier := versions.earlier_record(user, key, self.get_queryset())) is not None:
            return self._record_answer(earlier, status.HTTP_200_OK)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.validated_data.pop(versions.CLIENT_UUID, None)
        try:
            with transaction.atomic():
                self.perform_create(serializer)
                record = cast(BaseRecord, serializer.instance)
                if key is not None:
                    versions.remember(user, key, record)
        except IntegrityError:
            # The same entry sent twice at once: the other request made it.
            if key is None or (earlier := versions.earlier_record(user, key, self.get_queryset())) is None:
                raise
            return self._record_answer(earlier, status.HTTP_200_OK)
        return self._record_answer(record, status.HTTP_201_CREATED)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._record_answer(self.get_object(), status.HTTP_200_OK)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """With `If-Match` (the version the device started from), a record changed since answers 412 with its current version."""
        record = self.get_object()
        if versions.changed_since(request, record):
            current = self.get_serializer(record).data
            detail = _("Someone changed this record since you opened it. Compare both versions and choose.")
            return Response({"detail": detail, "current": current}, status=status.HTTP_412_PRECONDITION_FAILED,
                            headers={"ETag": versions.etag(record)})
        serializer = self.get_serializer(record, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self._record_answer(cast(BaseRecord, serializer.instance), status.HTTP_200_OK)

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        model: type[BaseRecord] = cast("serializers.ModelSerializer[Any]", serializer).Meta.model
        instance = model(**serializer.validated_data)
        with context.acting(self.request.user):
            serializer.instance = services.save_record(instance, acting_user=self.request.user, reason=self._reason())

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        instance = cast(BaseRecord, serializer.instance)
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        with context.acting(self.request.user):
            services.save_record(instance, acting_user=self.request.user, reason=self._reason())

    def perform_destroy(self, instance: BaseRecord) -> None:
        with context.acting(self.request.user):
            services.delete_record(instance, acting_user=self.request.user, reason=self._reason())
