"""A confirmed record cannot change silently: only the side that entered it edits it, and a change of
substance sends it back to the other side for confirmation, in the change log."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from bordertwin.tracking import services
from bordertwin.tracking.models import Delivery

pytestmark = pytest.mark.django_db
D = datetime.date
# What the change log says, in the language of the officer who changed the record (Vietnamese here).
REOPENED = "chờ phía bạn xác nhận lại"


@pytest.fixture
def confirmed_delivery(world, delivery):
    """The 9 cows the Vietnamese side entered, confirmed by the Lao district."""
    services.confirm(delivery, acting_user=world.la_district_editor, note="Đã nhận đủ")
    delivery.refresh_from_db()
    return delivery


def test_a_value_patched_after_confirmation_awaits_confirmation_again(api, world, confirmed_delivery):
    api.force_authenticate(world.vn_province_editor)
    response = api.patch(
        f"/api/v1/deliveries/{confirmed_delivery.pk}/", {"value": "500000000", "currency": "VND"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["confirmation"] == "pending"
    assert response.json()["confirmed_by"] is None
    confirmed_delivery.refresh_from_db()
    assert confirmed_delivery.value == Decimal("500000000")
    assert confirmed_delivery.confirmation == "pending" and confirmed_delivery.confirmed_at is None
    latest = confirmed_delivery.history.first()
    assert REOPENED in latest.history_change_reason
    assert latest.history_user == world.vn_province_editor
    assert confirmed_delivery.history.filter(confirmation="confirmed").exists()  # the answer stays in the log


def test_a_note_changed_after_confirmation_keeps_it_confirmed(api, world, confirmed_delivery):
    api.force_authenticate(world.vn_province_editor)
    response = api.patch(f"/api/v1/deliveries/{confirmed_delivery.pk}/", {"notes": "Bàn giao tại bản Ka Ơi"}, format="json")
    assert response.status_code == 200
    assert response.json()["confirmation"] == "confirmed"


def test_the_date_changed_on_the_page_sends_a_disputed_delivery_back_for_confirmation(client, world, delivery):
    services.dispute(delivery, acting_user=world.la_district_editor, note="Ngày sai")
    client.force_login(world.vn_province_editor)
    response = client.post(f"/tracking/deliveries/{delivery.pk}/edit/", {
        "partnership": world.hk_nakai.pk, "category": "livestock", "item": "Bò nái", "quantity": "9",
        "unit": delivery.unit_id, "value_qualifier": "exact", "giver_side": "VN", "delivered_on": "2023-05-02",
        "delivered_on_precision": "day", "commitment": world.hk_commitment.pk, "change_reason": "Sửa ngày",
    })
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.delivered_on == D(2023, 5, 2)
    assert delivery.confirmation == "pending" and delivery.confirmation_note == ""
    reason = delivery.history.first().history_change_reason
    assert reason.startswith("Sửa ngày") and REOPENED in reason


def test_serving_another_commitment_sends_a_confirmed_activity_back(world, activity):
    services.confirm(activity, acting_user=world.la_district_editor)
    activity.refresh_from_db()
    services.save_activity(activity, [world.hk_commitment], acting_user=world.vn_province_editor)
    activity.refresh_from_db()
    assert activity.confirmation == "pending"
    services.confirm(activity, acting_user=world.la_district_editor)
    activity.refresh_from_db()
    activity.summary = "Hai bên thống nhất kế hoạch năm 2025."
    services.save_activity(activity, [world.hk_commitment], acting_user=world.vn_province_editor)
    activity.refresh_from_db()
    assert activity.confirmation == "confirmed"


def test_the_confirming_side_cannot_edit_or_delete_the_record(api, client, world, confirmed_delivery):
    api.force_authenticate(world.la_district_editor)
    url = f"/api/v1/deliveries/{confirmed_delivery.pk}/"
    assert api.get(url).status_code == 200
    assert api.patch(url, {"value": "1", "currency": "VND"}, format="json").status_code == 403
    assert api.delete(url).status_code == 403
    client.force_login(world.la_district_editor)
    assert client.get(f"/tracking/deliveries/{confirmed_delivery.pk}/edit/").status_code == 403
    assert client.post(f"/tracking/deliveries/{confirmed_delivery.pk}/delete/", {"change_reason": "x"}).status_code == 403
    page = client.get(f"/tracking/deliveries/{confirmed_delivery.pk}/").content.decode()
    assert f"/tracking/deliveries/{confirmed_delivery.pk}/edit/" not in page
    confirmed_delivery.refresh_from_db()
    assert confirmed_delivery.value is None and not confirmed_delivery.is_deleted
    with pytest.raises(PermissionDenied):
        confirmed_delivery.item = "Bò đực"
        services.save_delivery(confirmed_delivery, acting_user=world.la_province_editor)
    assert Delivery.objects.get(pk=confirmed_delivery.pk).item == "Bò nái"


def test_the_other_side_still_answers_what_it_cannot_edit(client, world, delivery):
    client.force_login(world.la_district_editor)
    page = client.get(f"/tracking/deliveries/{delivery.pk}/").content.decode()
    assert f"/tracking/deliveries/{delivery.pk}/dispute/" in page
    client.post(f"/tracking/deliveries/{delivery.pk}/dispute/", {"note": "Chỉ nhận 8 con"})
    delivery.refresh_from_db()
    assert delivery.confirmation == "disputed"
