from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "bordertwin.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")
    navigation = [
        ("partnerships:partnership_list", _("Partnerships")),
        ("partnerships:agreement_list", _("Agreements")),
        ("partnerships:commitment_list", _("Commitments")),
    ]
