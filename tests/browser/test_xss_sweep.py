"""Every text field of every model holds a script payload, and no page that shows it runs it.

The fields are read from the app registry (every editable CharField and TextField without choices
of a bordertwin model, history tables included), so a new field is swept as soon as it exists. The
records are those of the authorization matrix (tests/security/test_authorization_matrix.py): one of
each kind, in the Hương Khê – Nakai partnership; the pages are its GET routes, read from the URLconf,
plus every record's history and each list's search. An administrator opens them all, and so does a
viewer of the other side (Laos), who sees what was shared with them. On every page, no dialog may
fire, the Content-Security-Policy may report nothing, no element may carry an injected handler or a
javascript: address, and Leaflet may never be handed user text as an HTML string (its tooltips and
popups read strings as HTML: user text goes in as DOM nodes).
"""

import re
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from bordertwin.border import services as border_services
from bordertwin.core import services as core_services
from tests.browser.conftest import SHOTS, TIMEOUT_MS
from tests.security.test_authorization_matrix import LA_VIEWER, SUPERUSER, build_matrix, page_route, url_names

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# {n} names the field, so a dialog says which one escaped.
PAYLOADS = ("<img src=x onerror=alert({n})>", '"><svg onload=alert({n})>', "'-alert({n})-'", "</script><script>alert({n})</script>")
URLISH = "javascript:alert({n})"
# Fields that are not text for people to read but keys the code works with: a payload there breaks the app, not a page.
STRUCTURAL = {
    "password",  # a hash
    "kind", "language", "key", "result_type",  # a job's registered kind, the language it runs in, its de-duplication key, a download's type
    "media_type",  # an attachment's Content-Type header
    "field",  # the model field a proposal fills
    "unit_type",  # a place's level, which scopes read
}
# Watches the page: policy violations, and every string (not DOM node) given to Leaflet as a tooltip or popup;
# counts the page's own requests (fetch, its bodies, XMLHttpRequest) until what they answered has been handled
# (a macrotask after each settles, so the promise chains and handlers that draw the answer have run).
WATCH = """window.__violations = []; window.__htmlStrings = []; window.__pending = 0;
const track = (promise) => {
  window.__pending += 1;
  const done = () => setTimeout(() => { window.__pending -= 1; }, 0);
  promise.then(done, done);
  return promise;
};
const fetchOriginal = window.fetch;
window.fetch = function (...args) {
  return track(fetchOriginal.apply(this, args).then((response) => {
    for (const name of ['json', 'text', 'blob', 'arrayBuffer', 'formData']) {
      const read = response[name].bind(response);
      response[name] = () => track(read());
    }
    return response;
  }));
};
const sendOriginal = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  window.__pending += 1;
  this.addEventListener('loadend', () => setTimeout(() => { window.__pending -= 1; }, 0));
  return sendOriginal.apply(this, args);
};
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
let leaflet;
Object.defineProperty(window, 'L', {configurable: true, get: () => leaflet, set: (value) => {
  leaflet = value;
  for (const name of ['bindTooltip', 'bindPopup', 'setTooltipContent', 'setPopupContent']) {
    const original = value.Layer && value.Layer.prototype[name];
    if (!original) { continue; }
    value.Layer.prototype[name] = function (content, ...rest) {
      if (typeof content === 'string' && /alert\\(/.test(content)) { window.__htmlStrings.push(name + ': ' + content); }
      return original.call(this, content, ...rest);
    };
  }
}});"""
# Elements the payloads would make if they reached the page as HTML.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on') || (['href', 'src', 'action', 'formaction'].includes(attr.name) && value.startsWith('javascript:'))) {
        found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
      }
    }
    if (el.tagName === 'SCRIPT' && /alert\\(/.test(el.textContent)) { found.push('SCRIPT ' + el.textContent.slice(0, 60)); }
  }
  return found;
}"""


@pytest.fixture
def matrix(world: Any) -> dict[str, Any]:
    """The authorization matrix's records and people, committed for the live server to read."""
    return build_matrix(world)


def swept_fields() -> list[models.Field]:
    return [
        field
        for model in apps.get_models() if model.__module__.startswith("bordertwin.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and field.editable and not field.choices
        and field.name not in STRUCTURAL
    ]


def payload_for(n: int, field: models.Field) -> str:
    """A payload naming field n; a URL-ish field gets a javascript: address, a short one the first that fits."""
    if isinstance(field, models.URLField) or "source" in field.name or "file" in field.name:
        candidates = [URLISH, *PAYLOADS]
    else:
        candidates = [*PAYLOADS[n % len(PAYLOADS):], *PAYLOADS[:n % len(PAYLOADS)]]
    texts = [text.format(n=n) for text in candidates]
    limit = field.max_length or 10_000
    return next((text for text in texts if len(text) <= limit), texts[0][:limit])


def sweep() -> dict[int, str]:
    """Writes a payload into every swept field of every row; returns which field each number names."""
    named = {}
    for n, field in enumerate(swept_fields(), start=1):
        named[n] = f"{field.model._meta.label}.{field.name}"
        value = payload_for(n, field)
        if field.unique:  # one row at a time, each its own value
            for pk in field.model._default_manager.values_list("pk", flat=True):
                field.model._default_manager.filter(pk=pk).update(**{field.name: f"{value}{pk}"[-field.max_length:]})
        else:
            field.model._default_manager.update(**{field.name: value})
    return named


def pages(m: dict[str, Any]) -> list[str]:
    """Every GET page of the URLconf with the matrix's records, each record's history, and each list searched."""
    paths = []
    for name, pattern in url_names():
        route = page_route(name, pattern, m)
        if route is None or route.method != "GET" or "logout" in name:
            continue
        paths.append(route.path)
        if name.endswith("_list"):
            paths.append(route.path + "?q=alert")
    for record in m["records"].values():
        paths.append(f"/records/{ContentType.objects.get_for_model(record).pk}/{record.pk}/history/")
    return sorted(set(paths))


def signed_in(chromium: Browser, url: str, user: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": url}])
    context.add_init_script(WATCH)
    return context


class Watch:
    """What a page did that it should not: dialogs, and policy violations reported in the console."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self.dialog)
        page.on("console", lambda message: self.console.append(message.text) if "Content Security Policy" in message.text else None)

    def dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def take(self, named: dict[int, str]) -> list[str]:
        found = self.console + [f"dialog {text} ({named.get(int(text), '?') if text.isdigit() else ''})" for text in self.dialogs]
        self.dialogs.clear()
        self.console.clear()
        return found


def test_no_page_runs_a_payload_written_in_any_text_field(live_server, chromium: Browser, matrix: dict[str, Any]) -> None:
    m = matrix
    admin = m["people"][SUPERUSER]
    border_services.share_patrol(m["records"]["patrol"], acting_user=admin, note="Chia sẻ")
    for record in m["records"].values():
        core_services.add_note(record, acting_user=admin, text="Ghi chú")
    named = sweep()
    assert len(named) >= 100 and "border.Marker.number" in named.values() and "core.JournalEntry.text" in named.values()
    folder = SHOTS / "xss-sweep"
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    shown = as_text = 0
    for persona in (SUPERUSER, LA_VIEWER):
        context = signed_in(chromium, live_server.url, m["people"][persona])
        page = context.new_page()
        watch = Watch(page)
        for path in pages(m):
            try:
                response = page.goto(live_server.url + path)
            except PlaywrightError as error:
                if "Download is starting" in str(error):  # a file, not a page
                    continue
                raise
            assert response is not None and response.status < 500, (persona, path, response and response.status)
            if response.status != 200 or "html" not in response.headers.get("content-type", ""):
                continue
            shown += 1
            page.wait_for_function("() => window.__pending === 0")  # after the load event: what the scripts asked for is drawn
            found = page.evaluate("() => [...window.__violations.splice(0), ...window.__htmlStrings.splice(0)]")
            found += page.evaluate(INJECTED) + watch.take(named)
            if found:
                problems.append(f"{persona} {path}: {found}")
                page.screenshot(path=str(folder / (persona + re.sub(r"\W+", "-", path) + ".png")), full_page=True)
            if "alert(" in page.inner_text("body"):
                as_text += 1
        context.close()
    print(f"{len(named)} fields swept, {shown} pages shown, {as_text} of them showing a payload as text")
    assert shown >= 100 and as_text >= shown * 3 // 4  # the payloads were on the pages, as text
    assert not problems, "\n".join(problems)
