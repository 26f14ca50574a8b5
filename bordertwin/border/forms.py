from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.core.forms import RecordForm, model_choices
from bordertwin.partnerships.models import Partnership, sides
from bordertwin.places.models import Organisation

from . import geo
from .choices import IncidentStatus, MarkerCondition
from .models import BORDER_GUARD_KINDS, Incident, Marker, MarkerInspection, Patrol, Segment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PARTNERSHIP_RELATED = sides()


def guards(country: str) -> Any:
    return Organisation.objects.filter(kind__in=BORDER_GUARD_KINDS, place__country=country).select_related("place")


class SegmentForm(RecordForm):
    class Meta:
        model = Segment
        fields = ["partnership", "name", "vn_post", "la_post", "from_marker", "to_marker", "length_km", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "partnership").queryset = Partnership.objects.restrict(self.user, access.VIEW).select_related(*PARTNERSHIP_RELATED)
        model_choices(self, "vn_post").queryset = guards("VN")
        model_choices(self, "la_post").queryset = guards("LA")
        markers = Marker.objects.filter(segment=self.instance.pk) if self.instance.pk else Marker.objects.none()
        model_choices(self, "from_marker").queryset = markers
        model_choices(self, "to_marker").queryset = markers


class MarkerForm(RecordForm):
    class Meta:
        model = Marker
        fields = ["segment", "number", "marker_type", "latitude", "longitude", "elevation_m", "installed_on", "description"]
        widgets = {"installed_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "segment").queryset = Segment.objects.restrict(self.user, access.CHANGE)


class PatrolForm(RecordForm):
    class Meta:
        model = Patrol
        fields = [
            "segment", "kind", "started_at", "ended_at", "vn_unit", "la_unit", "vn_people", "la_people", "vn_names", "la_names",
            "findings",
        ]
        widgets = {
            "started_at": DATETIME, "ended_at": DATETIME,
            "vn_names": forms.Textarea(attrs={"rows": 3}), "la_names": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "segment").queryset = Segment.objects.restrict(self.user, access.VIEW)
        model_choices(self, "vn_unit").queryset = guards("VN")
        model_choices(self, "la_unit").queryset = guards("LA")


class RouteForm(forms.Form):
    """A patrol's route: a GPX or GeoJSON file, or a line drawn on the map (GeoJSON)."""

    file = forms.FileField(label=_("GPX or GeoJSON file"), required=False)
    route = forms.CharField(
        label=_("Or draw the route on the map"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "route-geojson"}),
    )
    change_reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload = data.get("file")
        if upload is not None:
            try:
                geo.check_route_size(upload.size)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        elif not (data.get("route") or "").strip():
            raise forms.ValidationError(_("Choose a file or draw the route on the map."))
        return data


class InspectionForm(forms.Form):
    """One marker's condition as a patrol found it."""

    marker = forms.ModelChoiceField(queryset=Marker.objects.none(), label=_("Marker"))
    inspected_on = forms.DateField(label=_("Inspected on"), widget=DATE)
    condition = forms.ChoiceField(choices=MarkerCondition.choices, label=_("Condition"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photo = forms.FileField(label=_("Photo (JPEG or PNG)"), required=False)

    def __init__(self, *args: Any, patrol: Patrol, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "marker").queryset = Marker.objects.filter(segment=patrol.segment_id).exclude(
            pk__in=MarkerInspection.objects.filter(patrol=patrol).values("marker"),
        )
        self.initial.setdefault("inspected_on", patrol.started_at.date())


class IncidentForm(RecordForm):
    choice_forward = {
        "segment": {"partnership": "partnership"}, "patrol": {"segment": "segment"}, "nearest_marker": {"segment": "segment"},
    }
    class Meta:
        model = Incident
        fields = [
            "partnership", "segment", "patrol", "category", "occurred_at", "place_description", "nearest_marker", "latitude",
            "longitude", "vn_people", "la_people", "other_people", "people_names", "description", "deadline",
        ]
        widgets = {
            "occurred_at": DATETIME, "deadline": DATE,
            "people_names": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].required = False
        self.fields["partnership"].help_text = _("Taken from the segment when left empty.")
        model_choices(self, "partnership").queryset = Partnership.objects.restrict(self.user, access.VIEW).select_related(*PARTNERSHIP_RELATED)
        model_choices(self, "segment").queryset = Segment.objects.restrict(self.user, access.VIEW)
        model_choices(self, "patrol").queryset = Patrol.objects.restrict(self.user, access.VIEW).select_related("segment")
        model_choices(self, "nearest_marker").queryset = Marker.objects.restrict(self.user, access.VIEW)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("partnership") and not data.get("segment"):
            self.add_error("partnership", _("Choose the partnership or the segment where it happened."))
        return data


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=IncidentStatus.choices, label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
