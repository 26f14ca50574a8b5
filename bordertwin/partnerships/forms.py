from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.core.forms import RecordForm, model_choices
from bordertwin.places.forms import PlaceSelect
from bordertwin.places.models import Organisation

from .models import Agreement, Commitment, Partnership

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnershipForm(RecordForm):
    class Meta:
        model = Partnership
        fields = [
            "vn_place", "vn_organisation", "la_place", "la_organisation", "level", "established_on",
            "established_on_precision", "status",
            "parent", "border_length_km", "border_length_source", "description",
        ]
        widgets = {
            "vn_place": PlaceSelect(country="VN"),
            "la_place": PlaceSelect(country="LA"),
            "established_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.select_related("place")
        model_choices(self, "vn_organisation").queryset = organisations.filter(place__country="VN")
        model_choices(self, "la_organisation").queryset = organisations.filter(place__country="LA")
        parents = Partnership.objects.restrict(self.user, access.VIEW).with_sides()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        model_choices(self, "parent").queryset = parents


class AgreementForm(RecordForm):
    choice_forward = {"follows": {"partnership": "partnership"}}
    class Meta:
        model = Agreement
        fields = [
            "partnership", "kind", "title", "title_lo", "title_en", "signed_on", "signed_on_precision", "signed_at",
            "vn_signatories", "la_signatories", "valid_from", "valid_to", "follows", "summary",
        ]
        widgets = {
            "signed_on": DATE, "valid_from": DATE, "valid_to": DATE,
            "vn_signatories": forms.Textarea(attrs={"rows": 2}),
            "la_signatories": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "partnership").queryset = Partnership.objects.restrict(self.user, access.CHANGE).with_sides()
        follows = Agreement.objects.restrict(self.user, access.VIEW)
        if self.instance.pk:
            follows = follows.filter(partnership=self.instance.partnership_id).exclude(pk=self.instance.pk)
        model_choices(self, "follows").queryset = follows


class CommitmentForm(RecordForm):
    choice_forward = {"parent": {"agreement": "agreement"}}
    class Meta:
        model = Commitment
        fields = [
            "agreement", "parent", "domain", "text", "text_lo", "text_en", "responsible_side", "responsible_organisation",
            "target_quantity", "target_unit", "due_date", "recurrence", "status", "weight", "position",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}), "text_lo": forms.Textarea(attrs={"rows": 3, "lang": "lo"}),
            "text_en": forms.Textarea(attrs={"rows": 3, "lang": "en"}), "due_date": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "agreement").queryset = Agreement.objects.restrict(self.user, access.CHANGE)
        parents = Commitment.objects.restrict(self.user, access.VIEW)
        agreement_id = self.initial.get("agreement") or self.instance.agreement_id
        if str(agreement_id or "").isdigit() and int(agreement_id) < 2**63:  # from the address: may be anything
            parents = parents.filter(agreement=agreement_id)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        model_choices(self, "parent").queryset = parents
        model_choices(self, "responsible_organisation").queryset = Organisation.objects.select_related("place")


class CarryOverForm(forms.Form):
    """Choose the open commitments of earlier minutes to carry into this agreement."""

    commitments = forms.ModelMultipleChoiceField(
        queryset=Commitment.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Open commitments")
    )
    change_reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .services import OPEN_STATUSES

        model_choices(self, "commitments").queryset = (
            Commitment.objects.filter(
                agreement__partnership=agreement.partnership_id,
                agreement__signed_on__lte=agreement.signed_on,
                status__in=OPEN_STATUSES,
            )
            .exclude(agreement=agreement)
            .select_related("agreement")
            .order_by("agreement__signed_on", "position", "pk")
        )
