import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.border import services
from bordertwin.border.models import Incident, IncidentStep, Marker, MarkerInspection, Patrol

from .test_services import PNG, gpx

pytestmark = pytest.mark.django_db


def share(incident, officer):
    return services.move_incident(incident, "shared", acting_user=officer, note="Thông báo phía Bạn")


# Markers and segments


def test_markers_are_a_geojson_feature_collection_with_their_last_condition(api, world, border):
    services.record_inspection(border.markers[0], acting_user=world.vn_border_officer, condition="tilted", inspected_on=datetime.date(2025, 3, 10))
    api.force_authenticate(world.viewer)
    body = api.get("/api/v1/markers/").json()
    assert body["type"] == "FeatureCollection" and body["count"] == 3
    first = next(f for f in body["features"] if f["properties"]["number"] == "521")
    assert first["geometry"] == {"type": "Point", "coordinates": [105.6, 18.15]}
    assert first["properties"]["last_condition"] == "tilted"
    assert first["properties"]["last_inspected_on"] == "2025-03-10"


def test_nobody_outside_the_scope_sees_markers(api, world, border):
    assert api.get("/api/v1/markers/").status_code == 401
    api.force_authenticate(world.outsider)
    assert api.get("/api/v1/markers/").json()["count"] == 0
    assert api.get(f"/api/v1/markers/{border.markers[0].pk}/").status_code == 404


def test_the_marker_list_takes_a_constant_number_of_queries(api, world, border, django_assert_max_num_queries):
    for marker in border.markers:
        for day in (1, 2, 3):
            services.record_inspection(marker, acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 1, day))
    api.force_authenticate(world.vn_province_editor)
    api.get("/api/v1/markers/")
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/markers/?page_size=1000").json()["count"] == 3


def test_a_bounding_box_limits_the_markers(api, world, border):
    api.force_authenticate(world.viewer)
    body = api.get("/api/v1/markers/", {"bbox": "105.59,18.14,105.625,18.175"}).json()
    assert sorted(f["properties"]["number"] for f in body["features"]) == ["521", "522"]


@pytest.mark.parametrize("bbox", ["105.6,18.1,105.7", "a,b,c,d", "106,18,105,19", "105,18,nan,19", "105,-95,106,19"])
@pytest.mark.parametrize("resource", ["markers", "segments", "patrols", "incidents"])
def test_a_malformed_bounding_box_is_a_400(api, world, border, bbox, resource):
    api.force_authenticate(world.vn_border_officer)
    response = api.get(f"/api/v1/{resource}/", {"bbox": bbox})
    assert response.status_code == 400
    assert "bbox" in response.json()


def test_a_border_officer_adds_a_marker_and_an_editor_cannot(api, world, border):
    payload = {"segment": border.segment.pk, "number": "524", "marker_type": "main", "latitude": "18.21", "longitude": "105.66"}
    api.force_authenticate(world.vn_province_editor)
    assert api.post("/api/v1/markers/", payload, format="json").status_code == 403
    api.force_authenticate(world.vn_border_officer)
    response = api.post("/api/v1/markers/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["properties"]["number"] == "524"


def test_a_marker_outside_the_two_countries_is_a_400_and_saves_nothing(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    payload = {"segment": border.segment.pk, "number": "525", "latitude": "18.2", "longitude": "99.9"}
    response = api.post("/api/v1/markers/", payload, format="json")
    assert response.status_code == 400
    assert not Marker.objects.filter(number="525").exists()


def test_segments_are_lines_through_their_markers(api, world, border):
    api.force_authenticate(world.la_district_editor)
    feature = api.get(f"/api/v1/segments/{border.segment.pk}/").json()
    assert feature["geometry"]["type"] == "LineString"
    assert feature["geometry"]["coordinates"][0] == [105.6, 18.15]
    assert feature["properties"]["length_km"] == "12.500"
    assert api.patch(f"/api/v1/segments/{border.segment.pk}/", {"name": "x"}, format="json").status_code == 403


# Patrols and inspections


def test_patrols_are_hidden_from_editors_and_viewers_even_by_guessed_id(api, world, border):
    for person in (world.viewer, world.vn_province_editor, world.la_district_editor):
        api.force_authenticate(person)
        assert api.get("/api/v1/patrols/").json()["count"] == 0
        assert api.get(f"/api/v1/patrols/{border.patrol.pk}/").status_code == 404
    api.force_authenticate(border.la_officer)
    assert api.get(f"/api/v1/patrols/{border.patrol.pk}/").json()["properties"]["vn_people"] == 6


def test_a_gpx_file_sets_the_patrol_route(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    upload = SimpleUploadedFile("tuan-tra.gpx", gpx([(105.6, 18.15), (105.62, 18.17)]), content_type="application/gpx+xml")
    response = api.post(f"/api/v1/patrols/{border.patrol.pk}/route/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.json()
    feature = response.json()
    assert feature["geometry"]["type"] == "LineString"
    assert Decimal(feature["properties"]["route_length_km"]) > Decimal("2.5")


def test_a_drawn_geojson_route_is_accepted_and_a_far_one_refused(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    line = {"type": "LineString", "coordinates": [[105.6, 18.15], [105.61, 18.16]]}
    assert api.post(f"/api/v1/patrols/{border.patrol.pk}/route/", {"route": line}, format="json").status_code == 200
    far = {"type": "LineString", "coordinates": [[105.6, 18.15], [107.0, 16.5]]}
    response = api.post(f"/api/v1/patrols/{border.patrol.pk}/route/", {"route": far}, format="json")
    assert response.status_code == 400
    assert "16.5, 107.0" in str(response.json())
    assert Patrol.objects.get(pk=border.patrol.pk).route_geojson == '{"type": "LineString", "coordinates": [[105.6, 18.15], [105.61, 18.16]]}'


def test_a_malformed_gpx_is_a_400(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    upload = SimpleUploadedFile("hong.gpx", b"<gpx><trk><trkseg><trkpt lat=", content_type="application/gpx+xml")
    response = api.post(f"/api/v1/patrols/{border.patrol.pk}/route/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_an_inspection_with_a_photo_is_recorded_through_the_api(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    photo = SimpleUploadedFile("moc.png", PNG, content_type="image/png")
    response = api.post("/api/v1/inspections/", {
        "marker": border.markers[0].pk, "patrol": border.patrol.pk, "inspected_on": "2025-03-10", "condition": "damaged", "photo": photo,
    }, format="multipart")
    assert response.status_code == 201, response.json()
    assert MarkerInspection.objects.get().condition == "damaged"
    fake = SimpleUploadedFile("moc.png", b"not a png", content_type="image/png")
    response = api.post("/api/v1/inspections/", {
        "marker": border.markers[1].pk, "inspected_on": "2025-03-10", "condition": "good", "photo": fake,
    }, format="multipart")
    assert response.status_code == 400
    assert MarkerInspection.objects.count() == 1


# Incidents


def test_a_filtered_incident_count_does_not_leak_before_sharing(api, world, border, vn_incident):
    api.force_authenticate(border.la_officer)
    assert api.get("/api/v1/incidents/", {"category": "drugs"}).json()["count"] == 0
    assert api.get(f"/api/v1/incidents/{vn_incident.pk}/").status_code == 404
    api.force_authenticate(world.la_administrator)
    assert api.get("/api/v1/incidents/", {"category": "drugs"}).json()["count"] == 0
    share(vn_incident, world.vn_border_officer)
    api.force_authenticate(border.la_officer)
    assert api.get("/api/v1/incidents/", {"category": "drugs"}).json()["count"] == 1


def test_editors_viewers_and_outsiders_never_find_an_incident(api, world, border, vn_incident):
    share(vn_incident, world.vn_border_officer)
    for person in (world.vn_province_editor, world.viewer, world.la_province_editor, world.outsider):
        api.force_authenticate(person)
        assert api.get("/api/v1/incidents/", {"category": "drugs"}).json()["count"] == 0
        assert api.get(f"/api/v1/incidents/{vn_incident.pk}/").status_code == 404
        assert api.post(f"/api/v1/incidents/{vn_incident.pk}/move/", {"status": "joint_handling"}, format="json").status_code == 404


def test_names_of_people_involved_are_withheld_from_the_other_side(api, world, border, vn_incident):
    share(vn_incident, world.vn_border_officer)
    api.force_authenticate(border.la_officer)
    properties = api.get(f"/api/v1/incidents/{vn_incident.pk}/").json()["properties"]
    assert properties["people_names"] is None
    assert properties["la_people"] == 2
    api.force_authenticate(world.vn_border_officer)
    assert api.get(f"/api/v1/incidents/{vn_incident.pk}/").json()["properties"]["people_names"] == "Hồ Văn B; Bua Phan"


def test_a_reported_incident_belongs_to_the_reporters_side_and_logs_its_first_step(api, world, border):
    api.force_authenticate(border.la_officer)
    response = api.post("/api/v1/incidents/", {
        "segment": border.segment.pk, "category": "illegal_logging_mining", "occurred_at": "2025-05-02T09:00:00+07:00",
        "place_description": "Khu vực bản Nậm Pạn", "description": "Khai thác gỗ trái phép", "la_people": 3,
    }, format="json")
    assert response.status_code == 201, response.json()
    feature = response.json()
    assert feature["properties"]["reported_by_side"] == "LA"
    assert feature["properties"]["status"] == "reported"
    assert feature["properties"]["steps"][0]["acted_by"] == "la-border-officer"
    api.force_authenticate(world.vn_border_officer)
    assert api.get(f"/api/v1/incidents/{feature['id']}/").status_code == 404


def test_the_incident_workflow_through_the_api(api, world, border, vn_incident):
    api.force_authenticate(world.vn_border_officer)
    url = f"/api/v1/incidents/{vn_incident.pk}/move/"
    assert api.post(url, {"status": "closed", "note": "x"}, format="json").status_code == 400
    assert api.post(url, {"status": "shared", "note": "Gửi phía Bạn"}, format="json").json()["properties"]["status"] == "shared"
    api.force_authenticate(border.la_officer)
    assert api.post(url, {"status": "joint_handling"}, format="json").status_code == 200
    assert api.patch(f"/api/v1/incidents/{vn_incident.pk}/", {"description": "x"}, format="json").status_code == 403
    assert api.post(url, {"status": "resolved"}, format="json").status_code == 400
    assert api.post(url, {"status": "bogus"}, format="json").status_code == 400
    assert IncidentStep.objects.filter(incident=vn_incident).count() == 3
    assert Incident.objects.get(pk=vn_incident.pk).status == "joint_handling"


def test_the_incident_list_takes_a_constant_number_of_queries(api, world, border, vn_incident, django_assert_max_num_queries):
    for day in range(3, 8):
        incident = Incident(
            partnership=world.hk_nakai, segment=border.segment, category="smuggling", occurred_at=vn_incident.occurred_at.replace(day=day),
            nearest_marker=border.markers[0], description="Buôn lậu pháo",
        )
        services.report_incident(incident, acting_user=world.vn_border_officer)
    api.force_authenticate(world.vn_border_officer)
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/incidents/").json()["count"] == 6


def test_an_incident_placed_outside_the_two_countries_is_a_400(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    response = api.post("/api/v1/incidents/", {
        "segment": border.segment.pk, "category": "other", "occurred_at": "2025-05-02T09:00:00+07:00",
        "latitude": "18.2", "longitude": "99.5", "description": "Thử",
    }, format="json")
    assert response.status_code == 400
    assert not Incident.objects.exists()


def test_a_viewer_reads_marker_conditions_but_not_which_patrol_found_them(api, world, border):
    services.record_inspection(
        border.markers[0], acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol,
    )
    api.force_authenticate(world.viewer)
    row = api.get("/api/v1/inspections/").json()["results"][0]
    assert (row["condition"], row["patrol"]) == ("good", None)
    api.force_authenticate(world.vn_border_officer)
    assert api.get("/api/v1/inspections/").json()["results"][0]["patrol"] == border.patrol.pk


def test_the_patrol_and_segment_map_data_take_a_constant_number_of_queries(api, world, border, django_assert_max_num_queries):
    from bordertwin.border.models import Patrol as PatrolModel
    from bordertwin.core import services as core_services

    for month in (4, 5, 6, 7):
        core_services.save_record(PatrolModel(
            segment=border.segment, partnership=world.hk_nakai, kind="one_sided", started_at=border.patrol.started_at.replace(month=month),
        ), acting_user=world.vn_border_officer)
    api.force_authenticate(world.vn_border_officer)
    for url in (f"/api/v1/patrols/?segment={border.segment.pk}&page_size=5000", "/api/v1/segments/?page_size=5000"):
        api.get(url)
        with django_assert_max_num_queries(7):
            assert api.get(url).status_code == 200


def test_a_border_officer_records_a_patrol_through_the_api_and_an_editor_cannot(api, world, border):
    payload = {
        "segment": border.segment.pk, "kind": "joint", "started_at": "2025-09-10T07:00:00+07:00", "vn_unit": border.vn_post.pk,
        "la_unit": border.la_post.pk, "vn_people": 5, "la_people": 4,
    }
    api.force_authenticate(world.la_district_editor)
    assert api.post("/api/v1/patrols/", payload, format="json").status_code == 403
    api.force_authenticate(border.la_officer)
    response = api.post("/api/v1/patrols/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["properties"]["partnership"] == world.hk_nakai.pk
    wrong_side = dict(payload, vn_unit=border.la_post.pk)
    assert api.post("/api/v1/patrols/", wrong_side, format="json").status_code == 400


def test_incidents_cannot_be_ordered_by_the_names_of_people_involved(api, world, border, vn_incident):
    later = services.report_incident(Incident(
        partnership=world.hk_nakai, segment=border.segment, category="smuggling", occurred_at=vn_incident.occurred_at.replace(day=20),
        nearest_marker=border.markers[0], people_names="Zô Văn Z", description="Buôn lậu",
    ), acting_user=world.vn_border_officer)
    for incident in (vn_incident, later):
        share(incident, world.vn_border_officer)
    api.force_authenticate(border.la_officer)
    ids = [f["id"] for f in api.get("/api/v1/incidents/", {"ordering": "people_names"}).json()["features"]]
    assert ids == [later.pk, vn_incident.pk]
    assert api.get("/api/v1/incidents/", {"ordering": "-deadline"}).status_code == 200


def test_map_filters_by_condition_period_and_area(api, world, border, vn_incident):
    services.record_inspection(border.markers[0], acting_user=world.vn_border_officer, condition="tilted", inspected_on=datetime.date(2025, 3, 10))
    services.set_route(border.patrol, '{"type": "LineString", "coordinates": [[105.6, 18.15], [105.61, 18.16]]}', acting_user=world.vn_border_officer)
    api.force_authenticate(world.vn_border_officer)
    assert [f["properties"]["number"] for f in api.get("/api/v1/markers/", {"condition": "tilted"}).json()["features"]] == ["521"]
    assert api.get("/api/v1/markers/", {"overdue": "true"}).json()["count"] == 3
    assert api.get("/api/v1/patrols/", {"started_after": "2025-03-01", "started_before": "2025-03-31"}).json()["count"] == 1
    assert api.get("/api/v1/patrols/", {"started_after": "2025-04-01"}).json()["count"] == 0
    assert api.get("/api/v1/patrols/", {"bbox": "105.59,18.14,105.605,18.2"}).json()["count"] == 1
    assert api.get("/api/v1/patrols/", {"bbox": "106,18,106.1,18.1"}).json()["count"] == 0
    assert api.get("/api/v1/incidents/", {"bbox": "105.61,18.16,105.63,18.18"}).json()["count"] == 1
    assert api.get("/api/v1/incidents/", {"overdue": "true"}).json()["count"] == 1
    assert api.get("/api/v1/incidents/", {"status": "shared"}).json()["count"] == 0
    assert api.get("/api/v1/segments/", {"bbox": "105.59,18.14,105.605,18.16"}).json()["count"] == 1


def test_a_segment_the_user_cannot_see_is_not_a_valid_filter(api, world, border):
    api.force_authenticate(world.outsider)
    assert api.get("/api/v1/markers/", {"segment": border.segment.pk}).status_code == 400
    assert api.get("/api/v1/markers/", {"segment": 999999}).status_code == 400
