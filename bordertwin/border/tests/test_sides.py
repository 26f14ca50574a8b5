"""One side's patrols, their inspections, files and history stay with that side until it shares them.

The other side then reads them (its findings, not the names of its people), from the
moment of sharing on, and never changes or deletes them. A joint patrol is both sides'.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bordertwin import access
from bordertwin.border import alerts, services
from bordertwin.border.models import Incident, MarkerInspection, Patrol
from bordertwin.border.reporting import border_summary
from bordertwin.core import services as core_services
from bordertwin.core.models import Attachment

from .conftest import at
from .test_services import PNG

pytestmark = pytest.mark.django_db

FINDINGS = "Phát hiện đường mòn mới qua mốc 522"
NAMES = "Đại úy Lê Văn Cường"
DRAFT = "Bản nháp: nghi có người vượt biên trái phép"


@pytest.fixture
def vn_patrol(world, border):
    """A patrol of the Vietnamese post alone, recorded by the Vietnamese border officer, not shared."""
    return services.save_patrol(Patrol(
        partnership=world.hk_nakai, segment=border.segment, kind="one_sided", started_at=at(2025, 5, 4),
        vn_unit=border.vn_post, vn_people=5, vn_names=NAMES, findings=FINDINGS,
    ), acting_user=world.vn_border_officer)


@pytest.fixture
def inspection(world, border, vn_patrol):
    """The one-sided patrol found marker 521 damaged, and took a photo."""
    return services.record_inspection(
        border.markers[0], acting_user=world.vn_border_officer, condition="damaged", inspected_on=datetime.date(2025, 5, 4),
        patrol=vn_patrol, note="Chân mốc bị nứt", photo=SimpleUploadedFile("moc-521.png", PNG, content_type="image/png"),
    )


def history_url(obj) -> str:
    return reverse("core:record_history", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def exported_patrols(client) -> int:
    """The rows of the patrol list's CSV export, its header left out."""
    lines = b"".join(client.get("/border/patrols/", {"export": "csv"}).streaming_content).decode("utf-8-sig").splitlines()
    return len([line for line in lines if line.strip()]) - 1


def the_other_side(world, border):
    return (border.la_officer, world.la_administrator)


# Patrols


def test_a_one_sided_patrol_is_its_sides_alone_until_shared(api, world, border, vn_patrol):
    url = f"/api/v1/patrols/{vn_patrol.pk}/"
    for person in the_other_side(world, border):
        api.force_authenticate(person)
        assert vn_patrol.pk not in [f["id"] for f in api.get("/api/v1/patrols/").json()["features"]]
        assert api.get("/api/v1/patrols/", {"q": "đường mòn"}).json()["count"] == 0
        assert api.get(url).status_code == 404
        assert api.patch(url, {"findings": "Đã xem"}, format="json").status_code == 404
        assert api.delete(url).status_code == 404
        assert api.post(f"{url}share/", {}, format="json").status_code == 404
        assert api.post(f"{url}route/", {"route": {"type": "LineString", "coordinates": [[105.6, 18.15], [105.61, 18.16]]}},
                        format="json").status_code == 404
    api.force_authenticate(world.vn_border_officer)
    assert api.get(url).json()["properties"]["vn_names"] == NAMES
    patrol = Patrol.objects.get(pk=vn_patrol.pk)
    assert (patrol.findings, patrol.deleted_at, patrol.route_geojson) == (FINDINGS, None, "")
    assert (patrol.owning_side, patrol.shared_at) == ("VN", None)


def test_once_shared_the_other_side_reads_the_findings_not_the_names_and_never_changes_it(api, world, border, vn_patrol):
    url = f"/api/v1/patrols/{vn_patrol.pk}/"
    api.force_authenticate(world.vn_border_officer)
    shared = api.post(f"{url}share/", {"note": "Thông báo phía Bạn"}, format="json").json()["properties"]
    assert shared["shared_at"] is not None and shared["owning_side"] == "VN"
    for person in the_other_side(world, border):
        api.force_authenticate(person)
        properties = api.get(url).json()["properties"]
        assert properties["findings"] == FINDINGS
        assert properties["vn_names"] is None
        assert api.get("/api/v1/patrols/", {"q": "đường mòn"}).json()["count"] == 1
        assert api.patch(url, {"findings": "Đã xem"}, format="json").status_code == 403
        assert api.delete(url).status_code == 403
        assert api.post(f"{url}share/", {}, format="json").status_code == 403
        assert api.post(f"{url}route/", {"route": {"type": "LineString", "coordinates": [[105.6, 18.15], [105.61, 18.16]]}},
                        format="json").status_code == 403
    # Ordering by the participants' names is not offered: the newest patrol stays first.
    ordered = api.get("/api/v1/patrols/", {"ordering": "-la_names"}).json()["features"]
    assert [f["id"] for f in ordered] == [vn_patrol.pk, border.patrol.pk]
    patrol = Patrol.objects.get(pk=vn_patrol.pk)
    assert (patrol.findings, patrol.deleted_at, patrol.route_geojson) == (FINDINGS, None, "")


def test_the_other_sides_pages_answer_404_until_shared_then_show_it_without_names(client, world, border, vn_patrol):
    client.force_login(border.la_officer)
    for suffix in ("", "edit/", "delete/", "route/", "inspect/"):
        assert client.get(f"/border/patrols/{vn_patrol.pk}/{suffix}").status_code == 404, suffix
    assert client.post(f"/border/patrols/{vn_patrol.pk}/share/").status_code == 404
    assert exported_patrols(client) == 1  # the joint one
    assert f"/border/patrols/{vn_patrol.pk}/" not in client.get("/border/patrols/", {"q": "đường mòn"}).content.decode()
    assert client.get(history_url(vn_patrol)).status_code == 404
    client.force_login(world.vn_border_officer)
    page = client.get(f"/border/patrols/{vn_patrol.pk}/").content.decode()
    assert NAMES in page and reverse("border:patrol_share", args=[vn_patrol.pk]) in page
    response = client.post(f"/border/patrols/{vn_patrol.pk}/share/", {"change_reason": "Gửi phía Bạn"})
    assert response.status_code == 302
    assert reverse("border:patrol_share", args=[vn_patrol.pk]) not in client.get(f"/border/patrols/{vn_patrol.pk}/").content.decode()
    client.force_login(border.la_officer)
    page = client.get(f"/border/patrols/{vn_patrol.pk}/").content.decode()
    assert FINDINGS in page and NAMES not in page
    assert f"/border/patrols/{vn_patrol.pk}/edit/" not in page
    assert client.get(f"/border/patrols/{vn_patrol.pk}/edit/").status_code == 403
    assert client.post(f"/border/patrols/{vn_patrol.pk}/delete/", {"change_reason": "x"}).status_code == 403
    assert exported_patrols(client) == 2
    assert f"/border/patrols/{vn_patrol.pk}/" in client.get("/border/patrols/", {"q": "đường mòn"}).content.decode()
    assert Patrol.objects.filter(pk=vn_patrol.pk, deleted_at__isnull=True).exists()


def test_sharing_is_the_owning_sides_act_and_happens_once(world, border, vn_patrol):
    services.share_patrol(vn_patrol, acting_user=world.vn_border_officer)
    with pytest.raises(ValidationError, match="already shared"):
        services.share_patrol(vn_patrol, acting_user=world.vn_border_officer)
    with pytest.raises(ValidationError, match="already both sides"):
        services.share_patrol(border.patrol, acting_user=world.vn_border_officer)
    assert not access.can(border.la_officer, access.CHANGE, vn_patrol)


def test_a_joint_patrol_is_both_sides_to_read_and_change(api, world, border):
    assert border.patrol.owning_side == ""
    api.force_authenticate(border.la_officer)
    url = f"/api/v1/patrols/{border.patrol.pk}/"
    assert api.get(url).json()["properties"]["vn_names"] == "Trung úy Nguyễn Văn A"
    assert api.patch(url, {"findings": "Mốc 521 nghiêng nhẹ"}, format="json").status_code == 200
    api.force_authenticate(world.vn_border_officer)
    assert api.get(url).json()["properties"]["findings"] == "Mốc 521 nghiêng nhẹ"


def test_an_officer_records_their_own_sides_patrols_and_joint_ones_only(api, world, border):
    payload = {"segment": border.segment.pk, "kind": "one_sided", "started_at": "2025-09-10T07:00:00+07:00", "la_people": 4}
    api.force_authenticate(border.la_officer)
    response = api.post("/api/v1/patrols/", dict(payload, vn_unit=border.vn_post.pk), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "name a unit of your side" in str(response.json()["vn_unit"])
    own = api.post("/api/v1/patrols/", dict(payload, la_unit=border.la_post.pk), format="json").json()
    assert own["properties"]["owning_side"] == "LA"
    joint = api.post("/api/v1/patrols/", dict(payload, kind="joint", la_unit=border.la_post.pk, vn_unit=border.vn_post.pk, vn_people=3),
                     format="json").json()
    assert joint["properties"]["owning_side"] == ""
    without_units = api.post("/api/v1/patrols/", payload, format="json").json()
    assert without_units["properties"]["owning_side"] == "LA"
    api.force_authenticate(world.vn_border_officer)
    seen = {f["id"] for f in api.get("/api/v1/patrols/").json()["features"]}
    assert joint["id"] in seen and own["id"] not in seen and without_units["id"] not in seen


def test_a_joint_patrol_that_loses_a_unit_stays_readable_by_the_side_that_read_it(api, world, border):
    api.force_authenticate(border.la_officer)
    url = f"/api/v1/patrols/{border.patrol.pk}/"
    response = api.patch(url, {"la_unit": None}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "name a unit of your side" in str(response.json())
    assert api.patch(url, {"vn_unit": None}, format="json").status_code == 200
    patrol = Patrol.objects.get(pk=border.patrol.pk)
    assert patrol.owning_side == "LA" and patrol.shared_at is not None
    api.force_authenticate(world.vn_border_officer)
    assert api.get(url).status_code == 200
    assert api.patch(url, {"findings": "x"}, format="json").status_code == 403


# Inspections, files, map data, alerts and reports


def test_inspections_and_their_photos_follow_their_patrol(api, client, world, border, vn_patrol, inspection):
    photo = Attachment.objects.get(object_id=inspection.pk, content_type=ContentType.objects.get_for_model(MarkerInspection))
    marker = border.markers[0]
    api.force_authenticate(border.la_officer)
    client.force_login(border.la_officer)
    assert api.get("/api/v1/inspections/").json()["count"] == 0
    assert api.get(f"/api/v1/inspections/{inspection.pk}/").status_code == 404
    assert api.delete(f"/api/v1/inspections/{inspection.pk}/").status_code == 404
    assert api.get(f"/api/v1/markers/{marker.pk}/").json()["properties"]["last_condition"] is None
    assert "Chân mốc bị nứt" not in client.get(f"/border/markers/{marker.pk}/").content.decode()
    assert client.get(reverse("core:attachment_download", args=[photo.pk])).status_code == 404
    assert client.get(history_url(inspection)).status_code == 404
    assert marker in alerts.markers_due(border.la_officer, today=datetime.date(2025, 5, 10))
    services.share_patrol(vn_patrol, acting_user=world.vn_border_officer)
    assert api.get("/api/v1/inspections/").json()["count"] == 1
    assert api.get(f"/api/v1/markers/{marker.pk}/").json()["properties"]["last_condition"] == "damaged"
    assert "Chân mốc bị nứt" in client.get(f"/border/markers/{marker.pk}/").content.decode()
    assert client.get(reverse("core:attachment_download", args=[photo.pk])).status_code == 200
    assert marker not in alerts.markers_due(border.la_officer, today=datetime.date(2025, 5, 10))
    assert api.delete(f"/api/v1/inspections/{inspection.pk}/").status_code == 403
    assert client.post(reverse("core:attachment_remove", args=[photo.pk])).status_code == 403
    assert MarkerInspection.objects.filter(pk=inspection.pk).exists()


def test_an_inspection_outside_a_patrol_stays_with_the_side_that_made_it(api, world, border):
    visit = services.record_inspection(
        border.markers[1], acting_user=world.vn_border_officer, condition="tilted", inspected_on=datetime.date(2025, 6, 1),
    )
    assert visit.recorded_by_side == "VN"
    api.force_authenticate(world.viewer)
    assert api.get("/api/v1/inspections/").json()["count"] == 1
    api.force_authenticate(border.la_officer)
    assert api.get("/api/v1/inspections/").json()["count"] == 0


def test_reports_count_only_what_the_reader_may_see(world, border, vn_patrol):
    period = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert border_summary(world.hk_nakai, *period, user=world.vn_border_officer)["patrols_held"] == 2
    assert border_summary(world.hk_nakai, *period, user=border.la_officer)["patrols_held"] == 1
    services.share_patrol(vn_patrol, acting_user=world.vn_border_officer)
    assert border_summary(world.hk_nakai, *period, user=border.la_officer)["patrols_held"] == 2


# History


def test_the_history_of_a_shared_patrol_starts_when_it_was_shared(client, world, border, vn_patrol):
    officer = world.vn_border_officer
    vn_patrol.findings = DRAFT
    core_services.save_record(vn_patrol, acting_user=officer)
    vn_patrol.findings = FINDINGS
    services.save_patrol(vn_patrol, acting_user=officer)
    core_services.add_note(vn_patrol, acting_user=officer, text="Ghi chú nội bộ trước khi chia sẻ")
    services.share_patrol(vn_patrol, acting_user=officer, note="Gửi phía Bạn")
    core_services.add_note(vn_patrol, acting_user=officer, text="Phía Bạn đã nhận thông báo")
    client.force_login(border.la_officer)
    history = client.get(history_url(vn_patrol)).content.decode()
    assert DRAFT not in history and "Gửi phía Bạn" in history
    page = client.get(f"/border/patrols/{vn_patrol.pk}/").content.decode()
    assert "Ghi chú nội bộ trước khi chia sẻ" not in page and "Phía Bạn đã nhận thông báo" in page
    client.force_login(officer)
    assert DRAFT in client.get(history_url(vn_patrol)).content.decode()
    assert "Ghi chú nội bộ trước khi chia sẻ" in client.get(f"/border/patrols/{vn_patrol.pk}/").content.decode()


def test_the_history_of_a_shared_incident_starts_when_it_was_shared(api, client, world, border, vn_incident):
    officer = world.vn_border_officer
    first = vn_incident.description
    vn_incident.description = "Phát hiện 2 người vận chuyển ma túy, đã bắt giữ 1 người"
    core_services.save_record(vn_incident, acting_user=officer)
    services.move_incident(vn_incident, "shared", acting_user=officer, note="Thông báo phía Bạn")
    client.force_login(border.la_officer)
    history = client.get(history_url(vn_incident)).content.decode()
    assert first not in history and "Thông báo phía Bạn" in history
    page = client.get(f"/border/incidents/{vn_incident.pk}/").content.decode()
    assert "Báo cáo ban đầu" not in page and "Thông báo phía Bạn" in page
    api.force_authenticate(border.la_officer)
    steps = api.get(f"/api/v1/incidents/{vn_incident.pk}/").json()["properties"]["steps"]
    assert [step["to_status"] for step in steps] == ["shared"]
    client.force_login(officer)
    assert first in client.get(history_url(vn_incident)).content.decode()
    assert "Báo cáo ban đầu" in client.get(f"/border/incidents/{vn_incident.pk}/").content.decode()


def test_a_shared_incident_does_not_lead_to_a_patrol_the_reader_may_not_see(api, client, world, border, vn_patrol):
    incident = services.report_incident(Incident(
        partnership=world.hk_nakai, segment=border.segment, patrol=vn_patrol, category="illegal_crossing", occurred_at=at(2025, 5, 4),
        nearest_marker=border.markers[1], description="Dấu chân qua mốc 522",
    ), acting_user=world.vn_border_officer)
    services.move_incident(incident, "shared", acting_user=world.vn_border_officer, note="Thông báo phía Bạn")
    api.force_authenticate(border.la_officer)
    assert api.get(f"/api/v1/incidents/{incident.pk}/").json()["properties"]["patrol"] is None
    client.force_login(border.la_officer)
    assert f"/border/patrols/{vn_patrol.pk}/" not in client.get(f"/border/incidents/{incident.pk}/").content.decode()
    services.share_patrol(vn_patrol, acting_user=world.vn_border_officer)
    assert api.get(f"/api/v1/incidents/{incident.pk}/").json()["properties"]["patrol"] == vn_patrol.pk
