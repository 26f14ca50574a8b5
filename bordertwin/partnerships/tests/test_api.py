"""The partnerships API: tokens, clear 400s for bad input, bounded pages, filters, answers that match the schema."""

import datetime

import pytest

from bordertwin.core import services
from bordertwin.core.tests.schema import conforms
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.testing import PASSWORD, place

pytestmark = pytest.mark.django_db


def new_partnership(**changes):
    return {"vn_place": place("VN-2008-D444").pk, "la_place": place("LA-D-NAKAI").pk, "level": "commune"} | changes


def test_a_token_is_given_for_a_username_and_password(api, world):
    response = api.post("/api/v1/auth/token/", {"username": "vn-province-editor", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/v1/partnerships/").json()["count"] == 1


@pytest.mark.parametrize("credentials", [
    {"username": "vn-province-editor", "password": "wrong"}, {"username": "nobody", "password": PASSWORD}, {},
])
def test_bad_credentials_get_400(api, world, credentials):
    response = api.post("/api/v1/auth/token/", credentials, format="json")
    assert response.status_code == 400


def test_a_wrong_token_gets_401(api, world):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/partnerships/").status_code == 401


@pytest.mark.parametrize(("changes", "fields"), [
    (None, {"vn_place", "la_place", "level"}),
    ({"level": 5}, {"level"}),
    ({"level": "galaxy"}, {"level"}),
    ({"vn_place": "Hương Khê"}, {"vn_place"}),
    ({"vn_place": {"id": 1}}, {"vn_place"}),
    ({"vn_place": [1, 2]}, {"vn_place"}),
    ({"vn_place": 10**30}, {"vn_place"}),
    ({"established_on": "2024-13-45"}, {"established_on"}),
    ({"established_on": "25/06/2022"}, {"established_on"}),
    ({"border_length_km": "-51"}, {"border_length_km"}),
    ({"border_length_km": "năm mươi"}, {"border_length_km"}),
    ({"border_length_km": "1e400"}, {"border_length_km"}),
    ({"status": None}, {"status"}),
])
def test_bad_partnership_input_answers_400_with_the_fields_at_fault(api, world, changes, fields):
    payload = {} if changes is None else new_partnership(**changes)
    api.force_authenticate(world.vn_province_editor)
    before = Partnership.all_objects.count()
    response = api.post("/api/v1/partnerships/", payload, format="json")
    assert response.status_code == 400, response.content
    assert fields <= set(response.json()), response.json()
    assert Partnership.all_objects.count() == before


def test_the_vietnamese_side_must_be_in_vietnam(api, world):
    api.force_authenticate(world.admin)
    response = api.post("/api/v1/partnerships/", new_partnership(vn_place=place("LA-D-BUALAPHA").pk), format="json")
    assert response.status_code == 400
    assert "vn_place" in response.json()


def test_a_partnership_outside_the_users_view_does_not_exist_for_them(api, world):
    api.force_authenticate(world.vn_province_editor)
    response = api.post("/api/v1/agreements/", {"partnership": world.nghean_xieng.pk, "kind": "plan", "title": "x",
                                                "signed_on": "2024-01-01"}, format="json")
    assert response.status_code == 400
    assert "does not exist" in response.json()["partnership"][0] or "không tồn tại" in response.json()["partnership"][0]
    response = api.post("/api/v1/partnerships/", new_partnership(parent=world.nghean_xieng.pk), format="json")
    assert response.status_code == 400
    assert "parent" in response.json()
    assert not Agreement.objects.filter(title="x").exists()


def test_an_agreement_follows_one_of_the_same_partnership(api, world):
    api.force_authenticate(world.admin)
    response = api.post("/api/v1/agreements/", {"partnership": world.hk_nakai.pk, "kind": "minutes", "title": "Biên bản 2023",
                                                "signed_on": "2023-12-20", "follows": world.tt_regulation.pk}, format="json")
    assert response.status_code == 400
    assert "follows" in response.json()


def test_a_commitment_target_needs_a_unit(api, world):
    api.force_authenticate(world.admin)
    response = api.post("/api/v1/commitments/", {"agreement": world.hk_memorandum.pk, "domain": "agriculture",
                                                 "text": "Trồng 1,5 ha cam", "target_quantity": "1.5"}, format="json")
    assert response.status_code == 400
    assert "target_unit" in response.json()


def test_a_commitment_cannot_be_set_to_carry_on_another_by_hand(api, world):
    api.force_authenticate(world.admin)
    response = api.post("/api/v1/commitments/", {"agreement": world.hk_memorandum.pk, "domain": "health", "text": "x",
                                                 "carried_from": world.hk_commitment.pk}, format="json")
    assert response.status_code == 201
    assert Commitment.objects.get(pk=response.json()["id"]).carried_from is None


def test_page_size_is_bounded(api, world):
    api.force_authenticate(world.viewer)
    for size, expected in (("100000", 500), ("0", 25), ("-3", 25), ("abc", 25), ("2", 2)):
        response = api.get("/api/v1/places/", {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == expected, size
    assert api.get("/api/v1/places/", {"page": "999999"}).status_code == 404
    assert api.get("/api/v1/places/", {"page": "abc"}).status_code == 404


def test_search_and_filters_in_the_api(api, world):
    for n in range(3):
        services.save_record(Commitment(agreement=world.tt_regulation, domain="health", text=f"Cấp thuốc đợt {n}"),
                             acting_user=world.admin)
    api.force_authenticate(world.viewer)
    assert api.get("/api/v1/commitments/", {"q": "cap thuoc"}).json()["count"] == 3
    assert api.get("/api/v1/commitments/", {"q": "cap thuoc", "partnership": world.hk_nakai.pk}).json()["count"] == 0
    assert api.get("/api/v1/partnerships/", {"q": "thuong trach"}).json()["results"][0]["id"] == world.tt_noongma.pk
    assert api.get("/api/v1/agreements/", {"ordering": "signed_on"}).status_code == 200


def test_responses_match_the_openapi_schema(api, world):
    api.force_authenticate(world.admin)
    checks = [
        ("GET", "/api/v1/partnerships/", api.get("/api/v1/partnerships/")),
        ("GET", "/api/v1/partnerships/{id}/", api.get(f"/api/v1/partnerships/{world.hk_nakai.pk}/")),
        ("GET", "/api/v1/agreements/", api.get("/api/v1/agreements/")),
        ("GET", "/api/v1/agreements/{id}/", api.get(f"/api/v1/agreements/{world.hk_memorandum.pk}/")),
        ("GET", "/api/v1/commitments/", api.get("/api/v1/commitments/")),
        ("GET", "/api/v1/commitments/{id}/", api.get(f"/api/v1/commitments/{world.hk_commitment.pk}/")),
        ("POST", "/api/v1/partnerships/", api.post("/api/v1/partnerships/", new_partnership(border_length_km="12.5"), format="json")),
        ("PATCH", "/api/v1/commitments/{id}/", api.patch(f"/api/v1/commitments/{world.hk_commitment.pk}/", {"status": "done"}, format="json")),
    ]
    for method, path, response in checks:
        assert response.status_code in (200, 201), (path, response.content)
        conforms(api, response, method, path)


def test_a_single_partnership_names_its_carriers_today(api, world):
    api.force_authenticate(world.viewer)
    carriers = api.get(f"/api/v1/partnerships/{world.hk_nakai.pk}/").json()["vn_carriers"]
    assert len(carriers) == 7
    assert place("VN-2025-C18544").pk in carriers


@pytest.mark.parametrize("url", ["/api/v1/partnerships/", "/api/v1/agreements/", "/api/v1/commitments/",
                                 "/api/v1/organisations/", "/api/v1/places/?q=huong"])
def test_api_lists_take_the_same_number_of_queries_for_3n_rows_as_for_n(api, world, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bordertwin.places.models import Organisation

    def grow(start, count):
        communes = list(place("VN-2008-D444").children.order_by("path"))
        for n in range(start, start + count):
            commune = communes[n % len(communes)]
            organisation = Organisation.objects.create(name_vi=f"UBND xã {n}", kind="peoples_committee", place=commune)
            pair = services.save_record(Partnership(vn_place=commune, vn_organisation=organisation, la_place=place("LA-D-NAKAI"),
                                                    level="commune", parent=world.hk_nakai), acting_user=world.admin)
            agreement = services.save_record(Agreement(partnership=pair, kind="plan", title=f"Kế hoạch {n}",
                                                       signed_on=datetime.date(2024, 1, 1)), acting_user=world.admin)
            services.save_record(Commitment(agreement=agreement, domain="health", text=f"Khám {n}"), acting_user=world.admin)

    api.force_authenticate(world.vn_province_editor)
    grow(0, 3)
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    grow(3, 6)
    with django_assert_max_num_queries(len(captured)):
        assert api.get(url).status_code == 200
