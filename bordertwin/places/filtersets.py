import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bordertwin.core.choices import Side
from bordertwin.core.filtersets import RecordFilterSet

from .choices import Level, OrganisationKind
from .models import Organisation, Place


class PlaceFilterSet(RecordFilterSet):
    country = django_filters.ChoiceFilter(choices=Side.choices, label=_("Country"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"))
    current = django_filters.BooleanFilter(method="filter_current", label=_("Existing today"))
    within = django_filters.ModelChoiceFilter(
        queryset=Place.objects.filter(level=Level.PROVINCE), method="filter_within", label=_("Within")
    )

    class Meta:
        model = Place
        fields = ["q", "country", "level", "current", "within"]

    def filter_current(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        today = timezone.localdate()
        existing = (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        return queryset.filter(existing) if value else queryset.exclude(existing)

    def filter_within(self, queryset: QuerySet, name: str, value: Place | None) -> QuerySet:
        return queryset.filter(path__startswith=value.path) if value else queryset


class OrganisationFilterSet(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    country = django_filters.ChoiceFilter(choices=Side.choices, field_name="place__country", label=_("Country"))
    # Only places that have organisations: the registry's thousands of places made the
    # organisation list a drop-down of every commune (seconds to render).
    place = django_filters.ModelChoiceFilter(
        queryset=Place.objects.filter(organisations__isnull=False, organisations__deleted_at__isnull=True).distinct(),
        label=_("Place"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "place"]
