"""The places API: the registry, its successions, organisations; clear 400s; answers that match the schema."""

import pytest

from bordertwin.core.tests.schema import conforms
from bordertwin.places.models import Organisation, Place
from bordertwin.testing import place

pytestmark = pytest.mark.django_db


def test_a_single_place_names_the_units_carrying_it_on(api, world):
    api.force_authenticate(world.viewer)
    answer = api.get(f"/api/v1/places/{place('VN-2008-C18541').pk}/").json()
    assert answer["current_successors"] == [place("VN-2025-C18544").pk]
    assert answer["key"] == "VN-2008-C18541" and answer["valid_to"] == "2025-06-30"
    listed = api.get("/api/v1/places/", {"q": "huong vinh"}).json()["results"]
    assert listed and all(row["current_successors"] is None for row in listed)


def test_an_administrator_adds_a_lao_village_and_an_editor_cannot(api, world):
    payload = {"key": "LA-V-NAPHAO", "country": "LA", "level": "village", "unit_type": "Bản", "name_vi": "Bản Na Phao",
               "parent": place("LA-D-NAKAI").pk}
    api.force_authenticate(world.la_province_editor)
    assert api.post("/api/v1/places/", payload, format="json").status_code == 403
    api.force_authenticate(world.la_administrator)
    response = api.post("/api/v1/places/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert Place.objects.get(key="LA-V-NAPHAO").path.endswith("/LA-D-NAKAI/LA-V-NAPHAO/")
    api.force_authenticate(world.la_administrator)
    outside = payload | {"key": "VN-X", "country": "VN", "parent": place("VN-2008-D444").pk}
    assert api.post("/api/v1/places/", outside, format="json").status_code == 403


@pytest.mark.parametrize(("changes", "field"), [
    ({"key": "VN-2008-P42"}, "key"),
    ({"country": "TH"}, "country"),
    ({"level": "galaxy"}, "level"),
    ({"valid_from": "2024-13-45"}, "valid_from"),
    ({"valid_from": "2025-01-01", "valid_to": "2024-01-01"}, "valid_to"),
    ({"parent": "VN-2008-D444"}, "parent"),
    ({"name_vi": ""}, "name_vi"),
])
def test_bad_place_input_answers_400(api, world, changes, field):
    api.force_authenticate(world.admin)
    payload = {"key": "LA-V-NEW", "country": "LA", "level": "village", "name_vi": "Bản Mới", "parent": place("LA-D-NAKAI").pk}
    before = Place.all_objects.count()
    response = api.post("/api/v1/places/", payload | changes, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Place.all_objects.count() == before


def test_a_place_with_units_below_it_cannot_be_deleted(api, world):
    api.force_authenticate(world.admin)
    response = api.delete(f"/api/v1/places/{place('LA-D-NAKAI').pk}/")
    assert response.status_code == 400
    assert Place.objects.filter(key="LA-D-NAKAI").exists()


def test_an_editor_adds_an_organisation_in_their_scope_only(api, world):
    api.force_authenticate(world.vn_province_editor)
    ok = api.post("/api/v1/organisations/", {"name_vi": "Đồn Biên phòng Hương Khê", "kind": "border_guard_post",
                                             "place": place("VN-2008-D444").pk}, format="json")
    assert ok.status_code == 201, ok.json()
    refused = api.post("/api/v1/organisations/", {"name_vi": "UBND tỉnh Nghệ An", "kind": "peoples_committee",
                                                  "place": place("VN-2008-P40").pk}, format="json")
    assert refused.status_code == 403
    assert api.post("/api/v1/organisations/", {"name_vi": "x", "kind": "spaceship", "place": 0}, format="json").status_code == 400
    assert list(Organisation.objects.values_list("name_vi", flat=True)) == ["Đồn Biên phòng Hương Khê"]


def test_organisations_filter_by_country_and_kind(api, world):
    for name, kind, key in (("UBND huyện Nakai", "peoples_committee", "LA-D-NAKAI"),
                            ("Trạm y tế Hương Xuân", "health_station", "VN-2025-C18544")):
        Organisation.objects.create(name_vi=name, kind=kind, place=place(key))
    api.force_authenticate(world.viewer)
    assert [r["name_vi"] for r in api.get("/api/v1/organisations/", {"country": "LA"}).json()["results"]] == ["UBND huyện Nakai"]
    assert [r["name_vi"] for r in api.get("/api/v1/organisations/", {"kind": "health_station"}).json()["results"]] == [
        "Trạm y tế Hương Xuân"]
    assert api.get("/api/v1/organisations/", {"q": "tram y te"}).json()["count"] == 1


def test_place_and_organisation_answers_match_the_schema(api, world):
    Organisation.objects.create(name_vi="UBND huyện Nakai", kind="peoples_committee", place=place("LA-D-NAKAI"))
    api.force_authenticate(world.admin)
    checks = [
        ("GET", "/api/v1/places/", api.get("/api/v1/places/", {"q": "huong khe"})),
        ("GET", "/api/v1/places/{id}/", api.get(f"/api/v1/places/{place('VN-2008-D444').pk}/")),
        ("GET", "/api/v1/organisations/", api.get("/api/v1/organisations/")),
        ("PATCH", "/api/v1/places/{id}/", api.patch(f"/api/v1/places/{place('LA-D-NAKAI').pk}/", {"aliases": "Na Kai"}, format="json")),
    ]
    for method, path, response in checks:
        assert response.status_code == 200, (path, response.content)
        conforms(api, response, method, path)


def test_the_schema_is_served(api, world):
    api.force_authenticate(world.viewer)
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in ("places", "organisations", "partnerships", "agreements", "commitments"):
        assert f"/api/v1/{resource}/" in paths and f"/api/v1/{resource}/{{id}}/" in paths
