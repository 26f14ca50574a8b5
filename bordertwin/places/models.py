"""Administrative units of both countries, how they succeeded each other, and the bodies in them."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.core.choices import Side
from bordertwin.core.fields import BoundedTextField
from bordertwin.core.models import BaseRecord
from bordertwin.core.text import normalise_lao

from .choices import Level, OrganisationKind, SuccessionKind


def localised(vi: str, lo: str, en: str) -> str:
    """The name in the active language, falling back to the Vietnamese or English one."""
    language = (translation.get_language() or "vi")[:2]
    if language == "lo":
        return lo or vi or en
    if language == "en":
        return en or vi
    return vi or en or lo


class Place(BaseRecord):
    """An administrative unit: a province, district, commune, ward, village cluster or village.

    Units are never renamed or merged in place: a unit that changed gets a validity end
    and a Succession to the units that carry it on, so what was signed stays as signed.
    """

    key = models.CharField(_("key"), max_length=40, unique=True, help_text=_("A stable identifier, e.g. VN-2008-D444."))
    country = models.CharField(_("country"), max_length=2, choices=Side.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    unit_type = models.CharField(_("unit type"), max_length=30, blank=True, help_text=_("The word before the name, e.g. Huyện, Xã, Cụm bản."))
    code = models.CharField(_("official code"), max_length=20, blank=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_lo = models.CharField(_("name (Lao)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    aliases = BoundedTextField(_("other spellings"), max_length=2_000, blank=True, help_text=_("One per line or separated by semicolons."))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("part of")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    path = models.CharField(max_length=400, editable=False, db_index=True)

    search_fields = ("unit_type", "name_vi", "name_en", "name_lo", "aliases", "code")
    access_places = ("pk", "parent")
    access_kind = access.Kind.REFERENCE

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["country", "path"]
        indexes = [models.Index(fields=["country", "level"])]

    def __str__(self) -> str:
        language = (translation.get_language() or "vi")[:2]
        if language == "vi" and self.unit_type:
            return f"{self.unit_type} {self.name_vi}"
        return f"{self.name} ({self.get_level_display()})"

    @property
    def name(self) -> str:
        return localised(self.name_vi, self.name_lo, self.name_en)

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValidationError({"valid_to": _("A place cannot end before it begins.")})
        if self.parent is not None and self.parent.country != self.country:
            raise ValidationError({"parent": _("A place is part of a place of the same country.")})
        # The stored path is where the place sits now: a new parent inside it would close a loop.
        if self.parent is not None and self.pk and (self.parent_id == self.pk or self.parent.path.startswith(self.path)):
            raise ValidationError({"parent": _("A place cannot be part of itself.")})

    def compute_path_prefix(self) -> str:
        return f"{self.parent.path if self.parent is not None else '/'}{self.key}/"

    def normalise(self) -> None:
        """Store Lao text in one canonical spelling, so the two ways of writing "am" compare equal."""
        self.name_lo = normalise_lao(self.name_lo)
        self.aliases = normalise_lao(self.aliases)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise()
        old_path = self.path
        self.path = self.compute_path_prefix()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in Place.all_objects.filter(path__startswith=old_path).exclude(pk=self.pk).order_by("path"):
                child.save()

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    def ancestors(self) -> list["Place"]:
        keys = [k for k in self.path.strip("/").split("/")[:-1] if k]
        by_key = {p.key: p for p in Place.all_objects.filter(key__in=keys)}
        return [by_key[k] for k in keys if k in by_key]

    def current_successors(self, on: datetime.date | None = None) -> list["Place"]:
        """The units that carry this one on today: itself while it exists, else its successors' heirs."""
        day = on or timezone.localdate()
        if self.is_valid_on(day):
            return [self]
        found: dict[int, Place] = {}
        seen = {self.pk}
        frontier = [self]
        while frontier:
            links = Succession.objects.filter(predecessor__in=frontier).select_related("successor")
            frontier = []
            for link in links:
                successor = link.successor
                if successor.pk in seen:
                    continue
                seen.add(successor.pk)
                if successor.is_valid_on(day):
                    found[successor.pk] = successor
                else:
                    frontier.append(successor)
        return sorted(found.values(), key=lambda p: p.path)


class Succession(BaseRecord):
    """One step in a unit's history: it merged into, split into, was renamed to, or handed its duties to another."""

    predecessor = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="successions_out", verbose_name=_("former unit")
    )
    successor = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="successions_in", verbose_name=_("successor unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices)
    date = models.DateField(_("date"))
    note = BoundedTextField(_("note"), max_length=10_000, blank=True)

    access_places = ("predecessor", "successor")
    access_kind = access.Kind.REFERENCE

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["date", "predecessor__path"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor", "kind"], name="unique_succession"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.date:%d/%m/%Y})"

    def clean(self) -> None:
        if self.predecessor_id and self.predecessor_id == self.successor_id:
            raise ValidationError(_("A unit cannot succeed itself."))
        if self.predecessor_id and self.successor_id and self.predecessor.country != self.successor.country:
            raise ValidationError(_("Successions link units of the same country."))


class Organisation(BaseRecord):
    """A body that acts: a people's committee, a border-guard post, a school, an enterprise."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_lo = models.CharField(_("name (Lao)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("place"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    search_fields = ("name_vi", "name_en", "name_lo", "place__name_vi", "place__name_en")
    # A role over the organisation itself covers it too, as one over its place does.
    access_places = ("place",)
    access_organisations = ("pk",)
    access_kind = access.Kind.PUBLIC

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_vi"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self.name_vi, self.name_lo, self.name_en)

    @property
    def side(self) -> str:
        return self.place.country

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_lo = normalise_lao(self.name_lo)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValidationError({"valid_to": _("An organisation cannot end before it begins.")})
