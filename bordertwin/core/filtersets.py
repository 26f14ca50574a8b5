from typing import Any, ClassVar

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.filters import QuerySetRequestMixin

from bordertwin import access
from bordertwin.core.models import RecordQuerySet
from bordertwin.core.text import MAX_SEARCH_CHARS
from bordertwin.core.widgets import bound_choices, chosen_ids


class RecordFilterSet(django_filters.FilterSet):
    """The base of every list's filters: `q` searches names without regard to case or diacritics."""

    q = django_filters.CharFilter(
        method="filter_search", label=_("Search"), max_length=MAX_SEARCH_CHARS,
        error_messages={"max_length": _("Search for at most %(limit_value)d characters.")},
    )

    # A choice filter's parents among the filters: filter -> {parent filter: lookup}; its search narrows by them.
    choice_forward: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for choice_filter in self.filters.values():
            queryset: Any = getattr(choice_filter, "queryset", None)  # a queryset or a manager of records
            if isinstance(choice_filter, QuerySetRequestMixin) and hasattr(queryset, "restrict"):
                # A choice among records offers, and accepts, only those the user may see.
                choice_filter.queryset = queryset.restrict(user, access.VIEW)
        for name, parents in self.choice_forward.items():
            # Once its parent is chosen, a choice offers that parent's records only (as its search does).
            for parent, lookup in parents.items():
                chosen = chosen_ids([self.data.get(parent, "")])
                if chosen and name in self.filters:
                    narrowed = self.filters[name]
                    narrowed.queryset = narrowed.queryset.filter(**{lookup: chosen[0]})

    def filter_search(self, queryset: RecordQuerySet, name: str, value: str) -> RecordQuerySet:
        return queryset.search(value)

    @property
    def form(self) -> forms.Form:
        form = super().form
        bound_choices(form, self.choice_forward)  # a drop-down of a few records, or a search among many
        for field in form.fields.values():
            if isinstance(field, forms.DateField):
                field.widget.input_type = "date"
        return form
