"""The installable app: its manifest, its service worker (served from the site root), and the outbox page."""

import hashlib
import json
from functools import cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bordertwin import access

from . import forms

# The app shell: what the service worker keeps so that the outbox, its forms and the border map open offline.
SHELL_STATIC = [
    "bordertwin/app.css", "bordertwin/app.js", "bordertwin/htmx.min.js",
    "offline/offline.css", "offline/store.js", "offline/register.js", "offline/outbox.js", "offline/icon.svg",
    "border/border.css", "border/map.js", "border/leaflet/leaflet.js", "border/leaflet/leaflet.css",
    "border/geo/vn-la.geojson",
]


@cache
def shell_version() -> str:
    """Changes whenever a file of the app shell (or the worker) changes: the worker then replaces its cache."""
    digest = hashlib.sha256()
    for name in [*SHELL_STATIC, "offline/sw.js"]:
        path = finders.find(name)
        digest.update(name.encode())
        if isinstance(path, str):
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "BorderTwin", "short_name": "BorderTwin", "lang": request.LANGUAGE_CODE,
        "description": _("Vietnam–Laos border twinning record"),
        "start_url": reverse("offline:outbox"), "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#1f4e79",
        "icons": [{"src": static("offline/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker's script from offline/sw.js, told the shell's versioned files; it controls the whole site."""
    path = finders.find("offline/sw.js")
    assert isinstance(path, str)
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    shell = {
        "version": shell_version(),
        "pages": [reverse("offline:outbox"), reverse("border:map")],
        "assets": [static(name) for name in SHELL_STATIC],
    }
    body = "self.BT_SHELL = {};\n{}".format(json.dumps(shell), source)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def messages() -> dict[str, str]:
    """The outbox's words, in the user's language, for outbox.js ({name} marks what it fills in)."""
    return {
        "online": _("Online: entries are sent as they are saved."),
        "offline": _("No connection: entries wait here and are sent when the connection returns."),
        "scope_refreshed": _("Reference data of your scope, last refreshed {time}."),
        "scope_never": _("No reference data on this device yet: open this page once with a connection."),
        "scope_truncated": _("Only the first {limit} of these are kept on this device: {names}."),
        "save": _("Save to outbox"),
        "cancel": _("Cancel"),
        "required": _("This field is required."),
        "not_within": _("Choose one that belongs to the chosen {field}."),
        "after": _("Cannot be before “{field}”."),
        "whole_number": _("Enter a whole number, 0 or more."),
        "number": _("Enter a number."),
        "check_fields": _("Check the fields marked in red."),
        "photo": _("Photo"),
        "gpx": _("Route (GPX or GeoJSON file)"),
        "gps": _("Record my position"),
        "gps_waiting": _("Finding the position…"),
        "gps_failed": _("Position not available: {reason}"),
        "gps_at": _("Position {lat}, {lon} (accurate to {accuracy} m)"),
        "add_inspection": _("Add a marker inspection"),
        "inspection": _("Marker inspection {n}"),
        "remove": _("Remove"),
        "waiting": _("waiting to send"),
        "sending": _("sending…"),
        "refused": _("refused"),
        "conflict": _("changed on the server meanwhile"),
        "sent": _("sent"),
        "fix": _("Fix"),
        "edit": _("Edit"),
        "discard": _("Discard"),
        "discard_confirm": _("Discard this entry? It will not be sent."),
        "keep_mine": _("Keep my version"),
        "keep_theirs": _("Keep the server's version"),
        "mine": _("My version"),
        "theirs": _("On the server now"),
        "attachments": _("Attached: {names}"),
        "nothing": _("Nothing here."),
        "saved": _("Saved in the outbox."),
        "not_sent": _("Not sent yet: no connection. It will be sent when the connection returns."),
        "open_record": _("Open the record"),
        "made": _("entered {time}"),
    }


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request.user)
    return render(request, "offline/outbox.html", {
        "forms": forms.definitions(),
        "offline_user": user.pk,
        "scope_url": reverse("offline_scope"),
        "offline_messages": messages(),
    })
