from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from bordertwin.access.users import Actor

from .widgets import bound_choices


class ReasonForm(forms.Form):
    change_reason = forms.CharField(
        label=_("Reason for the change"), required=False, max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Optional: why, for the change log")}),
    )


class RecordForm(forms.ModelForm):
    """A model form that knows who fills it in and asks why, for the change log."""

    change_reason = ReasonForm.base_fields["change_reason"]
    # A choice field's parents in this form: field -> {parent field: lookup}; its search narrows by them.
    choice_forward: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, *args: Any, user: Actor | None = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        bound_choices(self, self.choice_forward)


def model_choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The model choice field `name` of `form`, whose rows a form narrows to what its user may pick."""
    return cast(forms.ModelChoiceField, form.fields[name])


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a model's validation errors on the form's fields (or on the form when no field fits)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for message in errors:
                form.add_error(target, message)
    else:
        form.add_error(None, error)
