from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """What a submitted source document is."""

    MINUTES = "minutes", _("Minutes")
    ARTICLE = "article", _("News article")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    """Where a source document stands in review: nothing is recorded from it until reviewed."""

    PENDING = "pending", _("Awaiting review")
    REVIEWED = "reviewed", _("Reviewed")


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    LO = "lo", _("Lao")
    EN = "en", _("English")
