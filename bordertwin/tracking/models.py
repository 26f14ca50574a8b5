"""What partnerships actually do: activities held, support delivered, the rates to total it, reviewed periods."""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.access.users import User
from bordertwin.core import context
from bordertwin.core.choices import DatePrecision, Side
from bordertwin.core.fields import BoundedTextField, example_flag
from bordertwin.core.models import BaseRecord
from bordertwin.partnerships.models import (
    PARTNERSHIP_ORGANISATIONS,
    PARTNERSHIP_PLACES,
    Commitment,
    Partnership,
    Unit,
    through,
)
from bordertwin.places.models import Organisation, Place

from .choices import ActivityKind, Confirmation, Currency, DeliveryCategory, HostSide, ValueQualifier


class ReviewPeriod(BaseRecord):
    """A stretch of time whose activities and deliveries a partnership's approver has reviewed and locked."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="review_periods", verbose_name=_("partnership")
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("E.g. Review of 2023–2024."))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("approved by"), editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    locked = models.BooleanField(_("locked"), default=False, editable=False)

    search_fields = ("title", "partnership__search_text")
    access_places = through("partnership", PARTNERSHIP_PLACES)
    access_organisations = through("partnership", PARTNERSHIP_ORGANISATIONS)

    class Meta:
        verbose_name = _("review period")
        verbose_name_plural = _("review periods")
        ordering = ["-start", "pk"]

    def __str__(self) -> str:
        span = "{start:%d/%m/%Y} – {end:%d/%m/%Y}".format(start=self.start, end=self.end)
        return f"{self.title} ({span})" if self.title else span

    def clean(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValidationError({"end": _("A period cannot end before it begins.")})
        self.check_lock()

    def check_lock(self) -> None:
        """A locked period keeps its partnership and dates and stays until an approver unlocks it."""
        if self.pk is None:
            return
        stored = ReviewPeriod._base_manager.filter(pk=self.pk).values("partnership_id", "start", "end", "locked", "deleted_at").first()
        if stored is None or not stored["locked"] or not self.locked:
            return
        moved = (stored["partnership_id"], stored["start"], stored["end"]) != (self.partnership_id, self.start, self.end)
        if moved or (self.deleted_at and not stored["deleted_at"]):
            raise ValidationError(_("A locked period cannot be changed or deleted: an approver unlocks it first."))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_lock()
        super().save(*args, **kwargs)


def locked_period(partnership_id: int | None, first: datetime.date | None, last: datetime.date | None) -> ReviewPeriod | None:
    """The locked review period of a partnership that a record dated `first`..`last` falls in, if any."""
    if partnership_id is None or first is None:
        return None
    return (
        ReviewPeriod.objects.filter(partnership_id=partnership_id, locked=True, start__lte=last or first, end__gte=first)
        .order_by("start")
        .first()
    )


class PartnershipRecord(BaseRecord):
    """Something one side of a partnership entered, which the other side confirms, and which a review locks."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+", verbose_name=_("partnership"))
    recorded_by_side = models.CharField(
        _("entered by"), max_length=2, choices=Side.choices, blank=True, editable=False,
        help_text=_("The side of the officer who entered it; the other side confirms it."),
    )
    confirmation = models.CharField(
        _("confirmation"), max_length=10, choices=Confirmation.choices, default=Confirmation.PENDING, editable=False
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("confirmed or disputed by"), editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed or disputed at"), null=True, blank=True, editable=False)
    confirmation_note = BoundedTextField(_("confirmation note"), max_length=2_000, blank=True, editable=False)
    is_example = example_flag()

    access_places = through("partnership", PARTNERSHIP_PLACES)
    access_organisations = through("partnership", PARTNERSHIP_ORGANISATIONS)
    # The date fields that place the record in time (first, last).
    date_fields: tuple[str, str | None] = ("", None)

    class Meta:
        abstract = True

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q:
        """Both sides read a partnership's records; only the side that entered one changes or deletes it.

        The other side answers it instead (services.confirm, services.dispute). A record of
        no side (entered outside any signed-in request) is every side's to correct.
        """
        if action in (access.CHANGE, access.DELETE):
            return Q(recorded_by_side=user.side) | Q(recorded_by_side="")
        return Q()

    def dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        first_name, last_name = self.date_fields
        first = getattr(self, first_name)
        last = getattr(self, last_name) if last_name else None
        return first, last or first

    def lock_error(self) -> ValidationError | None:
        """Why this record cannot be written now: it is, or was, dated inside a locked review period."""
        candidates = [(self.partnership_id, *self.dates())]
        if self.pk is not None:
            names = ["partnership_id", self.date_fields[0]] + ([self.date_fields[1]] if self.date_fields[1] else [])
            stored = type(self)._base_manager.filter(pk=self.pk).values_list(*names).first()
            if stored is not None:
                first, last = stored[1], (stored[2] if len(stored) > 2 else None)
                candidates.append((stored[0], first, last or first))
        for partnership_id, first, last in candidates:
            period = locked_period(partnership_id, first, last)
            if period is not None:
                return ValidationError(
                    _("The review of {period} has been approved and locked: records dated in it cannot be changed.")
                    .format(period=period)
                )
        return None

    def clean(self) -> None:
        error = self.lock_error()
        if error is not None:
            raise error

    def save(self, *args: Any, **kwargs: Any) -> None:
        error = self.lock_error()
        if error is not None:
            raise error
        if self._state.adding and not self.recorded_by_side:
            ctx = context.current()
            self.recorded_by_side = getattr(ctx.user, "side", "") if ctx and ctx.user else ""
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmation == Confirmation.CONFIRMED


class Activity(PartnershipRecord):
    """Something that happened between the two sides: talks, a Tết visit, a boat race, a joint inspection."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="activities", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300, help_text=_("In Vietnamese: the original."))
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    started_on = models.DateField(_("date"))
    ended_on = models.DateField(_("until"), null=True, blank=True, help_text=_("For activities lasting several days."))
    date_precision = models.CharField(
        _("date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    venue = models.CharField(_("place"), max_length=300, blank=True)
    host_side = models.CharField(_("host side"), max_length=4, choices=HostSide.choices, default=HostSide.BOTH)
    vn_participant_count = models.PositiveIntegerField(_("Vietnamese participants"), null=True, blank=True)
    vn_participants = BoundedTextField(_("Vietnamese participants (names)"), max_length=10_000, blank=True, help_text=_("One per line: name, position."))
    la_participant_count = models.PositiveIntegerField(_("Lao participants"), null=True, blank=True)
    la_participants = BoundedTextField(_("Lao participants (names)"), max_length=10_000, blank=True, help_text=_("One per line: name, position."))
    summary = BoundedTextField(_("summary"), max_length=10_000, blank=True)
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="activities", verbose_name=_("commitments served")
    )

    search_fields = ("title", "title_lo", "title_en", "venue", "summary", "vn_participants", "la_participants", "partnership__search_text")
    date_fields = ("started_on", "ended_on")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-started_on", "-pk"]
        # The list's order, whole and per partnership: a page is read off the index, not sorted.
        indexes = [
            models.Index(fields=["started_on", "id"], name="tracking_activity_order"),
            models.Index(fields=["partnership", "started_on", "id"], name="tracking_activity_pair_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("An activity cannot end before it begins.")})
        super().clean()


class Delivery(PartnershipRecord):
    """Support one side gave the other: 9 breeding cows, 100 million đồng of flood relief, medicine."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("partnership")
    )
    category = models.CharField(_("category"), max_length=30, choices=DeliveryCategory.choices)
    item = models.CharField(_("item"), max_length=300, help_text=_("In Vietnamese: the original."))
    item_lo = models.CharField(_("item (Lao)"), max_length=300, blank=True)
    item_en = models.CharField(_("item (English)"), max_length=300, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=18, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    value = models.DecimalField(
        _("value"), max_digits=20, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    value_qualifier = models.CharField(
        _("value is"), max_length=15, choices=ValueQualifier.choices, default=ValueQualifier.EXACT
    )
    giver_side = models.CharField(_("giver side"), max_length=2, choices=Side.choices)
    giver_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("giver organisation")
    )
    giver_name = models.CharField(_("giver"), max_length=300, blank=True, help_text=_("When the giver is not a listed organisation."))
    recipient_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("recipient organisation"),
    )
    recipient_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient place")
    )
    recipient_group = models.CharField(
        _("recipients"), max_length=300, blank=True, help_text=_("E.g. poor households of Noỏng Mạ.")
    )
    beneficiary_count = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)
    beneficiary_count_qualifier = models.CharField(
        _("number of beneficiaries is"), max_length=15, choices=ValueQualifier.choices, default=ValueQualifier.EXACT,
        help_text=_("As the source says it: \"khoảng 600 người\" is about 600."),
    )
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries",
        verbose_name=_("commitment fulfilled"),
    )
    delivered_on = models.DateField(_("delivered on"))
    delivered_on_precision = models.CharField(
        _("date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    notes = BoundedTextField(_("notes"), max_length=10_000, blank=True)

    search_fields = ("item", "item_lo", "item_en", "giver_name", "recipient_group", "notes", "partnership__search_text")
    date_fields = ("delivered_on", None)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_on", "-pk"]
        # The list's order, whole and per partnership: a page is read off the index, not sorted.
        indexes = [
            models.Index(fields=["delivered_on", "id"], name="tracking_delivery_order"),
            models.Index(fields=["partnership", "delivered_on", "id"], name="tracking_delivery_pair_order"),
        ]

    def __str__(self) -> str:
        return self.item

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (self.quantity is None) != (self.unit_id is None):
            errors["unit"] = _("A quantity needs both a number and a unit.")
        if self.value is not None and not self.currency:
            errors["currency"] = _("A value needs a currency.")
        if self.value is None and self.currency:
            errors["value"] = _("A currency needs a value.")
        if self.partnership_id and self.commitment is not None and self.commitment.agreement.partnership_id != self.partnership_id:
            errors["commitment"] = _("The commitment must belong to the same partnership.")
        if self.giver_side and self.giver_organisation is not None and self.giver_organisation.place.country != self.giver_side:
            errors["giver_organisation"] = _("The giver organisation must be of the giver side.")
        if errors:
            raise ValidationError(errors)
        super().clean()


class ExchangeRate(BaseRecord):
    """A dated rate between two currencies, e.g. 24,000 VND for one USD on 24/8/2023, and where it came from."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    to_currency = models.CharField(_("in currency"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(
        _("rate"), max_digits=20, decimal_places=6, validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("How many units of the second currency one unit of the first is worth."),
    )
    valid_on = models.DateField(_("valid on"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    search_fields = ("currency", "to_currency", "source")
    access_kind = access.Kind.REFERENCE

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-valid_on", "currency", "to_currency", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "to_currency", "valid_on"], condition=models.Q(deleted_at__isnull=True),
                name="tracking_one_rate_per_day",
            )
        ]

    def __str__(self) -> str:
        rate = f"{self.rate.normalize():f}" if self.rate is not None else "?"
        day = self.valid_on.strftime("%d/%m/%Y") if self.valid_on else "?"
        return f"1 {self.currency} = {rate} {self.to_currency} ({day})"

    def clean(self) -> None:
        if self.currency and self.currency == self.to_currency:
            raise ValidationError({"to_currency": _("A rate is between two different currencies.")})
        if self.currency and self.to_currency and self.valid_on:
            clash = ExchangeRate.objects.filter(
                currency=self.currency, to_currency=self.to_currency, valid_on=self.valid_on
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"valid_on": _("There is already a rate for these currencies on this day.")})
