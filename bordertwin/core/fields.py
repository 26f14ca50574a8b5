"""Model fields of our own: free text with a stated size."""

from functools import cached_property
from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BoundedTextField(models.TextField):
    """Free text with a stated size, enforced wherever a record is validated: page forms and the API (their fields
    take max_length from the model) and services' full_clean (a TextField's own max_length is only a form hint)."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self) -> list[Any]:
        return [*super().validators, MaxLengthValidator(self.max_length)]


def example_flag() -> models.BooleanField:
    """Whether a record is illustrative (demo or training data that no source states), not a recorded fact.

    Set by the loaders that write such data, never in a form; the API shows it read-only."""
    return models.BooleanField(
        _("example"), default=False, editable=False,
        help_text=_("Illustrative data that no source states, not a recorded fact."),
    )

