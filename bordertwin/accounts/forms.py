"""Forms of the account pages. Every form that sets a password checks it with the settings' validators."""

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from bordertwin.access import Role
from bordertwin.core.choices import Side
from bordertwin.core.forms import model_choices
from bordertwin.places.forms import PlaceSelect
from bordertwin.places.models import Organisation, Place

from . import services
from .models import ApiToken, User


class NewUserForm(UserCreationForm):
    """A new user of the administrator's side, with a temporary password (validated, changed at first sign-in)."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "language")

    def __init__(self, *args: Any, admin: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("Temporary password")
        self.fields["password1"].help_text = _("The user chooses their own at first sign-in.")
        if admin.is_superuser:
            self.fields["side"] = forms.ChoiceField(label=_("side"), choices=Side.choices)


class TemporaryPasswordForm(SetPasswordForm):
    """An administrator sets a temporary password; the user must change it at next sign-in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Temporary password")


class GrantRoleForm(forms.Form):
    """A role over a place (and all below it) or an organisation, among those the administrator covers."""

    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    place = forms.ModelChoiceField(label=_("place"), queryset=Place.objects.none(), required=False)
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args: Any, admin: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "place").queryset = services.grantable_places(admin, user.side)
        self.fields["place"].widget = PlaceSelect(country=user.side)
        model_choices(self, "organisation").queryset = services.grantable_organisations(admin, user.side)
        self.fields["place"].help_text = _("Leave both empty for a role everywhere (only administrators of everywhere grant it).")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("place") and data.get("organisation"):
            raise forms.ValidationError(_("A membership covers a place or an organisation, not both."))
        return data


class NewTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        help_texts = {"name": _("What the token is for, e.g. the script that uses it.")}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=8, min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
        help_text=_("The six digits your authenticator app shows now."),
    )


class PolicyForm(forms.Form):
    side = forms.ChoiceField(choices=Side.choices, widget=forms.HiddenInput)
    required = forms.BooleanField(required=False)
