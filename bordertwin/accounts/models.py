"""Users of both sides, the roles they hold over places and organisations, and how they sign in."""

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bordertwin.access import Kind, Role
from bordertwin.core.choices import Side
from bordertwin.core.models import HistoryContext, acting_user


class User(AbstractUser):
    """An officer who signs in: belongs to one side and works in one language."""

    side = models.CharField(_("side"), max_length=2, choices=Side.choices, default=Side.VN)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"), default=False,
        help_text=_("Set when an administrator gives a temporary password: the user chooses their own at next sign-in."),
    )
    # The change log never keeps password hashes, nor a row for each sign-in.
    history = HistoricalRecords(bases=[HistoryContext], get_user=acting_user, excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]


class Membership(models.Model):
    """A role a user holds over a place (and all below it) or over one organisation.

    A membership with neither place nor organisation covers every place of both sides;
    only administrators whose own scope is everywhere grant it. Memberships are kept like
    reference data (bordertwin.access): administrators grant and withdraw them within
    their scope.
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

    access_kind: ClassVar[Kind] = Kind.REFERENCE
    access_places: ClassVar[tuple[str, ...]] = ("place", "organisation__place")
    access_organisations: ClassVar[tuple[str, ...]] = ("organisation",)
    access_side: ClassVar[str] = ""
    access_private_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "role"]

    def __str__(self) -> str:
        scope = self.organisation or self.place or _("everywhere")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q:
        return Q()

    def clean(self) -> None:
        if self.place_id and self.organisation_id:
            raise ValidationError(_("A membership covers a place or an organisation, not both."))
        scope_country = None
        if self.place is not None:
            scope_country = self.place.country
        elif self.organisation is not None:
            scope_country = self.organisation.place.country
        if scope_country and self.user_id and scope_country != self.user.side:
            raise ValidationError(_("A user holds roles only over places of their own side."))


class ApiToken(models.Model):
    """A named key for the API. Only its SHA-256 digest is kept; the key is shown once, when issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    two_factor = models.BooleanField(_("issued with a two-factor code"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    # The key itself, on the instance that was just issued only.
    key: str = ""

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name or self.prefix}…"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class SignInEvent(models.Model):
    """One sign-in, failed sign-in, lock or sign-out: who (or which name was tried), from where, when."""

    class Outcome(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        FAILED = "failed", _("Failed")
        LOCKED = "locked", _("Locked after too many failures")
        SIGNED_OUT = "signed_out", _("Signed out")

    class Channel(models.TextChoices):
        WEB = "web", _("Web page")
        API = "api", _("API token")

    class Detail(models.TextChoices):
        ACCOUNT = "account", _("account")
        ADDRESS = "address", _("address")
        TWO_FACTOR = "two_factor", _("two-factor code")

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("user"))
    username = models.CharField(_("username tried"), max_length=150)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    channel = models.CharField(_("channel"), max_length=3, choices=Channel.choices, default=Channel.WEB)
    detail = models.CharField(_("detail"), max_length=20, choices=Detail.choices, blank=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} · {self.get_outcome_display()} · {self.at:%Y-%m-%d %H:%M}"


class SignInPolicy(models.Model):
    """What one side requires at sign-in: a two-factor code for administrators and border officers."""

    side = models.CharField(_("side"), max_length=2, choices=Side.choices, unique=True)
    two_factor_required = models.BooleanField(_("two-factor sign-in required for administrators and border officers"), default=False)
    history = HistoricalRecords(bases=[HistoryContext], get_user=acting_user)

    class Meta:
        verbose_name = _("sign-in policy")
        verbose_name_plural = _("sign-in policies")

    def __str__(self) -> str:
        return f"{self.get_side_display()} · {self.two_factor_required}"
