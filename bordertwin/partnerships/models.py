"""Twinned pairs, the documents they sign, and the undertakings written into them."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.core.choices import DatePrecision
from bordertwin.core.fields import BoundedTextField
from bordertwin.core.models import AllManager, BaseRecord, LiveManager, RecordQuerySet, is_own_ancestor
from bordertwin.places.models import Organisation, Place, localised

from .choices import (
    AgreementKind,
    CommitmentStatus,
    Domain,
    PartnershipLevel,
    PartnershipStatus,
    Recurrence,
    ResponsibleSide,
)

PARTNERSHIP_PLACES = ("vn_place", "la_place")
PARTNERSHIP_ORGANISATIONS = ("vn_organisation", "la_organisation")


def sides(via: str = "") -> tuple[str, ...]:
    """The lookups that bring a partnership's two places and organisations along, from a record `via` its partnership."""
    prefix = f"{via}__" if via else ""
    return tuple(f"{prefix}{name}" for name in PARTNERSHIP_PLACES + PARTNERSHIP_ORGANISATIONS)


class PartnershipQuerySet(RecordQuerySet):
    def with_sides(self) -> "PartnershipQuerySet":
        """Partnerships with both sides' places and organisations, to name them without further queries."""
        return self.select_related(*sides())


def refresh_search_text(records: Any, fields: set[str], update_fields: Any) -> None:
    """Re-fold the search text of rows that quote a record's names (an agreement quotes its
    partnership's places), after that record changed one of `fields`; else they are found
    by the old names and not by the new."""
    if update_fields is not None and not fields & set(update_fields):
        return
    for record in records:
        text = record.compute_search_text()
        if text != record.search_text:
            type(record).all_objects.filter(pk=record.pk).update(search_text=text)


def through(prefix: str, lookups: tuple[str, ...]) -> tuple[str, ...]:
    """Access lookups of a partnership, seen from a record that belongs to one."""
    return tuple(f"{prefix}__{lookup}" for lookup in lookups)


class Partnership(BaseRecord):
    """A twinned pair: a Vietnamese locality or unit and a Lao one, e.g. Hương Khê – Nakai."""

    objects = LiveManager.from_queryset(PartnershipQuerySet)()  # type: ignore[misc]  # the stubs make the base's managers class variables; a model's own managers replace them
    all_objects = AllManager.from_queryset(PartnershipQuerySet)()  # type: ignore[misc]  # replaces the base's all_objects, likewise

    vn_place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="vn_partnerships", verbose_name=_("Vietnamese place"),
        limit_choices_to={"country": "VN"},
    )
    vn_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="vn_partnerships",
        verbose_name=_("Vietnamese organisation"),
    )
    la_place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="la_partnerships", verbose_name=_("Lao place"),
        limit_choices_to={"country": "LA"},
    )
    la_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="la_partnerships",
        verbose_name=_("Lao organisation"),
    )
    level = models.CharField(_("level"), max_length=20, choices=PartnershipLevel.choices)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    established_on_precision = models.CharField(
        _("established date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status = models.CharField(_("status"), max_length=20, choices=PartnershipStatus.choices, default=PartnershipStatus.ACTIVE)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("parent partnership"),
    )
    border_length_km = models.DecimalField(
        _("shared border (km)"), max_digits=8, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    border_length_source = models.CharField(_("source of the border length"), max_length=255, blank=True)
    description = BoundedTextField(_("description"), max_length=10_000, blank=True)

    search_fields = (
        "vn_place__unit_type", "vn_place__name_vi", "vn_place__name_en", "vn_place__aliases",
        "la_place__unit_type", "la_place__name_vi", "la_place__name_en", "la_place__name_lo", "la_place__aliases",
        "vn_organisation__name_vi", "la_organisation__name_vi",
    )
    access_places = PARTNERSHIP_PLACES
    access_organisations = PARTNERSHIP_ORGANISATIONS

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["vn_place__name_vi", "la_place__name_vi", "pk"]

    def __str__(self) -> str:
        if self.level == PartnershipLevel.BORDER_GUARD and self.vn_organisation_id and self.la_organisation_id:
            # Units twinned within a district pair are named by the units, not by the districts they share.
            return f"{self.vn_organisation} – {self.la_organisation}"
        return f"{self.vn_place} – {self.la_place}"

    def clean(self) -> None:
        errors = {}
        if self.vn_place_id and self.vn_place.country != "VN":
            errors["vn_place"] = _("The Vietnamese side must be a place in Vietnam.")
        if self.la_place_id and self.la_place.country != "LA":
            errors["la_place"] = _("The Lao side must be a place in Laos.")
        if self.vn_organisation is not None and self.vn_organisation.place.country != "VN":
            errors["vn_organisation"] = _("The Vietnamese organisation must be in Vietnam.")
        if self.la_organisation is not None and self.la_organisation.place.country != "LA":
            errors["la_organisation"] = _("The Lao organisation must be in Laos.")
        if self.parent_id and self.pk and is_own_ancestor(self, self.parent):
            errors["parent"] = _("A partnership cannot be its own parent.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            names = {*PARTNERSHIP_PLACES, *PARTNERSHIP_ORGANISATIONS}
            update_fields = kwargs.get("update_fields")
            refresh_search_text(self.agreements(manager="all_objects").select_related("partnership"), names, update_fields)
            refresh_search_text(
                Commitment.all_objects.filter(agreement__partnership=self).select_related("agreement__partnership"),
                names, update_fields,
            )

    def vn_carriers(self) -> list[Place]:
        """The Vietnamese units that carry this partnership on today."""
        return self.vn_place.current_successors()


class Agreement(BaseRecord):
    """A signed document of a partnership: a memorandum, minutes of talks, a twinning regulation, a plan."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=300, help_text=_("As signed, in Vietnamese: the original."))
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    signed_on = models.DateField(_("signed on"))
    signed_on_precision = models.CharField(
        _("signing date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    signed_at = models.CharField(_("signed at"), max_length=200, blank=True)
    vn_signatories = BoundedTextField(_("Vietnamese signatories"), max_length=5_000, blank=True, help_text=_("One per line: name, position."))
    la_signatories = BoundedTextField(_("Lao signatories"), max_length=5_000, blank=True, help_text=_("One per line: name, position."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="followed_by",
        verbose_name=_("follows"), help_text=_("The earlier agreement this one follows or supersedes."),
    )
    summary = BoundedTextField(_("summary"), max_length=10_000, blank=True)

    search_fields = ("title", "title_lo", "title_en", "signed_at", "vn_signatories", "la_signatories", "partnership__search_text")
    access_places = through("partnership", PARTNERSHIP_PLACES)
    access_organisations = through("partnership", PARTNERSHIP_ORGANISATIONS)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "pk"]
        indexes = [models.Index(fields=["partnership", "signed_on"], name="partnerships_agreement_pair")]

    def __str__(self) -> str:
        from bordertwin.core.templatetags.bordertwin import precise_date

        return f"{self.title} ({precise_date(self.signed_on, self.signed_on_precision)})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            refresh_search_text(
                self.commitments(manager="all_objects").select_related("agreement__partnership"),
                {"title", "partnership"}, kwargs.get("update_fields"),
            )

    def clean(self) -> None:
        errors = {}
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            errors["valid_to"] = _("An agreement cannot end before it begins.")
        if self.follows is not None:
            if self.follows_id == self.pk:
                errors["follows"] = _("An agreement cannot follow itself.")
            elif self.follows.partnership_id != self.partnership_id:
                errors["follows"] = _("An agreement follows one of the same partnership.")
            elif self.signed_on and self.follows.signed_on > self.signed_on:
                errors["follows"] = _("An agreement follows one signed earlier.")
        if errors:
            raise ValidationError(errors)


class Unit(BaseRecord):
    """A unit of measure for targets and deliveries: ha, tree, head, kg, person…"""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=60)
    name_lo = models.CharField(_("name (Lao)"), max_length=60, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=60)
    aliases = models.CharField(_("other words"), max_length=200, blank=True, help_text=_("Vietnamese words that mean this unit, separated by semicolons, e.g. con; cây."))

    search_fields = ("code", "name_vi", "name_en", "name_lo", "aliases")
    access_kind = access.Kind.REFERENCE

    class Meta:
        verbose_name = _("unit of measure")
        verbose_name_plural = _("units of measure")
        ordering = ["code"]

    def __str__(self) -> str:
        return localised(self.name_vi, self.name_lo, self.name_en)


class Commitment(BaseRecord):
    """One undertaking written into an agreement, e.g. 'support 9 breeding cows'.

    Commitments form a tree: a broad undertaking and its concrete parts. A commitment
    carried over into later minutes keeps a link to the one it continues.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("agreement")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("part of")
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_into",
        verbose_name=_("continues"), editable=False,
    )
    domain = models.CharField(_("domain"), max_length=32, choices=Domain.choices)
    text = BoundedTextField(_("text"), max_length=10_000, help_text=_("As agreed, in Vietnamese: the original."))
    text_lo = BoundedTextField(_("text (Lao)"), max_length=10_000, blank=True)
    text_en = BoundedTextField(_("text (English)"), max_length=10_000, blank=True)
    responsible_side = models.CharField(
        _("responsible side"), max_length=4, choices=ResponsibleSide.choices, default=ResponsibleSide.BOTH
    )
    responsible_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments",
        verbose_name=_("responsible organisation"),
    )
    target_quantity = models.DecimalField(
        _("target quantity"), max_digits=18, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    target_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("target unit")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE)
    status = models.CharField(_("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.AGREED)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1)],
        help_text=_("How much this part counts in its parent's progress."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    search_fields = ("text", "text_lo", "text_en", "agreement__title", "agreement__partnership__search_text")
    access_places = through("agreement__partnership", PARTNERSHIP_PLACES)
    access_organisations = through("agreement__partnership", PARTNERSHIP_ORGANISATIONS)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["agreement", "position", "pk"]
        indexes = [models.Index(fields=["agreement", "position", "id"], name="partnerships_commitment_order")]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:89] + "…"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (self.target_quantity is None) != (self.target_unit_id is None):
            errors["target_unit"] = _("A target needs both a quantity and a unit.")
        if self.parent is not None:
            if self.parent.agreement_id != self.agreement_id:
                errors["parent"] = _("A part belongs to a commitment of the same agreement.")
            elif self.pk and is_own_ancestor(self, self.parent):
                errors["parent"] = _("A commitment cannot be part of itself.")
        if self.responsible_organisation is not None and self.responsible_side in ("VN", "LA"):
            if self.responsible_organisation.place.country != self.responsible_side:
                errors["responsible_organisation"] = _("The responsible organisation must be of the responsible side.")
        if errors:
            raise ValidationError(errors)
