from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bordertwin.reports"
    label = "reports"
    verbose_name = _("Reports")
    navigation = [
        ("reports:overview", _("Reports")),
    ]
