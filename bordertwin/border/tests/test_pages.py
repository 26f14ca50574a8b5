import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bordertwin.border import services
from bordertwin.border.models import Incident, Marker, MarkerInspection, Patrol

from .test_services import PNG, gpx

pytestmark = pytest.mark.django_db


def test_every_border_page_renders_for_a_border_officer(client, world, border, vn_incident):
    client.force_login(world.vn_border_officer)
    marker, patrol, segment = border.markers[0], border.patrol, border.segment
    for url in [
        "/border/", "/border/map/", "/border/segments/", f"/border/segments/{segment.pk}/", f"/border/segments/{segment.pk}/edit/",
        "/border/segments/new/", "/border/markers/", f"/border/markers/{marker.pk}/", f"/border/markers/{marker.pk}/edit/",
        "/border/markers/new/", "/border/patrols/", f"/border/patrols/{patrol.pk}/", f"/border/patrols/{patrol.pk}/edit/",
        "/border/patrols/new/", f"/border/patrols/{patrol.pk}/route/", f"/border/patrols/{patrol.pk}/inspect/",
        "/border/incidents/", f"/border/incidents/{vn_incident.pk}/", f"/border/incidents/{vn_incident.pk}/edit/",
        "/border/incidents/new/", "/border/markers/?export=csv", "/border/incidents/?export=xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_map_page_works_offline_with_vendored_leaflet(client, world, border, settings):
    settings.BORDERTWIN_MAP_TILE_URL = ""
    client.force_login(world.viewer)
    html = client.get("/border/map/").content.decode()
    assert "/static/border/leaflet/leaflet.js" in html
    assert 'data-tile-url=""' in html
    assert "http://" not in html.split("<main")[1].split("</main>")[0]


def test_editors_and_viewers_read_markers_but_never_patrols_or_incidents(client, world, border, vn_incident):
    for person in (world.viewer, world.vn_province_editor):
        client.force_login(person)
        assert client.get(f"/border/markers/{border.markers[0].pk}/").status_code == 200
        assert client.get(f"/border/patrols/{border.patrol.pk}/").status_code == 404
        assert client.get(f"/border/incidents/{vn_incident.pk}/").status_code == 404
        assert client.get("/border/incidents/", {"category": "drugs"}).context["paginator"].count == 0
        assert client.get(f"/border/markers/{border.markers[0].pk}/edit/").status_code == 403
        assert client.get("/border/markers/new/").status_code == 403


def test_the_other_sides_officer_finds_an_incident_only_once_shared(client, world, border, vn_incident):
    client.force_login(border.la_officer)
    assert client.get(f"/border/incidents/{vn_incident.pk}/").status_code == 404
    assert client.get("/border/incidents/", {"category": "drugs"}).context["paginator"].count == 0
    assert client.post(f"/border/incidents/{vn_incident.pk}/move/", {"status": "shared"}).status_code == 404
    services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer, note="Gửi phía Bạn")
    response = client.get(f"/border/incidents/{vn_incident.pk}/")
    assert response.status_code == 200
    assert "Hồ Văn B" not in response.content.decode()
    assert client.get(f"/border/incidents/{vn_incident.pk}/edit/").status_code == 403


def test_the_reporting_side_sees_the_names(client, world, border, vn_incident):
    client.force_login(world.vn_border_officer)
    assert "Hồ Văn B" in client.get(f"/border/incidents/{vn_incident.pk}/").content.decode()


def test_an_incident_reported_on_the_page_belongs_to_the_reporters_side(client, world, border):
    client.force_login(border.la_officer)
    response = client.post("/border/incidents/new/", {
        "segment": border.segment.pk, "category": "wildlife", "occurred_at": "2025-08-01T06:30", "place_description": "Rừng Nakai",
        "description": "Săn bắt động vật hoang dã", "vn_people": 0, "la_people": 2, "other_people": 0,
    })
    assert response.status_code == 302, response.context["form"].errors
    incident = Incident.objects.get(category="wildlife")
    assert (incident.reported_by_side, incident.partnership_id, incident.steps.count()) == ("LA", world.hk_nakai.pk, 1)


def test_an_incident_moves_along_from_its_page(client, world, border, vn_incident):
    client.force_login(world.vn_border_officer)
    client.post(f"/border/incidents/{vn_incident.pk}/move/", {"status": "shared", "note": "Gửi phía Bạn"})
    client.post(f"/border/incidents/{vn_incident.pk}/move/", {"status": "closed", "note": "sai bước"})
    assert Incident.objects.get(pk=vn_incident.pk).status == "shared"


def test_a_patrol_is_recorded_with_its_partnership_from_the_segment(client, world, border):
    client.force_login(world.vn_border_officer)
    response = client.post("/border/patrols/new/", {
        "segment": border.segment.pk, "kind": "joint", "started_at": "2025-06-10T07:00", "ended_at": "2025-06-10T17:00",
        "vn_unit": border.vn_post.pk, "la_unit": border.la_post.pk, "vn_people": 5, "la_people": 5,
    })
    assert response.status_code == 302, response.context["form"].errors
    assert Patrol.objects.filter(started_at__month=6).get().partnership == world.hk_nakai


def test_an_editor_cannot_record_a_patrol(client, world, border):
    client.force_login(world.vn_province_editor)
    assert client.get("/border/patrols/new/").status_code == 403


def test_a_route_is_imported_from_the_page_and_a_bad_one_explained(client, world, border):
    client.force_login(world.vn_border_officer)
    url = f"/border/patrols/{border.patrol.pk}/route/"
    bad = SimpleUploadedFile("x.gpx", gpx([(105.6, 18.15), (99.0, 18.1)]))
    response = client.post(url, {"file": bad})
    assert response.status_code == 200 and response.context["form"].errors
    assert Patrol.objects.get(pk=border.patrol.pk).route_geojson == ""
    good = SimpleUploadedFile("x.gpx", gpx([(105.6, 18.15), (105.61, 18.16)]))
    assert client.post(url, {"file": good}).status_code == 302
    drawn = '{"type": "LineString", "coordinates": [[105.6, 18.15], [105.63, 18.18]]}'
    assert client.post(url, {"route": drawn}).status_code == 302
    assert Patrol.objects.get(pk=border.patrol.pk).route_length_km > 4


def test_an_inspection_is_recorded_from_the_patrol_page_with_a_photo(client, world, border):
    client.force_login(world.vn_border_officer)
    response = client.post(f"/border/patrols/{border.patrol.pk}/inspect/", {
        "marker": border.markers[0].pk, "inspected_on": "2025-03-10", "condition": "buried", "note": "Bị vùi lấp do sạt lở",
        "photo": SimpleUploadedFile("moc.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32),
    })
    assert response.status_code == 302
    assert MarkerInspection.objects.get().condition == "buried"
    response = client.post(f"/border/patrols/{border.patrol.pk}/inspect/", {
        "marker": border.markers[1].pk, "inspected_on": "2025-03-10", "condition": "good", "photo": SimpleUploadedFile("moc.png", PNG[:4] + b"xx"),
    })
    assert response.status_code == 200 and MarkerInspection.objects.count() == 1


def test_the_dashboard_shows_the_alerts(client, world, border, vn_incident):
    client.force_login(world.vn_border_officer)
    response = client.get("/border/")
    assert response.context["markers_due_count"] == 3
    assert response.context["incidents_overdue_count"] == 1


def test_list_and_detail_pages_take_a_constant_number_of_queries(client, world, border, vn_incident, django_assert_max_num_queries):
    for marker in border.markers:
        services.record_inspection(marker, acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol)
    client.force_login(world.vn_border_officer)
    for url, limit in [
        ("/border/markers/", 12), ("/border/patrols/", 12), ("/border/incidents/", 12), ("/border/segments/", 12),
        (f"/border/segments/{border.segment.pk}/", 20), (f"/border/markers/{border.markers[0].pk}/", 20),
        (f"/border/patrols/{border.patrol.pk}/", 20), (f"/border/incidents/{vn_incident.pk}/", 22), ("/border/", 16),
    ]:
        client.get(url)
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_markers_without_a_recent_inspection_are_listed_as_overdue(client, world, border):
    services.record_inspection(border.markers[0], acting_user=world.vn_border_officer, condition="good", inspected_on=timezone.localdate())
    client.force_login(world.viewer)
    rows = client.get("/border/markers/", {"overdue": "true"}).context["rows"]
    assert sorted(r["object"].number for r in rows) == ["522", "523(1)"]
    assert Marker.objects.count() == 3


def test_inspection_photos_are_linked_from_the_patrol_and_the_marker(client, world, border):
    services.record_inspection(
        border.markers[0], acting_user=world.vn_border_officer, condition="damaged", inspected_on=datetime.date(2025, 3, 10),
        patrol=border.patrol, photo=SimpleUploadedFile("moc-521.png", PNG),
    )
    client.force_login(world.vn_border_officer)
    assert "moc-521.png" in client.get(f"/border/patrols/{border.patrol.pk}/").content.decode()
    client.force_login(world.viewer)
    assert "moc-521.png" in client.get(f"/border/markers/{border.markers[0].pk}/").content.decode()


def test_the_history_of_a_shared_incident_keeps_names_from_the_other_side(client, world, border, vn_incident):
    from bordertwin.core import services as core_services

    vn_incident.people_names = "Hồ Văn B; Bua Phan; Lò Văn C"
    core_services.save_record(vn_incident, acting_user=world.vn_border_officer, reason="Bổ sung tên")
    services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer, note="Gửi phía Bạn")
    from django.contrib.contenttypes.models import ContentType

    url = f"/records/{ContentType.objects.get_for_model(Incident).pk}/{vn_incident.pk}/history/"
    client.force_login(world.vn_border_officer)
    assert "Lò Văn C" in client.get(url).content.decode()
    client.force_login(border.la_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert "Lò Văn C" not in response.content.decode()


def test_a_malformed_area_on_a_list_page_is_explained_not_a_500(client, world, border):
    client.force_login(world.viewer)
    response = client.get("/border/markers/", {"bbox": "105,18,nope"})
    assert response.status_code == 200
    assert response.context["filterset"].errors["bbox"]
    assert response.context["rows"] == []
