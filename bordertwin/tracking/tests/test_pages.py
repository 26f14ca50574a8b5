import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.tracking import importing, services
from bordertwin.tracking.models import Activity, Delivery, ReviewPeriod

from .conftest import make_activity, make_delivery, make_rate, unit

pytestmark = pytest.mark.django_db
D = datetime.date


def test_every_tracking_page_renders_for_an_editor(client, world, delivery, activity):
    period = services.approve_period(
        ReviewPeriod(partnership=world.hk_nakai, start=D(2020, 1, 1), end=D(2020, 12, 31)), acting_user=world.vn_approver
    )
    rate = make_rate(world.admin, "USD", "VND", "24000", D(2023, 8, 24))
    client.force_login(world.vn_province_editor)
    for url in [
        "/tracking/activities/", "/tracking/activities/new/", f"/tracking/activities/{activity.pk}/",
        f"/tracking/activities/{activity.pk}/edit/", f"/tracking/activities/{activity.pk}/delete/",
        "/tracking/deliveries/", "/tracking/deliveries/new/", f"/tracking/deliveries/{delivery.pk}/",
        f"/tracking/deliveries/{delivery.pk}/edit/", f"/tracking/deliveries/{delivery.pk}/delete/",
        "/tracking/exchange-rates/", f"/tracking/exchange-rates/{rate.pk}/",
        "/tracking/review-periods/", "/tracking/review-periods/new/", f"/tracking/review-periods/{period.pk}/",
        "/tracking/import/", "/tracking/import/?kind=activities",
        f"/partnerships/commitments/{world.hk_commitment.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_an_editor_adds_a_delivery_on_the_page(client, world):
    client.force_login(world.vn_province_editor)
    response = client.post("/tracking/deliveries/new/", {
        "partnership": world.hk_nakai.pk, "category": "cash", "item": "Hỗ trợ khắc phục lũ lụt", "value": "100000000",
        "currency": "VND", "value_qualifier": "exact", "giver_side": "VN", "delivered_on": "2023-10-15",
        "delivered_on_precision": "day",
    })
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.value == Decimal("100000000") and delivery.recorded_by_side == "VN"


def test_an_activity_saved_on_the_page_keeps_the_commitments_it_served(client, world):
    client.force_login(world.la_district_editor)
    response = client.post("/tracking/activities/new/", {
        "partnership": world.hk_nakai.pk, "kind": "tet_visit", "title": "Chúc Tết", "started_on": "2024-02-05",
        "date_precision": "day", "host_side": "VN", "commitments": [world.hk_commitment.pk],
    })
    assert response.status_code == 302, response.context["form"].errors
    assert list(Activity.objects.get().commitments.all()) == [world.hk_commitment]


def test_a_locked_period_refuses_an_edit_on_the_page(client, world, delivery):
    services.approve_period(
        ReviewPeriod(partnership=world.hk_nakai, start=D(2023, 1, 1), end=D(2023, 12, 31)), acting_user=world.vn_approver
    )
    client.force_login(world.vn_province_editor)
    response = client.get(f"/tracking/deliveries/{delivery.pk}/")
    assert "tracking-lock" in response.content.decode()
    response = client.post(f"/tracking/deliveries/{delivery.pk}/edit/", {
        "partnership": world.hk_nakai.pk, "category": "livestock", "item": "Đổi tên", "quantity": "9", "unit": unit("head").pk,
        "value_qualifier": "exact", "giver_side": "VN", "delivered_on": "2023-05-01", "delivered_on_precision": "day",
    })
    assert response.status_code == 200
    assert response.context["form"].errors
    delivery.refresh_from_db()
    assert delivery.item == "Bò nái"
    response = client.post(f"/tracking/deliveries/{delivery.pk}/delete/", {"change_reason": ""})
    assert Delivery.objects.filter(pk=delivery.pk).exists()


def test_the_other_side_confirms_on_the_page(client, world, delivery):
    client.force_login(world.vn_approver)
    client.post(f"/tracking/deliveries/{delivery.pk}/confirm/", {"note": ""})
    delivery.refresh_from_db()
    assert delivery.confirmation == "pending"
    client.force_login(world.la_district_editor)
    page = client.get(f"/tracking/deliveries/{delivery.pk}/").content.decode()
    assert f"/tracking/deliveries/{delivery.pk}/confirm/" in page
    client.post(f"/tracking/deliveries/{delivery.pk}/confirm/", {"note": "Đã nhận"})
    delivery.refresh_from_db()
    assert delivery.confirmation == "confirmed"


def test_an_approver_approves_and_unlocks_a_period_on_the_page(client, world):
    period = ReviewPeriod.objects.create(partnership=world.hk_nakai, start=D(2023, 1, 1), end=D(2023, 12, 31))
    client.force_login(world.vn_approver)
    client.post(f"/tracking/review-periods/{period.pk}/approve/")
    period.refresh_from_db()
    assert period.locked
    client.post(f"/tracking/review-periods/{period.pk}/unlock/", {"reason": ""})
    period.refresh_from_db()
    assert period.locked
    client.post(f"/tracking/review-periods/{period.pk}/unlock/", {"reason": "Bổ sung số liệu"})
    period.refresh_from_db()
    assert not period.locked


def test_an_approver_sets_a_commitment_status_with_a_reason_on_the_page(client, world):
    client.force_login(world.vn_approver)
    client.post(f"/tracking/commitments/{world.hk_commitment.pk}/status/", {"status": "done", "reason": "Đã bàn giao"})
    world.hk_commitment.refresh_from_db()
    assert world.hk_commitment.status == "done"


def test_the_commitment_page_shows_measured_progress_and_deliveries(client, world):
    commitment = world.hk_commitment
    commitment.target_quantity, commitment.target_unit = Decimal(9), unit("head")
    commitment.save()
    make_delivery(world.hk_nakai, world.admin, commitment=commitment, quantity=Decimal(3))
    client.force_login(world.viewer)
    response = client.get(f"/partnerships/commitments/{commitment.pk}/")
    page = response.content.decode()
    assert "33%" in page and "Bò nái" in page


def test_the_import_page_saves_nothing_and_lists_errors_for_a_bad_file(client, world):
    client.force_login(world.vn_province_editor)
    rows = [["partnership", "category", "item", "giver_side", "delivered_on"],
            [world.hk_nakai.pk, "livestock", "Bò", "VN", "2023-01-01"],
            [world.hk_nakai.pk, "livestock", "", "VN", "hôm qua"]]
    upload = SimpleUploadedFile("d.csv", importing.csv_bytes(rows))
    response = client.post("/tracking/import/", {"kind": "deliveries", "file": upload})
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(3, "item"), (3, "delivered_on")]
    assert Delivery.objects.count() == 0
    upload = SimpleUploadedFile("d.csv", importing.csv_bytes(rows[:2]))
    assert client.post("/tracking/import/", {"kind": "deliveries", "file": upload}).status_code == 302
    assert Delivery.objects.count() == 1


def test_the_import_page_answers_in_the_users_language(client, world):
    world.vn_province_editor.language = "vi"
    world.vn_province_editor.save()
    client.force_login(world.vn_province_editor)
    rows = [["partnership", "category", "item", "giver_side", "delivered_on"], [world.hk_nakai.pk, "livestock", "", "VN", "2023-01-01"]]
    response = client.post("/tracking/import/", {"kind": "deliveries", "file": SimpleUploadedFile("d.csv", importing.csv_bytes(rows))})
    assert "Dòng 2, cột “item”" in str(response.context["result"].errors[0])
    assert "bắt buộc" in response.content.decode()


def test_a_viewer_cannot_open_the_import_page(client, world):
    client.force_login(world.viewer)
    assert client.get("/tracking/import/").status_code == 403


def test_the_import_template_and_list_export_share_the_columns(client, world, delivery):
    client.force_login(world.vn_province_editor)
    template = client.get("/tracking/import/deliveries/template.csv").content.decode("utf-8-sig").splitlines()[0]
    export = client.get("/tracking/deliveries/?export=csv").getvalue().decode("utf-8-sig").splitlines()[0]
    assert template == export == ",".join(importing.headers(Delivery))
    assert client.get("/tracking/activities/?export=xlsx").status_code == 200


def test_lists_filter_by_partnership(client, world):
    make_delivery(world.hk_nakai, world.admin, item="Gà")
    make_delivery(world.tt_noongma, world.admin, item="Thuốc")
    client.force_login(world.viewer)
    response = client.get("/tracking/deliveries/", {"partnership": world.tt_noongma.pk})
    assert [row["object"].item for row in response.context["rows"]] == ["Thuốc"]


def test_the_delivery_list_totals_values_and_names_missing_rates(client, world):
    make_rate(world.admin, "USD", "VND", "24000", D(2023, 1, 1))
    make_delivery(world.hk_nakai, world.admin, value=Decimal("10"), currency="USD", delivered_on=D(2023, 6, 1))
    make_delivery(world.hk_nakai, world.admin, value=Decimal("500000"), currency="LAK", delivered_on=D(2024, 6, 22))
    client.force_login(world.viewer)
    response = client.get("/tracking/deliveries/")
    assert response.context["total"].amount == Decimal("240000")
    assert [(gap.currency, gap.to_currency, gap.on) for gap in response.context["total"].missing] == [("LAK", "VND", D(2024, 6, 22))]
    assert "LAK→VND" in response.content.decode()


def test_list_pages_take_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    for index in range(6):
        activity = make_activity(world.hk_nakai, world.admin, title=f"Hoạt động {index}")
        services.save_activity(activity, [world.hk_commitment], acting_user=world.admin)
        make_delivery(world.hk_nakai, world.admin, item=f"Quà {index}", value=Decimal(index), currency="VND")
        make_rate(world.admin, "USD", "VND", "24000", D(2023, 1, index + 1))
    ReviewPeriod.objects.create(partnership=world.hk_nakai, start=D(2020, 1, 1), end=D(2020, 12, 31))
    client.force_login(world.vn_province_editor)
    for url in ["/tracking/activities/", "/tracking/deliveries/", "/tracking/exchange-rates/", "/tracking/review-periods/",
                "/tracking/activities/?export=csv", "/tracking/deliveries/?export=xlsx"]:
        with django_assert_max_num_queries(14):  # a choice among records: whether it has few, then those few in order
            assert client.get(url).status_code == 200, url


def test_detail_pages_take_a_constant_number_of_queries(client, world, delivery, activity, django_assert_max_num_queries):
    services.save_activity(activity, [world.hk_commitment], acting_user=world.admin)
    client.force_login(world.vn_province_editor)
    for url in [f"/tracking/activities/{activity.pk}/", f"/tracking/deliveries/{delivery.pk}/",
                f"/partnerships/commitments/{world.hk_commitment.pk}/"]:
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200, url

