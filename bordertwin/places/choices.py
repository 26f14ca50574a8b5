from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The tier of an administrative unit on either side of the border."""

    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    VILLAGE_CLUSTER = "village_cluster", _("Village cluster")
    VILLAGE = "village", _("Village")


class SuccessionKind(models.TextChoices):
    """How a unit passed on: its area, its name or its duties went to another unit."""

    MERGED = "merged", _("Merged into")
    SPLIT = "split", _("Split, part went to")
    RENAMED = "renamed", _("Renamed to")
    DUTIES_TRANSFERRED = "duties_transferred", _("Duties passed to")


class OrganisationKind(models.TextChoices):
    """The kinds of bodies that act in a partnership."""

    PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    BORDER_GUARD_POST = "border_guard_post", _("Border-guard post")
    BORDER_GUARD_COMPANY = "border_guard_company", _("Border-guard company")
    MILITARY_COMMAND = "military_command", _("Military command")
    HEALTH_STATION = "health_station", _("Health station")
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("Enterprise")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    VILLAGE_AUTHORITY = "village_authority", _("Village or cluster authority")
    OTHER = "other", _("Other")
