
import django_filters
from django.utils.translation import gettext_lazy as _

from bordertwin.core.choices import Side
from bordertwin.core.filtersets import RecordFilterSet
from bordertwin.partnerships.models import Commitment, Partnership, Unit

from .choices import ActivityKind, Confirmation, Currency, DeliveryCategory
from .models import Activity, Delivery, ExchangeRate, ReviewPeriod


class ActivityFilterSet(RecordFilterSet):
    partnership = django_filters.ModelChoiceFilter(queryset=Partnership.objects.with_sides(), label=_("Partnership"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    confirmation = django_filters.ChoiceFilter(choices=Confirmation.choices, label=_("Confirmation"))
    commitment = django_filters.ModelChoiceFilter(
        queryset=Commitment.objects.all(), field_name="commitments", label=_("Commitment served")
    )
    after = django_filters.DateFilter(field_name="started_on", lookup_expr="gte", label=_("From"))
    choice_forward = {"commitment": {"partnership": "agreement__partnership"}}
    before = django_filters.DateFilter(field_name="started_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Activity
        fields = ["q", "partnership", "kind", "confirmation", "commitment", "after", "before"]


class DeliveryFilterSet(RecordFilterSet):
    partnership = django_filters.ModelChoiceFilter(queryset=Partnership.objects.with_sides(), label=_("Partnership"))
    category = django_filters.ChoiceFilter(choices=DeliveryCategory.choices, label=_("Category"))
    giver_side = django_filters.ChoiceFilter(choices=Side.choices, label=_("Giver side"))
    currency = django_filters.ChoiceFilter(choices=Currency.choices, label=_("Currency"))
    confirmation = django_filters.ChoiceFilter(choices=Confirmation.choices, label=_("Confirmation"))
    commitment = django_filters.ModelChoiceFilter(queryset=Commitment.objects.all(), label=_("Commitment fulfilled"))
    after = django_filters.DateFilter(field_name="delivered_on", lookup_expr="gte", label=_("From"))
    choice_forward = {"commitment": {"partnership": "agreement__partnership"}}
    before = django_filters.DateFilter(field_name="delivered_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Delivery
        fields = ["q", "partnership", "category", "giver_side", "currency", "confirmation", "commitment", "after", "before"]


class ExchangeRateFilterSet(RecordFilterSet):
    currency = django_filters.ChoiceFilter(choices=Currency.choices, label=_("Currency"))
    to_currency = django_filters.ChoiceFilter(choices=Currency.choices, label=_("In currency"))
    after = django_filters.DateFilter(field_name="valid_on", lookup_expr="gte", label=_("From"))
    before = django_filters.DateFilter(field_name="valid_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = ExchangeRate
        fields = ["q", "currency", "to_currency", "after", "before"]


class ReviewPeriodFilterSet(RecordFilterSet):
    partnership = django_filters.ModelChoiceFilter(queryset=Partnership.objects.with_sides(), label=_("Partnership"))
    locked = django_filters.BooleanFilter(label=_("Locked"))

    class Meta:
        model = ReviewPeriod
        fields = ["q", "partnership", "locked"]


class UnitFilterSet(RecordFilterSet):
    class Meta:
        model = Unit
        fields = ["q", "code"]
