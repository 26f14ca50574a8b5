from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "bordertwin.places"
    label = "places"
    verbose_name = _("Places and organisations")
    navigation = [("places:place_list", _("Places")), ("places:organisation_list", _("Organisations"))]
