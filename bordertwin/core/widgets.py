"""A choice among records that never lists a whole table.

`RecordSelect` reads at most CHOICES_LIMIT + 1 rows of its field's queryset: when they all fit, it is
a plain drop-down of them; when they do not, it shows the chosen record (with its label) and a search
box that asks `core:record_choices` for the records matching what the officer types, as the place
picker does. The search is signed with the field's model and the lookups that narrow it by a parent
field of the same form ("forward": the commitments of the partnership already chosen), so the endpoint
serves no other model or lookup; it answers only records the user may see (bordertwin.access), and the
form's own queryset still decides what is accepted.
"""

from typing import Any

from django import forms
from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse

# A drop-down holds at most this many records; past it the field searches.
CHOICES_LIMIT = 100
# The records a search answers.
SEARCH_LIMIT = 30
SIGNING_SALT = "bordertwin.core.record_choices"


def related_lookups(queryset: QuerySet) -> list[str]:
    """The select_related lookups of `queryset`, so that a search labels its matches as cheaply as the form."""
    selected = queryset.query.select_related
    if not isinstance(selected, dict):
        return []

    def walk(tree: dict[str, Any], prefix: str) -> list[str]:
        found = []
        for name, below in tree.items():
            found.append(prefix + name)
            found += walk(below, f"{prefix}{name}__")
        return found

    return walk(selected, "")


def search_token(queryset: QuerySet, forward: dict[str, str]) -> str:
    meta = queryset.model._meta
    return signing.dumps({"model": meta.label_lower, "forward": forward, "related": related_lookups(queryset)}, salt=SIGNING_SALT)


def read_token(token: str) -> dict[str, Any]:
    """The search a widget signed; signing.BadSignature for anything else."""
    value = signing.loads(token, salt=SIGNING_SALT)
    if not isinstance(value, dict):
        raise signing.BadSignature("not a record search")
    return value


def chosen_ids(value: list[Any]) -> list[int]:
    # Only ids: a form sent back with "abc" or a 30-digit number re-renders, it must not crash.
    return [int(v) for v in value if str(v).isdigit() and int(v) < 2**63]


def first_rows(queryset: QuerySet) -> list[Any] | None:
    """The records of `queryset` in its order when there are at most CHOICES_LIMIT, else None. Whether there are
    more is asked without the order, which a big table could only answer by sorting all its rows."""
    if len(queryset.order_by().values_list("pk")[: CHOICES_LIMIT + 1]) > CHOICES_LIMIT:
        return None
    return list(queryset[:CHOICES_LIMIT])


class RecordSelect(forms.Select):
    """A drop-down of a few records, or a search among many (see the module)."""

    template_name = "core/widgets/record_select.html"
    # Set when rendered: the first rows of the queryset, and whether there are too many to list.
    few: list[Any] | None = None
    searching = False

    def __init__(self, attrs: dict[str, Any] | None = None, forward: dict[str, str] | None = None) -> None:
        super().__init__(attrs)
        # Parameter (a field of the same form) -> lookup on this model: the search narrows by the chosen parent.
        self.forward = forward or {}

    def __deepcopy__(self, memo: dict[int, Any]) -> "RecordSelect":
        copy = super().__deepcopy__(memo)
        copy.forward = dict(self.forward)
        return copy

    def _queryset(self) -> QuerySet | None:
        return getattr(self.choices, "queryset", None)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        queryset = self._queryset()
        self.few, self.searching = None, False
        if queryset is not None:
            self.few = first_rows(queryset)
            self.searching = self.few is None
        context = super().get_context(name, value, attrs)
        if self.searching and queryset is not None:
            context["widget"]["search_url"] = reverse("core:record_choices")
            context["widget"]["token"] = search_token(queryset, self.forward)
            context["widget"]["forward"] = " ".join(sorted(self.forward))
        context["widget"]["searching"] = self.searching
        return context

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        queryset = self._queryset()
        if queryset is None:
            return super().optgroups(name, value, attrs)
        field = self.choices.field  # type: ignore[attr-defined]  # a ModelChoiceIterator's field
        chosen = {str(pk) for pk in chosen_ids(value)}
        options = []
        if field.empty_label is not None:
            options.append(self.create_option(name, "", field.empty_label, not chosen, 0))
        records: list[Any]
        if self.searching:
            # Only the chosen records, read by id: one small query whatever the table's size.
            records = list(queryset.filter(pk__in=chosen)) if chosen else []
        else:
            records = self.few if self.few is not None else list(queryset[:CHOICES_LIMIT])
        for index, obj in enumerate(records, start=len(options)):
            key = str(obj.pk)
            options.append(self.create_option(name, key, field.label_from_instance(obj), key in chosen, index))
        return [(None, options, 0)]


class RecordCheckboxes(forms.CheckboxSelectMultiple):
    """Boxes to tick among a few records; among more than CHOICES_LIMIT, only the ticked ones, and a note to
    narrow the choice first (the commitments of a partnership, once the partnership is chosen)."""

    template_name = "core/widgets/record_checkboxes.html"
    few: list[Any] | None = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        queryset = getattr(self.choices, "queryset", None)
        self.few = None if queryset is None else first_rows(queryset)
        context = super().get_context(name, value, attrs)
        context["widget"]["too_many"] = queryset is not None and self.few is None
        return context

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        field = self.choices.field  # type: ignore[attr-defined]  # a ModelChoiceIterator's field
        chosen = {str(pk) for pk in chosen_ids(value)}
        records = self.few if self.few is not None else list(queryset.filter(pk__in=chosen)) if chosen else []
        options = [
            self.create_option(name, str(obj.pk), field.label_from_instance(obj), str(obj.pk) in chosen, index)
            for index, obj in enumerate(records)
        ]
        return [(None, options, 0)]


def bound_choices(form: forms.BaseForm, forward: dict[str, dict[str, str]] | None = None) -> None:
    """Give every plain drop-down of records in `form` a RecordSelect (keeping its attributes), so that no
    form renders a whole table; a later change of the field's queryset still reaches the widget.
    forward: field name -> {parent field: lookup}, the parents that narrow its search."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        single = not isinstance(field, forms.ModelMultipleChoiceField)
        if single and type(field.widget) is forms.Select:
            widget = RecordSelect(attrs=field.widget.attrs, forward=(forward or {}).get(name))
            widget.is_required = field.widget.is_required
            widget.choices = field.choices  # type: ignore[assignment]  # a ModelChoiceIterator, as Django sets it
            field.widget = widget
        elif isinstance(field, forms.ModelMultipleChoiceField) and type(field.widget) is forms.CheckboxSelectMultiple:
            boxes = RecordCheckboxes(attrs=field.widget.attrs)
            boxes.choices = field.choices  # type: ignore[assignment]  # a ModelChoiceIterator, as Django sets it
            field.widget = boxes
