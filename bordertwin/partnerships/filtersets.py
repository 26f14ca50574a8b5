from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bordertwin.core.filtersets import RecordFilterSet
from bordertwin.places.models import Place

from .choices import AgreementKind, CommitmentStatus, Domain, PartnershipLevel, PartnershipStatus, Recurrence, ResponsibleSide
from .models import Agreement, Commitment, Partnership

# A partnership's name reads its two places and organisations: load them with it, or a
# drop-down of partnerships costs two queries per option.
PARTNERSHIPS = Partnership.objects.with_sides()


class PartnershipFilterSet(RecordFilterSet):
    level = django_filters.ChoiceFilter(choices=PartnershipLevel.choices, label=_("Level"))
    status = django_filters.ChoiceFilter(choices=PartnershipStatus.choices, label=_("Status"))
    vn_province = django_filters.ModelChoiceFilter(
        queryset=Place.objects.filter(country="VN", level="province"), method="filter_vn_province",
        label=_("Vietnamese province"),
    )
    la_province = django_filters.ModelChoiceFilter(
        queryset=Place.objects.filter(country="LA", level="province"), method="filter_la_province",
        label=_("Lao province"),
    )
    established_after = django_filters.DateFilter(field_name="established_on", lookup_expr="gte", label=_("Established from"))
    established_before = django_filters.DateFilter(field_name="established_on", lookup_expr="lte", label=_("Established until"))
    parent = django_filters.ModelChoiceFilter(queryset=PARTNERSHIPS, label=_("parent partnership"))

    class Meta:
        model = Partnership
        fields = ["q", "level", "status", "vn_province", "la_province", "established_after", "established_before", "parent"]

    def filter_vn_province(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(vn_place__path__startswith=value.path) if value else queryset

    def filter_la_province(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(la_place__path__startswith=value.path) if value else queryset


class AgreementFilterSet(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte", label=_("Signed from"))
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte", label=_("Signed until"))
    partnership = django_filters.ModelChoiceFilter(queryset=PARTNERSHIPS, label=_("Partnership"))

    class Meta:
        model = Agreement
        fields = ["q", "partnership", "kind", "signed_after", "signed_before"]


class CommitmentFilterSet(RecordFilterSet):
    domain = django_filters.ChoiceFilter(choices=Domain.choices, label=_("Domain"))
    status = django_filters.ChoiceFilter(choices=CommitmentStatus.choices, label=_("Status"))
    responsible_side = django_filters.ChoiceFilter(choices=ResponsibleSide.choices, label=_("Responsible side"))
    recurrence = django_filters.ChoiceFilter(choices=Recurrence.choices, label=_("Recurrence"))
    partnership = django_filters.ModelChoiceFilter(
        queryset=PARTNERSHIPS, field_name="agreement__partnership", label=_("Partnership")
    )
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Due by"))
    parent = django_filters.NumberFilter(field_name="parent", label=_("Part of (id)"))
    choice_forward = {"agreement": {"partnership": "partnership"}}

    class Meta:
        model = Commitment
        fields = ["q", "partnership", "agreement", "domain", "status", "responsible_side", "recurrence", "due_before", "parent"]
