"""Notifications' fixtures on top of the shared world and the border fixtures (a segment, markers, an incident)."""

import pytest
from django.utils import translation

from bordertwin.border.tests.conftest import border, vn_incident  # noqa: F401  (fixtures used here too)
from bordertwin.notifications.models import Notification


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def told():
    """What each user was told: {username: [(event, message in English)]}."""
    from bordertwin.notifications import events

    def read():
        found: dict[str, list[tuple[str, str]]] = {}
        for n in Notification.objects.select_related("recipient", "target_type").order_by("pk"):
            found.setdefault(n.recipient.username, []).append((n.event, events.message(n)))
        return found

    return read
