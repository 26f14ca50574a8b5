import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


class RecordFilterSet(django_filters.FilterSet):
    """The base of every list's filters: `q` searches names without regard to case or diacritics."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    @property
    def form(self) -> forms.Form:
        form = super().form
        for field in form.fields.values():
            if isinstance(field, forms.DateField):
                field.widget.input_type = "date"
        return form
