from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from bordertwin.access import coverage


class PlacesConfig(AppConfig):
    name = "bordertwin.places"
    label = "places"
    verbose_name = _("Places and organisations")
    navigation = [("places:place_list", _("Places")), ("places:organisation_list", _("Organisations"))]

    def ready(self) -> None:
        from . import services

        coverage.register(services.covered_places)
        for model in (self.get_model("Place"), self.get_model("Succession")):
            post_save.connect(_places_changed, sender=model, dispatch_uid=f"places-changed-save-{model.__name__}")
            post_delete.connect(_places_changed, sender=model, dispatch_uid=f"places-changed-delete-{model.__name__}")


def _places_changed(sender: Any, **kwargs: Any) -> None:
    """A change to places or successions renews what every role covers."""
    coverage.forget_places()
