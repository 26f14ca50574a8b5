"""The base serializer and viewset of every API resource: visible rows only, writes through core.services."""

from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from rest_framework import serializers, viewsets
from rest_framework.request import Request

from bordertwin import access
from bordertwin.core import context, services
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


def use_saved_language(request: Request) -> None:
    """Without an Accept-Language header, an API request is answered in the signed-in user's saved language.

    DRF signs a token's user in inside the view, after LocaleMiddleware has chosen the language, so this is
    called once the request is authenticated."""
    language = getattr(request.user, "language", "")
    if language and "Accept-Language" not in request.headers:
        translation.activate(language)


class RecordSerializer(serializers.ModelSerializer):
    serializer_related_field = VisibleRelatedField
    url = serializers.SerializerMethodField()

    def get_url(self, obj: BaseRecord) -> str:
        return obj.get_absolute_url()


class RecordViewSet(viewsets.ModelViewSet):
    """A queryset the user may see, a serializer, a filterset; writes go through core.services."""

    related: tuple[str, ...] = ()
    ordering = ["pk"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        use_saved_language(request)

    def get_queryset(self) -> QuerySet:
        model: type[BaseRecord] = cast("type[serializers.ModelSerializer[Any]]", self.get_serializer_class()).Meta.model
        return model.objects.restrict(self.request.user, access.VIEW).select_related(*self.related).order_by(*self.ordering)

    def _reason(self) -> str:
        return change_reason(self.request)

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
