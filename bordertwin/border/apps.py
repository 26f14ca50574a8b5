from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BorderConfig(AppConfig):
    name = "bordertwin.border"
    label = "border"
    verbose_name = _("Border")
    navigation = [
        ("border:dashboard", _("Border")),
        ("border:map", _("Border map")),
    ]
