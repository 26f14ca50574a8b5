from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from bordertwin import access


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu: each app's config lists its pages as `navigation = [(url name, label), ...]`."""
    items = []
    for config in apps.get_app_configs():
        for name, label in getattr(config, "navigation", ()):
            try:
                items.append((reverse(name), label))
            except NoReverseMatch:
                continue
    matches = [url for url, _label in items if request.path.startswith(url) and url != "/"]
    current = max(matches, key=len, default="")
    user = getattr(request, "user", None)
    return {
        "navigation": [(url, label, url == current) for url, label in items],
        "languages": settings.LANGUAGES,
        "can_restore": access.is_administrator(user),
    }
