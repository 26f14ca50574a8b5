"""Field work with no connection: the outbox (/outbox/) of the installable app, in Debian's chromium.

A Vietnamese border officer opens the outbox once online (the service worker keeps the app shell, the page and
the reference data of their scope), loses the connection (`context.set_offline(True)`), records a joint patrol
with two marker inspections and a photo, reloads the page offline and still finds the form and the entry waiting,
then comes back online: the entry is sent once, and the API shows one patrol with its two inspections. A second
walk edits a record offline that someone changed on the server meanwhile: the outbox shows both versions and the
officer chooses. A third opens the border map offline. Screenshots go to artifacts/browser/offline_*/.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bordertwin.border.models import Incident, Marker, MarkerInspection, Patrol
from bordertwin.border.tests.test_services import PNG
from bordertwin.core import services as core_services
from bordertwin.core.models import Attachment
from bordertwin.partnerships.models import Unit
from bordertwin.testing import PASSWORD, build_world, ensure_reference
from bordertwin.tracking.models import Activity, Delivery

from .conftest import Steps
from .test_patrol_map import build_segment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GEO = Path(__file__).resolve().parents[2] / "bordertwin" / "border" / "static" / "border" / "geo" / "vn-la.geojson"


def sign_in_to_the_outbox(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/outbox/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Hộp thư đi")
    # The worker is installed and keeps the outbox; the scope's reference data is on the device.
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "1")
    expect(page.locator("#offline-app")).to_have_attribute("data-loaded", "1")
    expect(page.locator("#scope-status")).to_contain_text("làm mới lần cuối")
    # From the next visit on, the worker answers for the page (the first may have opened before it was active).
    page.reload()
    expect(page.locator("#offline-app")).to_have_attribute("data-loaded", "1")
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")


def options(name: str, scope: str = "form.offline-form") -> str:
    return f"{scope} [data-field='{name}'] select option"


def field(page: Page, name: str, scope: str = "form.offline-form") -> str:
    return f"{scope} [data-field='{name}'] input, {scope} [data-field='{name}'] select, {scope} [data-field='{name}'] textarea"


def test_a_patrol_with_two_inspections_and_a_photo_recorded_offline_is_sent_once(live_server, officer_page: Page) -> None:
    page = officer_page
    ensure_reference()
    world = build_world()
    segment = build_segment(world)
    markers = {m.number: m for m in Marker.objects.filter(segment=segment)}
    steps = Steps(page, "offline_patrol")
    sign_in_to_the_outbox(page, live_server.url, world.vn_border_officer.username)
    steps.shot("outbox-online")

    page.context.set_offline(True)
    page.reload()
    expect(page.locator("#connection")).to_contain_text("Không có kết nối")
    page.click("#new-entry button[data-kind='patrol']")
    form = page.locator("form.offline-form")
    expect(form.locator("h2")).to_have_text("Tuần tra song phương")
    page.select_option(field(page, "segment"), label="Mốc 521–523")
    page.fill(field(page, "started_at"), "2026-11-30T07:00")
    page.fill(field(page, "ended_at"), "2026-11-30T06:00")
    page.select_option(field(page, "vn_unit"), label="Đồn Biên phòng Phú Gia")
    page.select_option(field(page, "la_unit"), label="Đại đội biên phòng 311")
    page.fill(field(page, "vn_people"), "5")
    page.fill(field(page, "la_people"), "4")
    page.fill(field(page, "findings"), "Mốc 522 nghiêng <b>nhẹ</b> sau mưa lũ")
    # Only Vietnamese border guards are offered as the Vietnamese unit.
    expect(page.locator(options("vn_unit"))).to_have_text(["—", "Đồn Biên phòng Phú Gia"])
    for _ in range(2):
        page.click("button.add-inspection")
    first, second = "fieldset.inspection[data-index='0']", "fieldset.inspection[data-index='1']"
    # The markers offered are the segment's.
    expect(page.locator(options("marker", first))).to_have_count(4)
    page.select_option(field(page, "marker", first), label="521")
    page.select_option(field(page, "condition", first), "good")
    page.select_option(field(page, "marker", second), label="522")
    page.select_option(field(page, "condition", second), "damaged")
    page.fill(field(page, "note", second), "Nghiêng về phía Lào")
    page.set_input_files(f"{second} input[type=file]", files=[{"name": "moc-522.png", "mimeType": "image/png", "buffer": PNG}])
    # The device's position, with its accuracy, for the second inspection.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 18.17, "longitude": 105.62, "accuracy": 12})
    page.click(f"{second} button.gps")
    expect(page.locator(f"{second} .gps-status")).to_have_text("Vị trí 18.170000, 105.620000 (sai số 12 m)")
    expect(page.locator(f"{second} input[type=file]")).to_have_attribute("capture", "environment")
    page.click("form.offline-form button[type=submit]")
    # Checked as it is filled in: a patrol cannot end before it starts; nothing is saved.
    expect(page.locator("form.offline-form [data-error='ended_at']")).to_have_text("Không thể trước “Bắt đầu”.")
    expect(page.locator("form.offline-form .form-errors")).to_have_text("Hãy kiểm tra các trường đánh dấu đỏ.")
    steps.shot("offline-patrol-form-error")
    page.fill(field(page, "ended_at"), "2026-11-30T16:00")
    expect(page.locator("form.offline-form [data-error='ended_at']")).to_have_text("")
    steps.shot("offline-patrol-form")
    page.click("form.offline-form button[type=submit]")
    waiting = page.locator("#waiting li.entry")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("đang chờ gửi")
    expect(waiting).to_contain_text("Kiểm tra mốc 2 (moc-522.png)")
    assert Patrol.objects.count() == 0

    # Reloaded with no connection: the page, its forms and the entry are still there.
    page.reload()
    expect(page.locator("h1")).to_have_text("Hộp thư đi")
    expect(page.locator("#waiting li.entry")).to_have_count(1)
    # The forms a border officer may use (activities and deliveries are the editors').
    expect(page.locator("#new-entry button")).to_have_text(["Tuần tra song phương", "Kiểm tra mốc", "Vụ việc"])
    steps.shot("outbox-offline-waiting")

    page.context.set_offline(False)
    sent = page.locator("#sent li.entry")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text("đã gửi")
    expect(page.locator("#waiting li.entry")).to_have_count(0)
    page.click("#send-now")  # a second press sends nothing twice
    steps.shot("outbox-sent")

    patrols = page.request.get(f"{live_server.url}/api/v1/patrols/").json()
    assert patrols["count"] == 1
    patrol = patrols["features"][0]
    assert patrol["properties"]["findings"] == "Mốc 522 nghiêng <b>nhẹ</b> sau mưa lũ"
    assert patrol["properties"]["segment"] == segment.pk
    inspections = page.request.get(f"{live_server.url}/api/v1/inspections/", params={"patrol": patrol["id"]}).json()
    assert inspections["count"] == 2
    found = {row["marker"]: row["condition"] for row in inspections["results"]}
    assert found == {markers["521"].pk: "good", markers["522"].pk: "damaged"}
    assert Patrol.objects.count() == 1 and MarkerInspection.objects.count() == 2
    photo = MarkerInspection.objects.get(marker=markers["522"])
    assert "18.170000, 105.620000 (sai số 12 m)" in photo.note
    assert Attachment.objects.filter(object_id=photo.pk, name="moc-522.png").count() == 1
    # The device's text was shown as text, never as markup.
    expect(page.locator("#sent li.entry b")).to_have_count(0)


def test_an_offline_edit_of_a_record_changed_meanwhile_shows_both_versions_and_the_officer_chooses(
    live_server, officer_page: Page,
) -> None:
    page = officer_page
    ensure_reference()
    world = build_world()
    segment = build_segment(world)
    steps = Steps(page, "offline_conflict")
    sign_in_to_the_outbox(page, live_server.url, world.vn_border_officer.username)
    officer = world.vn_border_officer.pk

    page.click("#new-entry button[data-kind='inspection']")
    page.select_option(field(page, "marker"), label="523(1)")  # chosen before the segment: the segment is checked
    page.select_option(field(page, "segment"), label=segment.name)
    steps.shot("inspection-form")
    page.click("form.offline-form button:text('Hủy')")
    page.click("#new-entry button[data-kind='incident']")
    page.select_option(field(page, "partnership"), label=str(world.hk_nakai))
    steps.shot("incident-form")
    page.select_option(field(page, "segment"), label=segment.name)
    page.select_option(field(page, "category"), "smuggling")
    page.fill(field(page, "occurred_at"), "2026-11-29T22:15")
    page.fill(field(page, "description"), "Hai người mang hàng qua đường mòn")
    page.click("form.offline-form button[type=submit]")
    # Refused by the server (no place given): back in the outbox with the reason, in the officer's language.
    refused = page.locator("#attention li.entry.refused")
    expect(refused).to_contain_text("Hãy cho biết nơi xảy ra")
    steps.shot("refused")
    refused.locator("button.fix").click()
    page.select_option(field(page, "nearest_marker"), label="522")
    page.click("form.offline-form button[type=submit]")
    expect(page.locator("#sent li.entry")).to_have_count(1)
    expect(page.locator("#attention li.entry")).to_have_count(0)
    incident = Incident.objects.get()

    # Meanwhile, on the server, someone else corrects the description.
    incident.description = "Ba người mang hàng qua đường mòn, đã lập biên bản"
    core_services.save_record(incident, acting_user=world.admin)

    page.context.set_offline(True)
    page.click("#sent li.entry button.edit")
    page.fill(field(page, "description"), "Hai người, một xe máy")
    page.click("form.offline-form button[type=submit]")
    expect(page.locator("#waiting li.entry")).to_have_count(1)
    page.context.set_offline(False)

    conflict = page.locator("#attention li.entry.conflict")
    expect(conflict).to_have_count(1)
    expect(conflict).to_contain_text("đã bị thay đổi trên máy chủ trong lúc đó")
    row = conflict.locator("tr[data-field='description']")
    expect(row.locator("td.mine")).to_have_text("Hai người, một xe máy")
    expect(row.locator("td.theirs")).to_have_text("Ba người mang hàng qua đường mòn, đã lập biên bản")
    steps.shot("conflict")
    incident.refresh_from_db()
    assert incident.description == "Ba người mang hàng qua đường mòn, đã lập biên bản"  # never overwritten silently
    # Signing out with an entry not settled warns first; the officer stays.
    with page.expect_event("dialog") as shown:
        page.click("form[data-offline-signout] button")
    assert "1 mục nhập trên thiết bị này chưa được gửi" in shown.value.message
    shown.value.dismiss()
    expect(conflict).to_have_count(1)

    conflict.locator("button.keep-mine").click()
    expect(page.locator("#sent li.entry")).to_have_count(1)
    expect(page.locator("#attention li.entry")).to_have_count(0)
    steps.shot("conflict-resolved")
    incident.refresh_from_db()
    assert incident.description == "Hai người, một xe máy"
    assert Incident.objects.count() == 1

    # Signing out clears the officer's scope and the copies of what was sent from this shared device.
    page.click("form[data-offline-signout] button")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    left = page.evaluate("(user) => Promise.all([BTOffline.scope(user), BTOffline.entries(user)])", officer)
    assert left == [None, []]


def test_the_border_map_opens_offline_with_the_border_and_the_provinces(live_server, officer_page: Page) -> None:
    page = officer_page
    ensure_reference()
    world = build_world()
    build_segment(world)
    steps = Steps(page, "offline_map")
    sign_in_to_the_outbox(page, live_server.url, world.vn_border_officer.username)
    page.goto(f"{live_server.url}/border/map/")
    expect(page.locator("#border-map path.bt-border")).to_have_count(1)
    expect(page.locator("#map-status")).to_contain_text("3 mốc")

    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text("Bản đồ biên giới")
    expect(page.locator("#border-map path.bt-border")).to_have_count(1)
    expect(page.locator("#border-map path.bt-country")).to_have_count(2)
    assert page.locator("#border-map path.bt-province").count() > 60
    expect(page.locator("#map-status")).to_contain_text("3 mốc")
    steps.shot("map-offline")


def test_province_names_on_the_map_are_names_without_natural_earths_editorial_brackets() -> None:
    provinces = [f["properties"] for f in json.loads(GEO.read_text())["features"] if f["properties"]["layer"] == "province"]
    assert not [p for p in provinces if "[" in p["name"] + p["name_vi"]]
    names = {(p["name"], p["name_vi"]) for p in provinces if p["iso"] == "LA-VI"}
    assert names == {("Vientiane", "Viêng Chăn"), ("Vientiane Prefecture", "Thủ đô Viêng Chăn")}


def test_an_editor_records_an_activity_and_a_delivery_offline(live_server, officer_page: Page) -> None:
    page = officer_page
    ensure_reference()
    world = build_world()
    steps = Steps(page, "offline_editor")
    sign_in_to_the_outbox(page, live_server.url, world.vn_province_editor.username)
    expect(page.locator("#new-entry button")).to_have_text(["Hoạt động", "Khoản hỗ trợ"])

    page.context.set_offline(True)
    page.click("#new-entry button[data-kind='activity']")
    page.select_option(field(page, "partnership"), label=str(world.hk_nakai))
    page.select_option(field(page, "kind"), index=1)
    page.fill(field(page, "title"), "Giao lưu văn nghệ tại bản Noỏng Mạ")
    page.fill(field(page, "started_on"), "2026-11-28")
    page.click("form.offline-form button[type=submit]")
    page.click("#new-entry button[data-kind='delivery']")
    page.select_option(field(page, "partnership"), label=str(world.hk_nakai))
    # Only the chosen partnership's commitments are offered.
    expect(page.locator(options("commitment"))).to_have_count(2)
    page.select_option(field(page, "commitment"), str(world.hk_commitment.pk))
    page.select_option(field(page, "category"), "livestock")
    page.fill(field(page, "item"), "Bò nái")
    page.fill(field(page, "quantity"), "9")
    page.select_option(field(page, "giver_side"), "VN")
    page.fill(field(page, "delivered_on"), "2026-11-28")
    steps.shot("delivery-form")
    page.click("form.offline-form button[type=submit]")
    expect(page.locator("#waiting li.entry")).to_have_count(2)
    steps.shot("outbox-waiting")

    page.context.set_offline(False)
    # The activity goes; the delivery comes back: a quantity needs its unit.
    refused = page.locator("#attention li.entry.refused")
    expect(refused).to_contain_text("Số lượng phải có cả con số và đơn vị tính.")
    expect(page.locator("#sent li.entry")).to_have_count(1)
    steps.shot("delivery-refused")
    refused.locator("button.fix").click()
    page.select_option(field(page, "unit"), str(Unit.objects.get(code="head").pk))
    page.click("form.offline-form button[type=submit]")
    expect(page.locator("#sent li.entry")).to_have_count(2)
    assert Activity.objects.get().title == "Giao lưu văn nghệ tại bản Noỏng Mạ"
    delivery = Delivery.objects.get()
    assert (delivery.item, delivery.commitment_id, delivery.quantity) == ("Bò nái", world.hk_commitment.pk, 9)
