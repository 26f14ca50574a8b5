"""Users of both sides and the roles they hold over places and organisations."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bordertwin.access import Role
from bordertwin.core.choices import Side
from bordertwin.core.models import HistoryContext, acting_user


class User(AbstractUser):
    """An officer who signs in: belongs to one side and works in one language."""

    side = models.CharField(_("side"), max_length=2, choices=Side.choices, default=Side.VN)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]


class Membership(models.Model):
    """A role a user holds over a place (and all below it) or over one organisation.

    A membership with neither place nor organisation covers every place of both sides;
    only administrators grant it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    organisation = models.ForeignKey(
        "places.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organisation"),
    )
    history = HistoricalRecords(bases=[HistoryContext], get_user=acting_user)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "role"]

    def __str__(self) -> str:
        scope = self.organisation or self.place or _("everywhere")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def clean(self) -> None:
        if self.place_id and self.organisation_id:
            raise ValidationError(_("A membership covers a place or an organisation, not both."))
        scope_country = None
        if self.place_id:
            scope_country = self.place.country
        elif self.organisation_id:
            scope_country = self.organisation.place.country
        if scope_country and self.user_id and scope_country != self.user.side:
            raise ValidationError(_("A user holds roles only over places of their own side."))
