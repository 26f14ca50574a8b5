"""A Vietnamese border officer records a patrol and two marker inspections, then sees the map change.

Runs Debian's chromium (never a downloaded one) against pytest-django's live server. The border map
draws its markers on a canvas (Leaflet, vendored, no tiles), so the test reads the colours the
user sees from the canvas pixels, and clicks the red marker to read its popup. Each step leaves a
full-page screenshot in artifacts/browser/patrol_map/.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from bordertwin.border.models import Marker, MarkerInspection, Patrol, Segment
from bordertwin.core import services as core_services
from bordertwin.places.models import Organisation
from bordertwin.testing import PASSWORD, build_world, ensure_reference, place

from .conftest import Steps

# The fill colours of bordertwin/border/static/border/map.js ("colour by last known condition").
DAMAGED = (0xC6, 0x28, 0x28)
GOOD = (0x2E, 0x7D, 0x32)
NEVER = (0x9E, 0x9E, 0x9E)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Where pixels of one colour sit on the map's canvas, in page coordinates: their count and centre.
# Markers are filled at 0.9 opacity over a transparent canvas, so their RGB reads back almost exact.
PIXELS_OF = """([r, g, b]) => {
  const canvas = document.querySelector('#border-map canvas');
  if (!canvas || !canvas.width) { return {count: 0}; }
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0, sx = 0, sy = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 150 && Math.abs(data[i] - r) <= 4 && Math.abs(data[i + 1] - g) <= 4 && Math.abs(data[i + 2] - b) <= 4) {
      const p = i / 4;
      count += 1; sx += p % canvas.width; sy += Math.floor(p / canvas.width);
    }
  }
  if (!count) { return {count: 0}; }
  const box = canvas.getBoundingClientRect();
  return {count: count, x: box.left + (sx / count) * box.width / canvas.width,
          y: box.top + (sy / count) * box.height / canvas.height};
}"""


def pixels(page: Page, colour: tuple[int, int, int]) -> dict:
    return page.evaluate(PIXELS_OF, list(colour))


def wait_for_colour(page: Page, colour: tuple[int, int, int]) -> dict:
    # A function, not an expression string: Playwright would eval a string, which the page's CSP refuses.
    page.wait_for_function(f"(colour) => ({PIXELS_OF})(colour).count > 20", arg=list(colour))
    return pixels(page, colour)


def build_segment(world) -> Segment:  # type: ignore[no-untyped-def]
    """The Hương Khê–Nakai segment of the border tests (markers 521, 522, 523(1)), saved through the services."""

    def save(obj):  # type: ignore[no-untyped-def]
        return core_services.save_record(obj, acting_user=world.admin)

    vn_post = save(Organisation(name_vi="Đồn Biên phòng Phú Gia", kind="border_guard_post", place=place("VN-2008-D444")))
    la_post = save(Organisation(name_vi="Đại đội biên phòng 311", kind="border_guard_company", place=place("LA-D-NAKAI")))
    segment = save(Segment(partnership=world.hk_nakai, name="Mốc 521–523", vn_post=vn_post, la_post=la_post, length_km=Decimal("12.5")))
    for number, lat, lon, kind in [
        ("521", "18.150000", "105.600000", "main"),
        ("522", "18.170000", "105.620000", "main"),
        ("523(1)", "18.190000", "105.640000", "secondary"),
    ]:
        save(Marker(segment=segment, number=number, latitude=Decimal(lat), longitude=Decimal(lon), marker_type=kind))
    return segment


def test_a_border_officer_inspects_markers_and_the_map_recolours_the_damaged_one(live_server, officer_page: Page) -> None:
    page = officer_page
    ensure_reference()
    world = build_world()
    segment = build_segment(world)
    markers = {m.number: m for m in Marker.objects.filter(segment=segment)}
    steps = Steps(page, "patrol_map")
    url = live_server.url

    page.goto(f"{url}/border/map/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", world.vn_border_officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Bản đồ biên giới")
    expect(page.locator("#map-legend")).to_contain_text("Hư hỏng")
    expect(page.locator("#map-status")).to_have_text("3 mốc · 0 chuyến tuần tra · 0 vụ việc")
    # Before any inspection every marker is drawn grey ("never inspected"), none red.
    assert wait_for_colour(page, NEVER)["count"] > 60
    assert pixels(page, DAMAGED)["count"] == 0
    assert pixels(page, GOOD)["count"] == 0
    steps.shot("map-before")

    page.goto(f"{url}/border/patrols/new/?segment={segment.pk}")
    expect(page.locator("#id_segment")).to_have_value(str(segment.pk))
    page.select_option("#id_kind", "joint")
    page.fill("#id_started_at", "2026-11-20T07:30")
    page.fill("#id_ended_at", "2026-11-20T16:00")
    page.select_option("#id_vn_unit", label="Đồn Biên phòng Phú Gia")
    page.select_option("#id_la_unit", label="Đại đội biên phòng 311")
    page.fill("#id_vn_people", "5")
    page.fill("#id_la_people", "3")
    page.fill("#id_vn_names", "Thiếu úy Trần Văn B")
    page.fill("#id_findings", "Mốc 521 bị nứt chân đế sau mưa lũ.")
    steps.shot("new-patrol")
    page.click("button.primary")
    expect(page.get_by_role("link", name="Ghi kết quả kiểm tra mốc")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Đồn Biên phòng Phú Gia")
    steps.shot("patrol")
    patrol = Patrol.objects.get(segment=segment)

    page.get_by_role("link", name="Ghi kết quả kiểm tra mốc").click()
    expect(page.locator("h1")).to_have_text("Ghi kết quả kiểm tra mốc")
    expect(page.locator("#id_inspected_on")).to_have_value("2026-11-20")
    page.select_option("#id_marker", str(markers["521"].pk))
    page.select_option("#id_condition", "damaged")
    page.fill("#id_note", "Nứt chân đế, cần sửa chữa")
    steps.shot("inspect-521")
    page.get_by_role("button", name="Lưu và kiểm tra mốc khác").click()
    expect(page.locator("body")).to_contain_text("Đã lưu kết quả kiểm tra")
    # The marker just inspected is no longer offered.
    expect(page.locator(f"#id_marker option[value='{markers['521'].pk}']")).to_have_count(0)
    page.select_option("#id_marker", str(markers["522"].pk))
    page.select_option("#id_condition", "good")
    page.click("button.primary")
    rows = page.locator("table.records tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="521")).to_contain_text("Hư hỏng")
    expect(rows.filter(has_text="522")).to_contain_text("Tốt")
    steps.shot("patrol-inspected")
    assert MarkerInspection.objects.filter(patrol=patrol).count() == 2

    page.goto(f"{url}/border/map/")
    expect(page.locator("h1")).to_have_text("Bản đồ biên giới")
    expect(page.locator("#map-status")).to_have_text("3 mốc · 1 chuyến tuần tra · 0 vụ việc")
    red = wait_for_colour(page, DAMAGED)
    green = wait_for_colour(page, GOOD)
    grey = wait_for_colour(page, NEVER)
    # One marker of each: 521 red (damaged), 522 green (good), 523(1) still grey; each a similar disc.
    assert red["count"] > 60 and green["count"] > 60 and grey["count"] > 60
    assert max(red["count"], green["count"], grey["count"]) < 2 * min(red["count"], green["count"], grey["count"])
    # 521 lies furthest south-west: the red disc is below and left of the green one.
    assert red["x"] < green["x"] < grey["x"]
    assert red["y"] > green["y"] > grey["y"]
    steps.shot("map-after")

    page.mouse.click(red["x"], red["y"])
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("521")
    expect(popup).to_contain_text("Hư hỏng · 2026-11-20")
    steps.shot("map-popup-521")
