from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipLevel(models.TextChoices):
    """The level at which two localities or units are twinned."""

    PROVINCE = "province", _("Province – province")
    DISTRICT = "district", _("District – district")
    COMMUNE = "commune", _("Commune – village cluster")
    VILLAGE = "village", _("Hamlet – village")
    BORDER_GUARD = "border_guard", _("Border-guard unit – unit")
    OTHER = "other", _("Other")


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class AgreementKind(models.TextChoices):
    """The kinds of documents a partnership signs."""

    MEMORANDUM = "memorandum", _("Memorandum of cooperation")
    MINUTES = "minutes", _("Minutes of talks")
    REGULATION = "regulation", _("Twinning regulation")
    PLAN = "plan", _("Plan")
    OTHER = "other", _("Other")


class Domain(models.TextChoices):
    """The fields of cooperation a commitment belongs to."""

    DEFENSE_SECURITY = "defense_security", _("Defence and security")
    POLITICS = "politics", _("Politics")
    ECONOMY = "economy", _("Economy")
    AGRICULTURE = "agriculture", _("Agriculture")
    TRADE = "trade", _("Trade")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    SPORT = "sport", _("Sport")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    ENVIRONMENT = "environment", _("Environment")
    DISASTER_RELIEF = "disaster_relief", _("Disaster relief")


class ResponsibleSide(models.TextChoices):
    VN = "VN", _("Vietnamese side")
    LA = "LA", _("Lao side")
    BOTH = "both", _("Both sides")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once")
    YEARLY = "yearly", _("Every year")


class CommitmentStatus(models.TextChoices):
    """Where a commitment stands; each status implies a progress (see services.STATUS_PROGRESS)."""

    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed, not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CARRIED_OVER = "carried_over", _("Carried over")
    CANCELLED = "cancelled", _("Cancelled")
