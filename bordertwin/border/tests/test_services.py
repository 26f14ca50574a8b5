import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin import access
from bordertwin.border import alerts, geo, services
from bordertwin.border.models import Incident, IncidentStep, Marker, MarkerInspection, Patrol
from bordertwin.border.reporting import border_summary
from bordertwin.core import services as core_services
from bordertwin.core.models import Attachment

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def gpx(points: list[tuple[float, float]], extra: str = "") -> bytes:
    body = "".join(f'<trkpt lat="{lat}" lon="{lon}"><ele>700</ele></trkpt>' for lon, lat in points)
    return (
        f'<?xml version="1.0"?>{extra}<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


# Markers


def test_marker_numbers_stay_as_written(border):
    assert Marker.objects.get(number="523(1)").number == "523(1)"
    marker = core_services.save_record(
        Marker(segment=border.segment, number="728/1", latitude=Decimal("18.2"), longitude=Decimal("105.66")),
        acting_user=border.la_officer,
    )
    assert Marker.objects.get(pk=marker.pk).number == "728/1"


def test_a_marker_number_is_used_once(world, border):
    with pytest.raises(ValidationError) as error:
        core_services.save_record(
            Marker(segment=border.segment, number="522", latitude=Decimal("18.2"), longitude=Decimal("105.6")),
            acting_user=world.vn_border_officer,
        )
    assert "number" in error.value.message_dict


def test_a_marker_outside_vietnam_and_laos_is_refused(world, border):
    with pytest.raises(ValidationError) as error:
        core_services.save_record(
            Marker(segment=border.segment, number="999", latitude=Decimal("18.2"), longitude=Decimal("99.5")),
            acting_user=world.vn_border_officer,
        )
    assert "latitude" in error.value.message_dict
    assert not Marker.objects.filter(number="999").exists()


def test_an_editor_reads_markers_but_cannot_add_or_change_them(world, border):
    marker = border.markers[0]
    assert Marker.objects.restrict(world.vn_province_editor).count() == 3
    assert Marker.objects.restrict(world.viewer).count() == 3
    marker.description = "Đã sơn lại"
    with pytest.raises(PermissionDenied):
        core_services.save_record(marker, acting_user=world.vn_province_editor)
    with pytest.raises(PermissionDenied):
        core_services.save_record(
            Marker(segment=border.segment, number="530", latitude=Decimal("18.2"), longitude=Decimal("105.6")),
            acting_user=world.la_district_editor,
        )
    core_services.save_record(marker, acting_user=world.vn_border_officer)


def test_the_last_inspection_is_annotated_on_each_marker(world, border):
    first, second, _third = border.markers
    services.record_inspection(first, acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol)
    services.record_inspection(first, acting_user=world.vn_border_officer, condition="tilted", inspected_on=datetime.date(2025, 6, 10))
    services.record_inspection(second, acting_user=world.vn_border_officer, condition="buried", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol)
    rows = {
        m.number: (m.last_condition, m.last_inspected_on)
        for m in services.with_last_inspection(Marker.objects.all(), world.vn_border_officer)
    }
    assert rows == {
        "521": ("tilted", datetime.date(2025, 6, 10)),
        "522": ("buried", datetime.date(2025, 3, 10)),
        "523(1)": (None, None),
    }
    # The Lao side reads the joint patrol's inspections, not the Vietnamese side's own visit.
    rows = {m.number: m.last_condition for m in services.with_last_inspection(Marker.objects.all(), border.la_officer)}
    assert rows == {"521": "good", "522": "buried", "523(1)": None}


# Inspections


def test_an_inspection_keeps_a_photo_checked_by_its_content(world, border):
    photo = SimpleUploadedFile("moc-521.png", PNG, content_type="image/png")
    inspection = services.record_inspection(
        border.markers[0], acting_user=world.vn_border_officer, condition="damaged",
        inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol, photo=photo,
    )
    assert Attachment.objects.get(object_id=inspection.pk).media_type == "image/png"


def test_a_photo_that_is_not_an_image_saves_nothing(world, border):
    fake = SimpleUploadedFile("moc-521.png", b"MZ not an image at all", content_type="image/png")
    with pytest.raises(ValidationError):
        services.record_inspection(
            border.markers[0], acting_user=world.vn_border_officer, condition="good",
            inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol, photo=fake,
        )
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.record_inspection(
            border.markers[0], acting_user=world.vn_border_officer, condition="good",
            inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol, photo=pdf,
        )
    assert not MarkerInspection.objects.exists()


def test_a_patrol_inspects_only_markers_of_its_segment_during_the_patrol(world, border):
    with pytest.raises(ValidationError):
        services.record_inspection(
            border.markers[0], acting_user=world.vn_border_officer, condition="good",
            inspected_on=datetime.date(2025, 3, 1), patrol=border.patrol,
        )
    services.record_inspection(
        border.markers[0], acting_user=world.vn_border_officer, condition="good",
        inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol,
    )
    with pytest.raises(ValidationError):
        services.record_inspection(
            border.markers[0], acting_user=world.vn_border_officer, condition="good",
            inspected_on=datetime.date(2025, 3, 11), patrol=border.patrol,
        )


def test_an_editor_cannot_record_an_inspection(world, border):
    with pytest.raises(PermissionDenied):
        services.record_inspection(
            border.markers[0], acting_user=world.vn_province_editor, condition="good", inspected_on=datetime.date(2025, 3, 10),
        )


# Routes


def test_a_gpx_track_becomes_the_route_with_its_length(world, border):
    points = [(105.60, 18.15), (105.61, 18.16), (105.62, 18.17)]
    patrol = services.set_route(border.patrol, gpx(points), acting_user=world.vn_border_officer)
    patrol.refresh_from_db()
    assert patrol.route_geojson.startswith('{"type": "LineString"')
    assert Decimal("2.9") < patrol.route_length_km < Decimal("3.2")
    assert (patrol.route_min_lon, patrol.route_max_lat) == (105.60, 18.17)


def test_a_geojson_feature_is_accepted_as_a_route(world, border):
    feature = '{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[105.6, 18.15], [105.62, 18.17]]}}'
    patrol = services.set_route(border.patrol, feature, acting_user=world.vn_border_officer)
    assert patrol.route_length_km > 0


@pytest.mark.parametrize("data, message", [
    (b"<gpx><trk><trkseg><trkpt lat='18.1'", "could not be read"),
    (gpx([(105.6, 18.15), (105.61, 18.16)], '<!DOCTYPE gpx [<!ENTITY a "aaaa">]>'), "DOCTYPE"),
    (gpx([(105.6, 18.15)]), "at least two points"),
    (gpx([(105.6, 18.15), (99.0, 18.16)]), "outside Vietnam and Laos"),
    (gpx([(105.6, 18.15), (106.2, 18.15)]), "km from the markers"),
    (b'{"type": "Point", "coordinates": [105.6, 18.15]}', "LineString"),
    (b"hello", "GPX track or a GeoJSON line"),
    (b"", "empty"),
])
def test_a_bad_route_gets_a_clear_error_and_saves_nothing(world, border, data, message):
    with pytest.raises(ValidationError) as error:
        services.set_route(border.patrol, data, acting_user=world.vn_border_officer)
    assert message in " ".join(error.value.messages)
    assert Patrol.objects.get(pk=border.patrol.pk).route_geojson == ""


def test_a_huge_route_is_refused(world, border, monkeypatch):
    monkeypatch.setattr(geo, "MAX_ROUTE_POINTS", 10)
    with pytest.raises(ValidationError, match="at most 10 points"):
        services.set_route(border.patrol, gpx([(105.6, 18.15 + i / 1000) for i in range(11)]), acting_user=world.vn_border_officer)
    with pytest.raises(ValidationError, match="larger than"):
        geo.parse_route(b"<" * (geo.MAX_ROUTE_BYTES + 1))


# Incidents


def test_an_incident_is_seen_by_the_other_side_only_once_shared(world, border, vn_incident):
    assert list(Incident.objects.restrict(border.la_officer)) == []
    assert list(Incident.objects.restrict(world.la_administrator)) == []
    assert list(Incident.objects.restrict(world.vn_border_officer)) == [vn_incident]
    services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer, note="Gửi phía Bạn")
    assert list(Incident.objects.restrict(border.la_officer)) == [vn_incident]


def test_editors_and_viewers_never_see_incidents_or_patrols(world, border, vn_incident):
    for person in (world.vn_province_editor, world.viewer, world.la_district_editor, world.outsider):
        assert not Incident.objects.restrict(person).exists()
        assert not Patrol.objects.restrict(person).exists()
    assert Patrol.objects.restrict(world.vn_approver).exists()


def test_every_step_of_an_incident_records_who_when_and_why(world, border, vn_incident):
    services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer, note="Gửi phía Bạn")
    services.move_incident(vn_incident, "joint_handling", acting_user=border.la_officer, note="Phối hợp xác minh")
    services.move_incident(vn_incident, "resolved", acting_user=border.la_officer, note="Đã bàn giao đối tượng")
    services.move_incident(vn_incident, "closed", acting_user=world.vn_border_officer, note="Kết thúc")
    steps = list(IncidentStep.objects.filter(incident=vn_incident).values_list("from_status", "to_status", "acted_by__username", "side"))
    assert steps == [
        ("", "reported", "vn-border-officer", "VN"),
        ("reported", "shared", "vn-border-officer", "VN"),
        ("shared", "joint_handling", "la-border-officer", "LA"),
        ("joint_handling", "resolved", "la-border-officer", "LA"),
        ("resolved", "closed", "vn-border-officer", "VN"),
    ]
    incident = Incident.objects.get(pk=vn_incident.pk)
    assert incident.status == "closed" and incident.shared_at is not None


def test_an_incident_cannot_skip_steps_or_close_without_a_note(world, border, vn_incident):
    with pytest.raises(ValidationError):
        services.move_incident(vn_incident, "joint_handling", acting_user=world.vn_border_officer)
    with pytest.raises(ValidationError):
        services.move_incident(vn_incident, "resolved", acting_user=world.vn_border_officer, note="  ")
    assert Incident.objects.get(pk=vn_incident.pk).status == "reported"


def test_only_the_reporting_side_shares_an_incident(world, border, vn_incident):
    with pytest.raises(PermissionDenied):
        services.move_incident(vn_incident, "shared", acting_user=border.la_officer)
    with pytest.raises(PermissionDenied):
        services.move_incident(vn_incident, "shared", acting_user=world.vn_province_editor)
    assert services.allowed_moves(vn_incident, border.la_officer) == []


def test_names_of_people_involved_stay_with_the_reporting_side(world, border, vn_incident):
    services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer, note="Gửi phía Bạn")
    assert access.hidden_fields(world.vn_border_officer, vn_incident) == set()
    assert access.hidden_fields(border.la_officer, vn_incident) == {"people_names"}


# Alerts and the annual summary


def test_alerts_count_markers_not_inspected_in_time_and_incidents_past_deadline(world, border, vn_incident):
    services.record_inspection(border.markers[0], acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 6, 1))
    services.record_inspection(border.markers[1], acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2024, 6, 1))
    today = datetime.date(2025, 7, 1)
    due = {m.number for m in alerts.markers_due(world.vn_border_officer, today, days=120)}
    assert due == {"522", "523(1)"}
    assert alerts.alert_counts(world.vn_border_officer, today) == {"markers_due": 2, "incidents_overdue": 1}
    # The Vietnamese officer's visits are the Vietnamese side's: to the Lao side every marker is due.
    assert alerts.alert_counts(border.la_officer, today) == {"markers_due": 3, "incidents_overdue": 0}
    assert alerts.alert_counts(world.outsider, today) == {"markers_due": 0, "incidents_overdue": 0}


def test_the_border_summary_counts_a_year_of_work(world, border, vn_incident):
    officer = world.vn_border_officer
    services.record_inspection(border.markers[0], acting_user=officer, condition="good", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol)
    services.record_inspection(border.markers[0], acting_user=officer, condition="tilted", inspected_on=datetime.date(2025, 9, 1))
    services.record_inspection(border.markers[1], acting_user=officer, condition="good", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol)
    services.record_inspection(border.markers[2], acting_user=officer, condition="missing", inspected_on=datetime.date(2024, 3, 10))
    summary = border_summary(world.hk_nakai, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert summary == {
        "patrols_held": 1,
        "markers_inspected": 2,
        "marker_conditions": {"Good": 1, "Tilted": 1},
        "incidents_by_category": {"Drugs": {"Reported": 1}},
    }
    assert border_summary(world.hk_nakai, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), user=border.la_officer)["incidents_by_category"] == {}


def test_a_border_post_officer_sees_the_work_of_the_posts_segments(world, border, vn_incident):
    from bordertwin.access import Role
    from bordertwin.accounts.models import Membership
    from bordertwin.testing import make_user

    post_officer = make_user("phu-gia-officer", "VN")
    Membership.objects.create(user=post_officer, role=Role.BORDER_OFFICER, organisation=border.vn_post)
    assert Marker.objects.restrict(post_officer).count() == 3
    assert list(Patrol.objects.restrict(post_officer)) == [border.patrol]
    assert list(Incident.objects.restrict(post_officer)) == [vn_incident]
    services.record_inspection(border.markers[0], acting_user=post_officer, condition="good", inspected_on=datetime.date(2025, 3, 10), patrol=border.patrol)
    assert MarkerInspection.objects.restrict(post_officer).count() == 1


def test_a_deeply_nested_geojson_is_refused_not_crashed(world, border):
    with pytest.raises(ValidationError):
        services.set_route(border.patrol, b"[" * 200_000 + b"]" * 200_000, acting_user=world.vn_border_officer)
