import django_filters
from django.utils.translation import gettext_lazy as _

from bordertwin.core.filtersets import RecordFilterSet
from bordertwin.partnerships.models import Partnership

from .choices import DocumentKind, DocumentStatus
from .models import SourceDocument


class SourceDocumentFilterSet(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices, label=_("Status"))
    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.with_sides(),
        label=_("Partnership"),
    )
    dated_after = django_filters.DateFilter(field_name="document_date", lookup_expr="gte", label=_("Dated from"))
    dated_before = django_filters.DateFilter(field_name="document_date", lookup_expr="lte", label=_("Dated until"))

    class Meta:
        model = SourceDocument
        fields = ["q", "kind", "status", "partnership", "dated_after", "dated_before"]
