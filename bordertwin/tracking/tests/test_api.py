import datetime
from decimal import Decimal

import pytest

from bordertwin.tracking import services
from bordertwin.tracking.models import Activity, Delivery, ExchangeRate, ReviewPeriod

from .conftest import make_activity, make_delivery, make_rate, unit

pytestmark = pytest.mark.django_db
D = datetime.date


def delivery_body(world, **values):
    body = {
        "partnership": world.hk_nakai.pk, "category": "livestock", "item": "Bò nái", "quantity": "9",
        "unit": unit("head").pk, "value": "1200000000.00", "currency": "VND", "value_qualifier": "more_than",
        "giver_side": "VN", "delivered_on": "2023-05-01", "commitment": world.hk_commitment.pk,
    }
    body.update(values)
    return body


def test_an_editor_adds_a_delivery_and_its_value_stays_exact(api, world):
    api.force_authenticate(world.vn_province_editor)
    response = api.post("/api/v1/deliveries/", delivery_body(world, value="1234567890123.45"), format="json")
    assert response.status_code == 201, response.json()
    delivery = Delivery.objects.get()
    assert delivery.value == Decimal("1234567890123.45")
    assert delivery.recorded_by_side == "VN"
    assert response.json()["value"] == "1234567890123.45"


def test_an_editor_outside_the_partnership_can_neither_see_nor_create(api, world):
    delivery = make_delivery(world.nghean_xieng, world.admin)
    activity = make_activity(world.nghean_xieng, world.admin)
    api.force_authenticate(world.vn_province_editor)
    assert api.get("/api/v1/deliveries/").json()["count"] == 0
    assert api.get("/api/v1/activities/").json()["count"] == 0
    assert api.get(f"/api/v1/deliveries/{delivery.pk}/").status_code == 404
    assert api.get(f"/api/v1/activities/{activity.pk}/").status_code == 404
    assert api.patch(f"/api/v1/deliveries/{delivery.pk}/", {"item": "x"}, format="json").status_code == 404
    response = api.post("/api/v1/deliveries/", delivery_body(world, partnership=world.nghean_xieng.pk, commitment=None), format="json")
    assert response.status_code == 400
    assert "partnership" in response.json()
    assert Delivery.objects.count() == 1


def test_a_viewer_reads_but_cannot_write(api, world):
    make_delivery(world.hk_nakai, world.admin)
    api.force_authenticate(world.viewer)
    assert api.get("/api/v1/deliveries/").json()["count"] == 1
    response = api.post("/api/v1/deliveries/", delivery_body(world), format="json")
    assert response.status_code == 403
    assert Delivery.objects.count() == 1


def test_deliveries_filter_by_partnership_and_search_without_diacritics(api, world):
    make_delivery(world.hk_nakai, world.admin, item="Gà sinh sản")
    make_delivery(world.tt_noongma, world.admin, item="Thuốc chữa bệnh", category="medical")
    api.force_authenticate(world.viewer)
    found = api.get("/api/v1/deliveries/", {"q": "ga sinh san"}).json()["results"]
    assert [row["item"] for row in found] == ["Gà sinh sản"]
    found = api.get("/api/v1/deliveries/", {"partnership": world.tt_noongma.pk}).json()["results"]
    assert [row["item"] for row in found] == ["Thuốc chữa bệnh"]


def test_an_activity_is_created_with_the_commitments_it_served(api, world):
    api.force_authenticate(world.la_district_editor)
    body = {
        "partnership": world.hk_nakai.pk, "kind": "tet_visit", "title": "Chúc Tết Nakai", "started_on": "2024-02-01",
        "commitments": [world.hk_commitment.pk], "vn_participant_count": 12,
    }
    response = api.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get()
    assert list(activity.commitments.all()) == [world.hk_commitment]
    assert activity.recorded_by_side == "LA"


def test_an_activity_refuses_a_commitment_of_another_partnership(api, world):
    api.force_authenticate(world.admin)
    body = {"partnership": world.tt_noongma.pk, "kind": "talks", "title": "Hội đàm", "started_on": "2024-06-01",
            "commitments": [world.hk_commitment.pk]}
    response = api.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 400
    assert "commitments" in response.json()
    assert not Activity.objects.exists()


def test_the_other_side_confirms_through_the_api_and_the_same_side_cannot(api, world):
    delivery = make_delivery(world.hk_nakai, world.vn_province_editor)
    api.force_authenticate(world.vn_province_editor)
    assert api.post(f"/api/v1/deliveries/{delivery.pk}/confirm/", {}, format="json").status_code == 403
    api.force_authenticate(world.la_district_editor)
    response = api.post(f"/api/v1/deliveries/{delivery.pk}/confirm/", {"note": "Đã nhận"}, format="json")
    assert response.status_code == 200
    assert response.json()["confirmation"] == "confirmed"
    assert response.json()["confirmed_by"] == world.la_district_editor.pk


def test_a_dispute_without_a_note_is_refused(api, world):
    activity = make_activity(world.hk_nakai, world.vn_province_editor)
    api.force_authenticate(world.la_district_editor)
    assert api.post(f"/api/v1/activities/{activity.pk}/dispute/", {}, format="json").status_code == 400
    response = api.post(f"/api/v1/activities/{activity.pk}/dispute/", {"note": "Sai ngày"}, format="json")
    assert response.json()["confirmation"] == "disputed"


def test_a_locked_period_refuses_changes_through_the_api(api, world):
    delivery = make_delivery(world.hk_nakai, world.vn_province_editor)
    api.force_authenticate(world.vn_province_editor)
    response = api.post("/api/v1/review-periods/", {"partnership": world.hk_nakai.pk, "start": "2023-01-01", "end": "2023-12-31"}, format="json")
    assert response.status_code == 201
    period_id = response.json()["id"]
    assert api.post(f"/api/v1/review-periods/{period_id}/approve/", {}, format="json").status_code == 403
    api.force_authenticate(world.vn_approver)
    assert api.post(f"/api/v1/review-periods/{period_id}/approve/", {}, format="json").json()["locked"] is True
    api.force_authenticate(world.vn_province_editor)
    response = api.patch(f"/api/v1/deliveries/{delivery.pk}/", {"item": "Bò đực"}, format="json")
    assert response.status_code == 400
    assert api.delete(f"/api/v1/deliveries/{delivery.pk}/").status_code == 400
    response = api.patch(f"/api/v1/review-periods/{period_id}/", {"end": "2023-01-31"}, format="json")
    assert response.status_code == 400
    api.force_authenticate(world.vn_approver)
    assert api.post(f"/api/v1/review-periods/{period_id}/unlock/", {}, format="json").status_code == 400
    response = api.post(f"/api/v1/review-periods/{period_id}/unlock/", {"reason": "Sửa số lượng"}, format="json")
    assert response.json()["locked"] is False
    assert Delivery.objects.get(pk=delivery.pk).item == "Bò nái"
    assert ReviewPeriod.objects.get().history.first().history_change_reason == "Sửa số lượng"


def test_units_are_read_by_everyone_signed_in_and_kept_by_administrators(api, world):
    api.force_authenticate(world.viewer)
    codes = [row["code"] for row in api.get("/api/v1/units/", {"page_size": 100}).json()["results"]]
    assert "head" in codes and "ha" in codes
    assert api.post("/api/v1/units/", {"code": "box", "name_vi": "hộp", "name_en": "box"}, format="json").status_code == 403
    api.force_authenticate(world.admin)
    assert api.post("/api/v1/units/", {"code": "box", "name_vi": "hộp", "name_en": "box"}, format="json").status_code == 201


def test_exchange_rates_are_public_to_read_and_kept_by_administrators(api, world):
    make_rate(world.admin, "USD", "VND", "24000", D(2023, 8, 24))
    api.force_authenticate(world.vn_province_editor)
    assert api.get("/api/v1/exchange-rates/", {"currency": "USD"}).json()["count"] == 1
    body = {"currency": "USD", "to_currency": "LAK", "rate": "21391", "valid_on": "2024-05-07", "source": "BOL"}
    assert api.post("/api/v1/exchange-rates/", body, format="json").status_code == 403
    api.force_authenticate(world.admin)
    assert api.post("/api/v1/exchange-rates/", body, format="json").status_code == 201
    assert ExchangeRate.objects.get(to_currency="LAK").rate == Decimal("21391")
    assert api.post("/api/v1/exchange-rates/", body, format="json").status_code == 400


def test_anonymous_callers_get_401(api):
    assert api.get("/api/v1/deliveries/").status_code == 401


def test_api_lists_take_a_constant_number_of_queries(api, world, django_assert_max_num_queries):
    for index in range(5):
        activity = make_activity(world.hk_nakai, world.admin, title=f"Hoạt động {index}")
        services.save_activity(activity, [world.hk_commitment], acting_user=world.admin)
        make_delivery(world.hk_nakai, world.admin, item=f"Quà {index}")
    api.force_authenticate(world.vn_province_editor)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/activities/").json()["count"] == 5
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/deliveries/").json()["count"] == 5
