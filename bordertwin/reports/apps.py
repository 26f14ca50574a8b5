from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bordertwin.reports"
    label = "reports"
    verbose_name = _("Reports")
    partnership_links = [
        ("reports:dashboard", _("Dashboard and charts"), "path"),
        ("reports:review", _("Review report for the talks"), "path"),
        ("reports:minutes", _("Minutes of the next talks (Word, Vietnamese and Lao)"), "path"),
    ]
    navigation = [
        ("reports:overview", _("Reports")),
    ]

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the review report as a job kind)
