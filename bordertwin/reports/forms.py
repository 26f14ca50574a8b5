from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .issuers import DEPUTY, HEAD

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
SIGNERS = [(HEAD, _("The head")), (DEPUTY, _("A deputy, for the head"))]
# Form field: its name in the query string.
QUERY_NAMES = {"date_from": "from", "date_to": "to", "lang": "lang", "issuer": "issuer", "signer": "signer"}


class ReviewForm(forms.Form):
    """The period and language of a review report, read from ?from=…&to=…&lang=…"""

    date_from = forms.DateField(label=_("From"), input_formats=DATE_FORMATS, required=False)
    date_to = forms.DateField(label=_("To"), input_formats=DATE_FORMATS, required=False)
    lang = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, required=False)
    # The unit that issues it, among those carrying the partnership on (checked against them by the report).
    issuer = forms.CharField(label=_("Issued by"), max_length=12, required=False)
    signer = forms.ChoiceField(label=_("Signed by"), choices=SIGNERS, required=False)

    @classmethod
    def from_query(cls, query: Any) -> "ReviewForm":
        return cls({key: query.get(name, "") for key, name in QUERY_NAMES.items()})

    def clean_issuer(self) -> str:
        value: str = self.cleaned_data.get("issuer") or ""
        if value and not value.isdigit():
            raise forms.ValidationError(_("Choose the issuing unit from the list."))
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period must begin before it ends."))
        return data


class MinutesForm(forms.Form):
    """The talks the minutes are drafted for: their day (?date=YYYY-MM-DD), time and place, the delegations,
    and the new commitments the user proposes beside those carried over, one per line."""

    date = forms.DateField(label=_("Date of the talks"), input_formats=DATE_FORMATS,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.CharField(label=_("Time"), max_length=40, required=False)
    venue = forms.CharField(label=_("Place"), max_length=300, required=False)
    vn_delegation = forms.CharField(label=_("Vietnamese delegation (one per line: name, position)"), max_length=5_000,
                                    required=False, widget=forms.Textarea(attrs={"rows": 4}))
    la_delegation = forms.CharField(label=_("Lao delegation (one per line: name, position)"), max_length=5_000,
                                    required=False, widget=forms.Textarea(attrs={"rows": 4}))
    new_commitments = forms.CharField(label=_("New commitments for the next period (one per line)"), max_length=10_000,
                                      required=False, widget=forms.Textarea(attrs={"rows": 5}))
