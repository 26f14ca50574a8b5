from django.db import models
from django.utils.translation import gettext_lazy as _


class MarkerType(models.TextChoices):
    """What kind of sign stands on the line: a main marker, a secondary one, or a stake (cọc dấu)."""

    MAIN = "main", _("Main marker")
    SECONDARY = "secondary", _("Secondary (additional) marker")
    STAKE = "stake", _("Stake (cọc dấu)")


class MarkerCondition(models.TextChoices):
    """The state an inspection found a marker in."""

    GOOD = "good", _("Good")
    DAMAGED = "damaged", _("Damaged")
    TILTED = "tilted", _("Tilted")
    BURIED = "buried", _("Buried")
    MISSING = "missing", _("Missing")


class PatrolKind(models.TextChoices):
    """Whether both sides walked the line together (song phương) or one side alone."""

    JOINT = "joint", _("Joint (song phương)")
    ONE_SIDED = "one_sided", _("One-sided")


class IncidentCategory(models.TextChoices):
    """What happened on the border, as the sources name it."""

    FREE_MIGRATION = "free_migration", _("Free migration")
    UNREGISTERED_MARRIAGE = "unregistered_marriage", _("Unregistered marriage")
    ILLEGAL_CROSSING = "illegal_crossing", _("Illegal crossing")
    SMUGGLING = "smuggling", _("Smuggling")
    DRUGS = "drugs", _("Drugs")
    WEAPONS = "weapons", _("Weapons or explosives")
    HUMAN_TRAFFICKING = "human_trafficking", _("Human trafficking")
    MARKER_DAMAGE = "marker_damage", _("Marker damaged or moved")
    ENCROACHMENT = "encroachment", _("Encroaching cultivation or settlement")
    ILLEGAL_LOGGING_MINING = "illegal_logging_mining", _("Illegal logging or mining")
    WILDLIFE = "wildlife", _("Wildlife hunting or trade")
    FOREST_FIRE = "forest_fire", _("Forest fire")
    ILLEGAL_RELIGION = "illegal_religion", _("Illegal religious activity")
    NATIONAL_SECURITY = "national_security", _("National security")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster (flood, landslide)")
    EPIDEMIC = "epidemic", _("Epidemic")
    OTHER = "other", _("Other")


class IncidentStatus(models.TextChoices):
    """Where an incident stands: reported by one side, shared with the other, handled, closed."""

    REPORTED = "reported", _("Reported")
    SHARED = "shared", _("Shared with the other side")
    JOINT_HANDLING = "joint_handling", _("Under joint handling")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_INCIDENT_STATUSES = (IncidentStatus.REPORTED, IncidentStatus.SHARED, IncidentStatus.JOINT_HANDLING)
