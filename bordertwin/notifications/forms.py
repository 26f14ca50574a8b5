from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import webhooks
from .models import Channel, Event, Webhook


class PreferencesForm(forms.Form):
    """How the user hears of each kind of event: one choice per event."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for event, label in Event.choices:
            self.fields[event] = forms.ChoiceField(label=label, choices=Channel.choices, initial=current[event])


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple)
    secret = forms.CharField(label=_("Secret"), min_length=16, max_length=200, widget=forms.PasswordInput(render_value=False),
                             help_text=_("At least 16 characters. Each payload carries its HMAC-SHA256 in the X-BorderTwin-Signature header."))

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "secret"]

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        try:
            webhooks.check_url(url)
        except ValidationError as refused:
            raise ValidationError(refused.messages) from None
        return url
