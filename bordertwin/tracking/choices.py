from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """What happened between the two sides of a partnership."""

    TALKS = "talks", _("Talks")
    DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
    TET_VISIT = "tet_visit", _("Tết or New Year visit")
    EXCHANGE = "exchange", _("Exchange")
    TRAINING = "training", _("Training")
    TECHNOLOGY_HANDOVER = "technology_handover", _("Technology handover")
    SPORT_EVENT = "sport_event", _("Sport event")
    CULTURAL_EVENT = "cultural_event", _("Cultural event")
    RELIEF = "relief", _("Relief")
    JOINT_INSPECTION = "joint_inspection", _("Joint inspection")
    OTHER = "other", _("Other")


class HostSide(models.TextChoices):
    VN = "VN", _("Vietnamese side")
    LA = "LA", _("Lao side")
    BOTH = "both", _("Both sides")


class DeliveryCategory(models.TextChoices):
    """The kinds of support one side gives the other."""

    LIVESTOCK = "livestock", _("Livestock")
    SEEDLINGS_CROPS = "seedlings_crops", _("Seedlings and crops")
    CASH = "cash", _("Cash")
    FOOD_NECESSITIES = "food_necessities", _("Food and necessities")
    TOOLS = "tools", _("Tools")
    MEDICAL = "medical", _("Medical supplies and care")
    SCHOOL_SUPPLIES = "school_supplies", _("School supplies")
    CONSTRUCTION = "construction", _("Construction")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")


class Currency(models.TextChoices):
    """Currencies the sources give values in."""

    VND = "VND", _("Vietnamese đồng (VND)")
    LAK = "LAK", _("Lao kip (LAK)")
    USD = "USD", _("US dollar (USD)")
    THB = "THB", _("Thai baht (THB)")


class ValueQualifier(models.TextChoices):
    """How exact a value is: sources say "hơn 1,2 tỷ đồng" (more than 1.2 billion đồng)."""

    EXACT = "exact", _("Exactly")
    MORE_THAN = "more_than", _("More than")
    APPROXIMATELY = "approximately", _("About")
    LESS_THAN = "less_than", _("Less than")


class Confirmation(models.TextChoices):
    """Whether the other side has confirmed what one side entered."""

    PENDING = "pending", _("Awaiting the other side")
    CONFIRMED = "confirmed", _("Confirmed by the other side")
    DISPUTED = "disputed", _("Disputed by the other side")
