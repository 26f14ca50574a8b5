from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from bordertwin.core.forms import RecordForm

from .models import Organisation, Place


class PlaceSelect(forms.Select):
    """A place picker that searches the registry as the officer types, instead of listing thousands."""

    template_name = "places/widgets/place_select.html"

    def __init__(self, country: str = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.country = country

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = reverse_lazy("places:place_choices")
        context["widget"]["country"] = self.country
        return context

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        # Only ids: a form sent back with "abc" or a 30-digit number re-renders, it must not crash.
        chosen = [v for v in value if str(v).isdigit() and int(v) < 2**63]
        if not chosen:
            return [(None, [self.create_option(name, "", "---------", False, 0)], 0)]
        places = Place.all_objects.filter(pk__in=chosen)
        options = [self.create_option(name, "", "---------", False, 0)]
        options += [self.create_option(name, str(p.pk), str(p), True, i + 1) for i, p in enumerate(places)]
        return [(None, options, 0)]


class PlaceForm(RecordForm):
    class Meta:
        model = Place
        fields = ["key", "country", "level", "unit_type", "code", "name_vi", "name_lo", "name_en", "aliases", "parent", "valid_from", "valid_to"]
        widgets = {
            "parent": PlaceSelect(),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "aliases": forms.Textarea(attrs={"rows": 2}),
        }


class OrganisationForm(RecordForm):
    class Meta:
        model = Organisation
        fields = ["name_vi", "name_lo", "name_en", "kind", "place", "valid_from", "valid_to"]
        widgets = {
            "place": PlaceSelect(),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"place": _("Place")}
