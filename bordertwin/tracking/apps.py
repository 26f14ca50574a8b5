from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "bordertwin.tracking"
    label = "tracking"
    verbose_name = _("Activities and deliveries")
    measure_commitments = "bordertwin.tracking.services.measured_progress"
    partnership_links = [
        ("tracking:activity_list", _("Activities"), "filter"),
        ("tracking:delivery_list", _("Deliveries"), "filter"),
    ]
    navigation = [
        ("tracking:activity_list", _("Activities")),
        ("tracking:delivery_list", _("Deliveries")),
        ("tracking:reviewperiod_list", _("Review periods")),
        ("tracking:exchangerate_list", _("Exchange rates")),
        ("tracking:import", _("Import")),
    ]

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers large imports as a job kind)
