"""The server's side of offline entry: a create carrying the device's client_uuid happens once, an edit made from
an older version is refused with the current one (412), and the scope bundle is what access lets the user see."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.border.models import Incident, MarkerInspection
from bordertwin.border.tests.test_services import PNG
from bordertwin.core.models import ClientSubmission

pytestmark = pytest.mark.django_db


def incident_payload(world, border, key):
    return {
        "client_uuid": str(key), "partnership": world.hk_nakai.pk, "segment": border.segment.pk, "category": "smuggling",
        "occurred_at": "2026-11-30T09:00:00+07:00", "nearest_marker": border.markers[0].pk, "description": "Vận chuyển hàng lậu",
    }


def test_a_second_create_with_the_same_client_uuid_creates_nothing_and_answers_the_first(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    key = uuid.uuid4()
    first = api.post("/api/v1/incidents/", incident_payload(world, border, key), format="json")
    assert first.status_code == 201, first.json()
    again = api.post("/api/v1/incidents/", incident_payload(world, border, key), format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Incident.objects.count() == 1
    assert ClientSubmission.objects.get().object_id == first.json()["id"]
    # Another entry of the device is another record.
    other = api.post("/api/v1/incidents/", incident_payload(world, border, uuid.uuid4()), format="json")
    assert other.status_code == 201
    assert Incident.objects.count() == 2


def test_an_inspection_with_a_photo_sent_twice_is_recorded_once(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    key = str(uuid.uuid4())
    answers = []
    for _ in range(2):
        photo = SimpleUploadedFile("moc.png", PNG, content_type="image/png")
        answers.append(api.post("/api/v1/inspections/", {
            "client_uuid": key, "marker": border.markers[0].pk, "patrol": border.patrol.pk, "inspected_on": "2026-11-30",
            "condition": "damaged", "photo": photo,
        }, format="multipart"))
    assert [a.status_code for a in answers] == [201, 200]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    assert MarkerInspection.objects.count() == 1


def test_the_same_client_uuid_is_each_users_own(api, world, border):
    key = uuid.uuid4()
    api.force_authenticate(world.vn_border_officer)
    assert api.post("/api/v1/incidents/", incident_payload(world, border, key), format="json").status_code == 201
    api.force_authenticate(border.la_officer)
    assert api.post("/api/v1/incidents/", incident_payload(world, border, key), format="json").status_code == 201
    assert Incident.objects.count() == 2


def test_a_client_uuid_used_for_another_kind_or_malformed_is_a_400_and_creates_nothing(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    key = uuid.uuid4()
    assert api.post("/api/v1/incidents/", incident_payload(world, border, key), format="json").status_code == 201
    inspection = {"client_uuid": str(key), "marker": border.markers[0].pk, "inspected_on": "2026-11-30", "condition": "good"}
    response = api.post("/api/v1/inspections/", inspection, format="json")
    assert response.status_code == 400
    assert "client_uuid" in response.json()
    response = api.post("/api/v1/incidents/", incident_payload(world, border, "not-a-uuid"), format="json")
    assert response.status_code == 400
    assert "client_uuid" in response.json()
    assert (Incident.objects.count(), MarkerInspection.objects.count()) == (1, 0)


def test_a_refused_create_remembers_nothing_so_the_fixed_entry_can_be_sent_with_the_same_id(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    key = uuid.uuid4()
    wrong = dict(incident_payload(world, border, key), category="")
    assert api.post("/api/v1/incidents/", wrong, format="json").status_code == 400
    assert not ClientSubmission.objects.exists()
    assert api.post("/api/v1/incidents/", incident_payload(world, border, key), format="json").status_code == 201


def test_the_client_uuid_is_in_the_api_schema(api, world):
    api.force_authenticate(world.admin)
    schema = api.get("/api/schema/", {"format": "json"}).json()
    field = schema["components"]["schemas"]["IncidentRequest"]["properties"]["client_uuid"]
    assert field["format"] == "uuid"
    assert "200" in field["description"]


def test_an_edit_from_an_older_version_is_refused_with_the_current_one(api, world, border, vn_incident):
    api.force_authenticate(world.vn_border_officer)
    url = f"/api/v1/incidents/{vn_incident.pk}/"
    opened = api.get(url)["ETag"]
    # Someone else changes the record meanwhile.
    first = api.patch(url, {"description": "Đã xác minh tại chỗ"}, format="json", HTTP_IF_MATCH=opened)
    assert first.status_code == 200, first.json()
    assert first["ETag"] != opened
    # The device's edit, started from the version it opened, is refused: nothing is written over.
    stale = api.patch(url, {"description": "Bản của thiết bị"}, format="json", HTTP_IF_MATCH=opened)
    assert stale.status_code == 412
    assert stale.json()["current"]["properties"]["description"] == "Đã xác minh tại chỗ"
    assert stale["ETag"] == first["ETag"]
    vn_incident.refresh_from_db()
    assert vn_incident.description == "Đã xác minh tại chỗ"
    # The user chose their version: sent again from the current one, it is saved.
    chosen = api.patch(url, {"description": "Bản của thiết bị"}, format="json", HTTP_IF_MATCH=stale["ETag"])
    assert chosen.status_code == 200
    vn_incident.refresh_from_db()
    assert vn_incident.description == "Bản của thiết bị"


def test_a_version_check_never_opens_a_record_the_user_may_not_change(api, world, border, vn_incident):
    api.force_authenticate(world.la_district_editor)
    url = f"/api/v1/incidents/{vn_incident.pk}/"
    assert api.patch(url, {"description": "x"}, format="json", HTTP_IF_MATCH='"old"').status_code == 404


def test_the_scope_bundle_holds_what_access_lets_the_user_see(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    bundle = api.get("/api/v1/offline/scope/").json()
    assert bundle["user"] == world.vn_border_officer.pk
    assert [s["id"] for s in bundle["segments"]] == [border.segment.pk]
    assert {m["name"] for m in bundle["markers"]} == {"521", "522", "523(1)"}
    assert {m["segment"] for m in bundle["markers"]} == {border.segment.pk}
    assert world.hk_nakai.pk in {p["id"] for p in bundle["partnerships"]}
    assert {"id": border.vn_post.pk, "name": "Đồn Biên phòng Phú Gia", "side": "VN", "guard": True} in bundle["organisations"]
    assert bundle["may_add"]["patrol"] is True and bundle["truncated"] == []
    assert bundle["places"], "the places below the officer's role"
    api.force_authenticate(world.outsider)
    nothing = api.get("/api/v1/offline/scope/").json()
    assert (nothing["segments"], nothing["markers"], nothing["partnerships"], nothing["places"]) == ([], [], [], [])
    assert nothing["may_add"]["patrol"] is False
    api.force_authenticate(None)
    assert api.get("/api/v1/offline/scope/").status_code == 401


def test_a_list_longer_than_the_bound_is_cut_and_named(api, world, border, monkeypatch):
    from bordertwin.offline import scope

    monkeypatch.setattr(scope, "LIMIT", 2)
    api.force_authenticate(world.vn_border_officer)
    bundle = api.get("/api/v1/offline/scope/").json()
    assert len(bundle["markers"]) == 2
    assert "markers" in bundle["truncated"] and bundle["limit"] == 2


def test_the_app_is_installable_and_its_worker_controls_the_whole_site(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.status_code == 200
    assert manifest.json()["start_url"] == "/outbox/"
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    body = worker.content.decode()
    assert "/static/border/geo/vn-la.geojson" in body and '"/outbox/"' in body
    assert client.get("/outbox/").status_code == 302  # the outbox itself is for signed-in users


def test_an_editors_outbox_offers_the_activity_and_delivery_forms_with_the_models_choices(client, world):
    client.force_login(world.vn_province_editor)
    page = client.get("/outbox/")
    assert page.status_code == 200
    forms = {form["kind"]: form for form in page.context["forms"]}
    assert list(forms) == ["patrol", "inspection", "incident", "activity", "delivery"]
    delivery = {f["name"]: f for f in forms["delivery"]["fields"]}
    assert delivery["commitment"] == {**delivery["commitment"], "type": "ref", "ref": "commitments", "within": "partnership"}
    assert delivery["item"]["required"] and not delivery["notes"]["required"]
    assert delivery["giver_side"]["type"] == "choice" and "VN" in [value for value, _ in delivery["giver_side"]["choices"]]
    assert b'id="offline-forms"' in page.content and b'id="offline-messages"' in page.content
    bundle = client.get("/api/v1/offline/scope/").json()
    assert bundle["may_add"]["activity"] and bundle["may_add"]["delivery"] and not bundle["may_add"]["patrol"]
    assert world.hk_commitment.pk in {c["id"] for c in bundle["commitments"]}


def test_the_scope_bundle_takes_a_constant_number_of_queries(api, world, border, django_assert_max_num_queries):
    from decimal import Decimal

    from bordertwin.border.models import Marker
    from bordertwin.core.services import save_record

    api.force_authenticate(world.vn_border_officer)
    with django_assert_max_num_queries(11):
        assert len(api.get("/api/v1/offline/scope/").json()["markers"]) == 3
    for n in range(20):
        save_record(Marker(segment=border.segment, number=f"6{n:02d}", latitude=Decimal("18.2"), longitude=Decimal("105.66"),
                           marker_type="secondary"), acting_user=world.admin)
    with django_assert_max_num_queries(11):
        assert len(api.get("/api/v1/offline/scope/").json()["markers"]) == 23
