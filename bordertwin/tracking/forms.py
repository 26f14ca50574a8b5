from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.core.forms import RecordForm, model_choices
from bordertwin.partnerships.choices import CommitmentStatus
from bordertwin.partnerships.models import Commitment, Partnership, Unit, sides
from bordertwin.places.forms import PlaceSelect
from bordertwin.places.models import Organisation

from .choices import ValueQualifier
from .models import Activity, Delivery, ExchangeRate, ReviewPeriod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PARTNERSHIP_RELATED = sides()


class PartnershipRecordForm(RecordForm):
    """A form for a record of one partnership: only partnerships the user may write to, their commitments."""

    commitment_field = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "partnership").queryset = Partnership.objects.restrict(self.user, access.CHANGE).select_related(*PARTNERSHIP_RELATED)
        commitments = Commitment.objects.restrict(self.user, access.VIEW).select_related("agreement")
        partnership_id = self.instance.partnership_id or self.initial.get("partnership") or self.data.get("partnership")
        if partnership_id and str(partnership_id).isdigit():
            commitments = commitments.filter(agreement__partnership_id=partnership_id)
        model_choices(self, self.commitment_field).queryset = commitments.order_by("agreement__signed_on", "position", "pk")


class ActivityForm(PartnershipRecordForm):
    commitment_field = "commitments"

    class Meta:
        model = Activity
        fields = [
            "partnership", "kind", "title", "title_lo", "title_en", "started_on", "ended_on", "date_precision", "venue",
            "host_side", "vn_participant_count", "vn_participants", "la_participant_count", "la_participants", "summary", "commitments",
        ]
        widgets = {
            "started_on": DATE, "ended_on": DATE,
            "vn_participants": forms.Textarea(attrs={"rows": 2}),
            "la_participants": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "commitments": forms.CheckboxSelectMultiple,
        }


class DeliveryForm(PartnershipRecordForm):
    commitment_field = "commitment"
    choice_forward = {"commitment": {"partnership": "agreement__partnership"}}

    class Meta:
        model = Delivery
        fields = [
            "partnership", "category", "item", "item_lo", "item_en", "quantity", "unit", "value", "currency", "value_qualifier",
            "giver_side", "giver_organisation", "giver_name", "recipient_organisation", "recipient_place",
            "recipient_group", "beneficiary_count", "beneficiary_count_qualifier", "commitment", "delivered_on", "delivered_on_precision", "notes",
        ]
        widgets = {"delivered_on": DATE, "recipient_place": PlaceSelect(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "unit").queryset = Unit.objects.all()
        organisations = Organisation.objects.select_related("place")
        model_choices(self, "giver_organisation").queryset = organisations
        model_choices(self, "recipient_organisation").queryset = organisations
        # A form sent without it (a script, a page opened before it existed) states the number as exact.
        self.fields["beneficiary_count_qualifier"].required = False

    def clean_beneficiary_count_qualifier(self) -> str:
        return self.cleaned_data.get("beneficiary_count_qualifier") or ValueQualifier.EXACT


class ExchangeRateForm(RecordForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "to_currency", "rate", "valid_on", "source"]
        widgets = {"valid_on": DATE}


class ReviewPeriodForm(RecordForm):
    class Meta:
        model = ReviewPeriod
        fields = ["partnership", "title", "start", "end"]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "partnership").queryset = Partnership.objects.restrict(self.user, access.CHANGE).select_related(*PARTNERSHIP_RELATED)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=True, max_length=500)


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    reason = forms.CharField(label=_("Reason"), required=True, max_length=500)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
