from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a membership lets its holder do within its scope (see bordertwin.access)."""

    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver")
    BORDER_OFFICER = "border_officer", _("Border officer")
    ADMINISTRATOR = "administrator", _("Administrator")
