from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.core.registry import register_model_views
from bordertwin.core.tables import Column, Table
from bordertwin.core.views import RecordDetailView

from .filtersets import OrganisationFilterSet, PlaceFilterSet
from .forms import OrganisationForm, PlaceForm
from .models import Organisation, Place

CHOICES_LIMIT = 30


class PlaceDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        place = self.object
        context.update(
            ancestors=place.ancestors(),
            children=place.children.order_by("name_vi")[:200],
            child_count=place.children.count(),
            successions_out=place.successions_out.select_related("successor"),
            successions_in=place.successions_in.select_related("predecessor"),
            current_successors=place.current_successors(),
            organisations=place.organisations.all(),
        )
        return context


register_model_views(
    Place, "",
    table=Table([
        Column(_("Name"), lambda p: str(p), link=True),
        Column(_("Lao name"), "name_lo"),
        Column(_("English name"), "name_en"),
        Column(_("Level"), "level"),
        Column(_("Country"), "country"),
        Column(_("Code"), "code"),
        Column(_("Part of"), "parent"),
        Column(_("Valid from"), "valid_from"),
        Column(_("Valid until"), "valid_to"),
    ]),
    filterset=PlaceFilterSet, form=PlaceForm, related=("parent",),
    detail=PlaceDetailView, delete=None,
)


def place_choices(request: HttpRequest) -> HttpResponse:
    """Options for the place picker: places matching what the officer typed, current ones first."""
    places = Place.objects.restrict(request.user, access.VIEW).select_related("parent")
    if request.GET.get("country") in ("VN", "LA"):
        places = places.filter(country=request.GET["country"])
    query = request.GET.get("q", "").strip()
    places = places.search(query).order_by("valid_to", "path")[:CHOICES_LIMIT] if query else places.none()
    return render(request, "places/partials/place_options.html", {"places": places, "query": query})


register_model_views(
    Organisation, "organisations/",
    table=Table([
        Column(_("Name"), "name", link=True),
        Column(_("Kind"), "kind"),
        Column(_("Place"), "place"),
        Column(_("Lao name"), "name_lo"),
    ]),
    filterset=OrganisationFilterSet, form=OrganisationForm, related=("place",),
)
