import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


class RecordFilterSet(django_filters.FilterSet):
    """The base of every list's filters: `q` searches names without regard to case or diacritics."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)
