from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bordertwin.core"
    label = "core"
    verbose_name = _("Core")
    navigation = [("home", _("Overview"))]

    def ready(self) -> None:
        from . import caching, signals  # noqa: F401
