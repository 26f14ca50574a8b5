from typing import Any

from django.http import HttpRequest

from bordertwin import access

from . import services


def unread(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the page header, counted only when a page shows it (and cached until it changes)."""
    user = getattr(request, "user", None)
    if not access.signed_in(user):
        return {}
    return {"unread_notifications": lambda: services.unread_count(user)}
