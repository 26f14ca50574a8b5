"""Under the Content-Security-Policy the main pages work without a single violation, and a marker
number written as HTML stays text on the map, the patrol page and the route page.

Runs Debian's chromium against the live server (tests/browser/conftest.py), with the border segment of
tests/browser/test_patrol_map.py. Screenshots go to artifacts/browser/security/. Waiting for something
in the page is written as a function: Playwright evaluates an expression string with eval, which the
policy rightly refuses.
"""

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from bordertwin.border.models import Marker, Patrol
from bordertwin.core import services as core_services
from bordertwin.testing import PASSWORD, build_world, ensure_reference
from tests.browser.conftest import SHOTS, TIMEOUT_MS
from tests.browser.test_patrol_map import build_segment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = "<img src=x onerror=alert(1)>"
# Redoc's bundle always shows its maker's logo from the internet; the policy blocks it like anything from
# elsewhere, and that one expected refusal is not counted.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
# Every violation the page reports, kept where the test can read it.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""
# Where the grey ("never inspected") discs sit on a map's canvas: their count and centre in page coordinates.
GREY_DISC = """(selector) => {
  const canvas = document.querySelector(selector + ' canvas');
  if (!canvas || !canvas.width) { return {count: 0}; }
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0, sx = 0, sy = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 150 && Math.abs(data[i] - 0x9e) <= 4 && Math.abs(data[i + 1] - 0x9e) <= 4 && Math.abs(data[i + 2] - 0x9e) <= 4) {
      const p = i / 4; count += 1; sx += p % canvas.width; sy += Math.floor(p / canvas.width);
    }
  }
  const box = canvas.getBoundingClientRect();
  return count ? {count: count, x: box.left + (sx / count) * box.width / canvas.width,
                  y: box.top + (sy / count) * box.height / canvas.height} : {count: 0};
}"""


class Watched:
    """A page whose CSP violations, console errors, script errors and dialogs are all recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def violations(self) -> list[str]:
        """The violations reported since the last call (on the page shown, and in the console)."""
        reported = self.page.evaluate("window.__violations.splice(0)")
        reported += [text for text in self.console if "Content Security Policy" in text]
        self.console = [text for text in self.console if "Content Security Policy" not in text]
        return [text for text in reported if REDOC_LOGO not in text]


@pytest.fixture
def watched(chromium: Browser) -> Iterator[Watched]:
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    yield Watched(context.new_page())
    context.close()


def sign_in(watched: Watched, url: str, user) -> None:  # type: ignore[no-untyped-def]
    page = watched.page
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("form[action$='/logout/']")).to_be_attached()


def border_records(world):  # type: ignore[no-untyped-def]
    """A segment with a marker whose number is an HTML payload, and a joint patrol along it with a route."""
    segment = build_segment(world)
    marker = core_services.save_record(
        Marker(segment=segment, number=PAYLOAD, latitude=Decimal("18.210000"), longitude=Decimal("105.660000"), marker_type="main"),
        acting_user=world.admin,
    )
    patrol = core_services.save_record(
        Patrol(partnership=segment.partnership, segment=segment, kind="joint", vn_unit=segment.vn_post, la_unit=segment.la_post,
               started_at=datetime.datetime(2026, 11, 20, 7, 30, tzinfo=datetime.UTC), vn_people=4, la_people=3,
               findings="Mốc <b>521</b> bình thường"),
        acting_user=world.admin,
    )
    return segment, marker, patrol


def test_the_main_pages_work_under_the_policy_without_a_violation(live_server, watched: Watched) -> None:
    ensure_reference()
    world = build_world()
    segment, marker, patrol = border_records(world)
    url, page = live_server.url, watched.page
    folder = SHOTS / "security"
    folder.mkdir(parents=True, exist_ok=True)
    sign_in(watched, url, world.admin)
    pages = {
        "home": "/",
        "partnerships": "/partnerships/",
        "partnership": f"/partnerships/{world.hk_nakai.pk}/",
        "partnership-form": "/partnerships/new/",
        "agreement-form": f"/partnerships/agreements/{world.hk_memorandum.pk}/edit/",
        "deliveries": "/tracking/deliveries/",
        "delivery-form": "/tracking/deliveries/new/",
        "places": "/places/",
        "border": "/border/",
        "map": "/border/map/",
        "patrol": f"/border/patrols/{patrol.pk}/",
        "route": f"/border/patrols/{patrol.pk}/route/",
        "marker": f"/border/markers/{marker.pk}/",
        "reports": "/reports/",
        "dashboard": f"/reports/partnerships/{world.hk_nakai.pk}/",
        "intake": "/intake/new/",
        "api-docs": "/api/docs/",
    }
    seen = {}
    for name, path in pages.items():
        response = page.goto(url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if name != "api-docs":  # Redoc keeps laying out its long page: a screenshot of it times out
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        seen[name] = watched.violations()
    # The pages really ran their scripts: Leaflet drew the map, Chart.js the charts, Redoc the API.
    page.goto(f"{url}/border/map/")
    expect(page.locator("#map-status")).to_contain_text("4 mốc")
    page.goto(f"{url}/reports/partnerships/{world.hk_nakai.pk}/")
    assert page.locator("canvas[data-chart]").count() > 0
    page.wait_for_function("() => Array.from(document.querySelectorAll('canvas[data-chart]')).every(c => window.Chart && Chart.getChart(c))")
    page.goto(f"{url}/api/docs/")
    expect(page.get_by_text("BorderTwin API").first).to_be_visible(timeout=60_000)  # the schema is built on request
    # htmx under the policy: typing in a list's search box replaces the table without a page load.
    page.goto(f"{url}/partnerships/")
    page.fill("input[name=q]", "Nghệ An")
    expect(page).to_have_url(re.compile(r"/partnerships/\?q=Ngh%E1%BB%87(%20|\+)An"))
    expect(page.locator("#record-table")).to_contain_text("Nghệ An")
    expect(page.locator("#record-table")).not_to_contain_text("Nakai")
    seen["htmx-search"] = watched.violations()
    # A behaviour moved out of an inline handler: choosing a currency re-totals the deliveries.
    page.goto(f"{url}/tracking/deliveries/")
    page.select_option("select[name=total_in]", "LAK")
    expect(page).to_have_url(re.compile(r"total_in=LAK"))
    seen["deliveries-total"] = watched.violations()
    assert {name: found for name, found in seen.items() if found} == {}
    assert watched.errors == []
    assert [text for text in watched.console if "Failed to load resource" not in text] == []


def hover_the_payload_marker(page: Page, selector: str) -> None:
    page.wait_for_function(f"(selector) => ({GREY_DISC})(selector).count > 10", arg=selector)
    disc = page.evaluate(GREY_DISC, selector)
    page.mouse.move(disc["x"], disc["y"])


@pytest.mark.parametrize("where", ["map", "patrol", "route"])
def test_a_marker_number_written_as_html_stays_text(live_server, watched: Watched, where: str) -> None:
    ensure_reference()
    world = build_world()
    segment, marker, patrol = border_records(world)
    # The payload marker alone stays on the segment, so the one grey disc is the one to point at.
    for other in Marker.objects.filter(segment=segment).exclude(pk=marker.pk):
        core_services.delete_record(other, acting_user=world.admin, reason="Mốc thử")
    url, page = live_server.url, watched.page
    sign_in(watched, url, world.vn_border_officer)
    path, selector = {
        "map": (f"/border/map/?segment={segment.pk}", "#border-map"),
        "patrol": (f"/border/patrols/{patrol.pk}/", "#patrol-map"),
        "route": (f"/border/patrols/{patrol.pk}/route/", "#route-map"),
    }[where]
    page.goto(url + path)
    hover_the_payload_marker(page, selector)
    tooltip = page.locator(".leaflet-tooltip:not(.bt-province-label)")  # the map also names provinces in tooltips
    expect(tooltip).to_have_text(PAYLOAD)
    assert tooltip.locator("img").count() == 0
    page.screenshot(path=str(SHOTS / "security" / f"payload-{where}.png"), full_page=True)
    assert watched.dialogs == []
    assert page.locator(f"{selector} img[src=x]").count() == 0
