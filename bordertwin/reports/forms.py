from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class ReviewForm(forms.Form):
    """The period and language of a review report, read from ?from=…&to=…&lang=…"""

    date_from = forms.DateField(label=_("From"), input_formats=DATE_FORMATS, required=False)
    date_to = forms.DateField(label=_("To"), input_formats=DATE_FORMATS, required=False)
    lang = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, required=False)

    @classmethod
    def from_query(cls, query: Any) -> "ReviewForm":
        return cls({"date_from": query.get("from", ""), "date_to": query.get("to", ""), "lang": query.get("lang", "")})

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period must begin before it ends."))
        return data
