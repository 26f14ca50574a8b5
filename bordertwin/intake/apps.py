from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "bordertwin.intake"
    label = "intake"
    verbose_name = _("Document intake")
    navigation = [("intake:sourcedocument_list", _("Document intake"))]

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the reading of large files as a job kind)
