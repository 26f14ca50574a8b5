from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "bordertwin.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from bordertwin.core import views

        from . import exports, housekeeping  # noqa: F401  (registers the scheduled clean-up)

        views.export_later(exports.queue_export)  # a long list's export link queues a job
