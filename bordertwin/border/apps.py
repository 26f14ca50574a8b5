from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BorderConfig(AppConfig):
    name = "bordertwin.border"
    label = "border"
    verbose_name = _("Border")
    partnership_links = [("border:segment_list", _("Border segments"), "filter")]
    navigation = [
        ("border:dashboard", _("Border")),
        ("border:map", _("Border map")),
    ]
