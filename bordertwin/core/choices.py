from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    """The two countries of the border; every user, place and partnership party has one."""

    VN = "VN", _("Vietnam")
    LA = "LA", _("Laos")


class DatePrecision(models.TextChoices):
    """How much of a recorded date is known: sources often say only "tháng 6/2024"."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
