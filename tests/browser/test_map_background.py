"""The border map draws the Viet Nam–Laos border line, both countries and their provinces with names,
beneath the segments and markers, with every request that leaves this machine refused: no tiles, no
fonts, nothing from elsewhere.

The background is the shipped bordertwin/border/static/border/geo/vn-la.geojson, drawn by map.js as
SVG paths with the classes bt-border, bt-country and bt-province. The markers stay on their canvas
above it. The screenshot goes to artifacts/browser/map_background/.
"""

import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Route, expect

from bordertwin.testing import PASSWORD, build_world, ensure_reference

from .conftest import TIMEOUT_MS, Steps
from .test_patrol_map import NEVER, build_segment, wait_for_colour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GEO = Path(__file__).resolve().parents[2] / "bordertwin" / "border" / "static" / "border" / "geo" / "vn-la.geojson"
LOCAL = {"localhost", "127.0.0.1", "::1"}


def test_the_map_draws_the_border_the_countries_and_the_provinces_with_the_network_blocked(live_server, officer_page: Page) -> None:
    page = officer_page
    refused: list[str] = []

    def only_this_machine(route: Route) -> None:
        if urlparse(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_this_machine)
    ensure_reference()
    world = build_world()
    build_segment(world)
    provinces = sum(1 for f in json.loads(GEO.read_text())["features"] if f["properties"]["layer"] == "province")

    page.goto(f"{live_server.url}/border/map/")
    page.fill("#id_username", world.vn_border_officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Bản đồ biên giới")
    expect(page.locator("#border-map path.bt-border")).to_have_count(1)
    expect(page.locator("#border-map path.bt-country")).to_have_count(2)
    expect(page.locator("#border-map path.bt-province")).to_have_count(provinces)
    assert page.locator("#border-map path.bt-province-VN").count() > 50
    assert page.locator("#border-map path.bt-province-LA").count() > 10
    # The segment's markers (Hương Khê–Nakai) sit above the background, on the canvas, still grey.
    assert wait_for_colour(page, NEVER)["count"] > 60
    expect(page.locator("#map-status")).to_have_text("3 mốc · 0 chuyến tuần tra · 0 vụ việc")
    # The segment is a line through its markers, beneath them.
    expect(page.locator("#border-map path.bt-segment")).to_have_count(1)
    expect(page.locator("#border-map path.bt-segment")).to_have_attribute("d", re.compile(r"^M\S+ \S+L"))
    # The view fits the markers (zoom 14, a few km); at zoom 8 the border nearby shows.
    zoom_out_to(page, 8)
    expect(page.locator("#border-map path.bt-border")).to_have_attribute("d", re.compile(r"^M.{200,}"))
    # Provinces on both sides are named, in Vietnamese on a Vietnamese page, as text.
    expect(page.locator(".bt-province-label", has_text=re.compile(r"^Hà Tĩnh$"))).to_be_visible()
    expect(page.locator(".bt-province-label", has_text=re.compile(r"^Khammuane$"))).to_be_visible()
    Steps(page, "map_background").shot("border-provinces-markers")
    # Further out, the names give way to the shapes.
    zoom_out_to(page, 6)
    expect(page.locator(".bt-province-label")).to_have_count(0)
    assert refused == []


# The map's zoom, read from the scale Leaflet gives its proxy element (2 ** (zoom - 1)), once no zoom is animating.
ZOOM = """() => {
  if (document.querySelector('#border-map .leaflet-map-pane.leaflet-zoom-anim')) { return null; }
  const scale = /scale\\(([^)]+)\\)/.exec(document.querySelector('#border-map .leaflet-proxy').style.transform);
  return scale ? Math.round(Math.log2(parseFloat(scale[1]))) + 1 : null;
}"""


def zoom_out_to(page: Page, zoom: int) -> None:
    """Click Leaflet's "zoom out" one step at a time until the map is at that zoom (a click during a zoom's animation is dropped)."""
    now = page.wait_for_function(ZOOM).json_value()
    while now > zoom:
        page.locator("#border-map .leaflet-control-zoom-out").click()
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while page.evaluate(ZOOM) != now - 1:
            assert time.monotonic() < deadline, f"the map did not zoom out from {now}"
            page.wait_for_timeout(50)
        now -= 1
