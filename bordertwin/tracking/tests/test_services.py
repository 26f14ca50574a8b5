import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bordertwin.core.services import delete_record, save_record
from bordertwin.partnerships.models import Commitment
from bordertwin.tracking import services
from bordertwin.tracking.models import Delivery, ReviewPeriod

from .conftest import make_activity, make_delivery, make_rate, unit

pytestmark = pytest.mark.django_db
D = datetime.date


# --- Totals


def test_total_converts_each_value_at_the_latest_rate_on_or_before_its_day(world):
    admin = world.admin
    make_rate(admin, "USD", "VND", "24000", D(2023, 8, 24))
    make_rate(admin, "USD", "VND", "25000", D(2024, 1, 1))
    make_delivery(world.hk_nakai, admin, value=Decimal("100.00"), currency="USD", delivered_on=D(2023, 12, 31))
    make_delivery(world.hk_nakai, admin, value=Decimal("10.50"), currency="USD", delivered_on=D(2024, 2, 1))
    make_delivery(world.hk_nakai, admin, value=Decimal("100000000"), currency="VND", delivered_on=D(2023, 9, 1))
    total = services.total_value(Delivery.objects.all(), "VND")
    assert total.amount == Decimal("100000000") + Decimal("2400000") + Decimal("262500")
    assert total.missing == []
    assert total.complete


def test_total_says_which_rate_is_missing_instead_of_guessing(world):
    admin = world.admin
    make_rate(admin, "LAK", "VND", "1.15", D(2024, 7, 1))  # only after the delivery
    make_delivery(world.hk_nakai, admin, value=Decimal("5000000"), currency="LAK", delivered_on=D(2024, 6, 22))
    make_delivery(world.hk_nakai, admin, value=Decimal("7"), currency="VND", delivered_on=D(2024, 6, 22))
    total = services.total_value(Delivery.objects.all(), "VND")
    assert total.amount == Decimal("7")
    assert [str(gap) for gap in total.missing] == ["no rate for LAK→VND on or before 22/06/2024"]
    assert not total.complete


def test_total_uses_the_inverse_of_a_reverse_rate(world):
    make_rate(world.admin, "USD", "LAK", "21391", D(2024, 5, 7))
    make_delivery(world.hk_nakai, world.admin, value=Decimal("21391"), currency="LAK", delivered_on=D(2024, 5, 8))
    assert services.total_value(Delivery.objects.all(), "USD").amount == Decimal("1.00")


def test_total_stays_exact_in_decimals(world):
    for _ in range(10):
        make_delivery(world.hk_nakai, world.admin, value=Decimal("0.10"), currency="USD")
    total = services.total_value(Delivery.objects.all(), "USD")
    assert total.amount == Decimal("1.00")
    assert isinstance(total.amount, Decimal)


def test_total_marks_itself_approximate_when_a_value_was_more_than(world):
    make_delivery(world.hk_nakai, world.admin, value=Decimal("1200000000"), currency="VND", value_qualifier="more_than")
    total = services.total_value(Delivery.objects.all(), "VND")
    assert total.approximate and total.amount == Decimal("1200000000")


def test_total_value_takes_two_queries_whatever_the_number_of_deliveries(world, django_assert_max_num_queries):
    make_rate(world.admin, "USD", "VND", "24000", D(2023, 1, 1))
    for day in range(1, 6):
        make_delivery(world.hk_nakai, world.admin, value=Decimal(day), currency="USD", delivered_on=D(2023, 3, day))
    with django_assert_max_num_queries(2):
        services.total_value(Delivery.objects.all(), "VND")


def test_a_value_needs_a_currency_and_a_quantity_a_unit(world):
    with pytest.raises(ValidationError) as error:
        make_delivery(world.hk_nakai, world.admin, value=Decimal("5"), currency="", quantity=Decimal(3), unit=None)
    assert set(error.value.message_dict) == {"currency", "unit"}


def test_a_delivery_fulfils_only_a_commitment_of_its_own_partnership(world):
    with pytest.raises(ValidationError) as error:
        make_delivery(world.tt_noongma, world.admin, commitment=world.hk_commitment)
    assert "commitment" in error.value.message_dict


# --- Progress


def test_progress_measures_deliveries_in_the_target_unit_against_the_target(world):
    commitment = world.hk_commitment
    commitment.target_quantity, commitment.target_unit = Decimal(9), unit("head")
    save_record(commitment, acting_user=world.admin)
    make_delivery(world.hk_nakai, world.admin, commitment=commitment, quantity=Decimal(3))
    make_delivery(world.hk_nakai, world.admin, commitment=commitment, quantity=Decimal(50), unit=unit("kg"))
    assert services.measured_progress([commitment]) == {commitment.pk: Decimal("33.3")}


def test_progress_on_a_past_day_counts_only_what_was_delivered_by_then(world):
    commitment = world.hk_commitment
    commitment.target_quantity, commitment.target_unit = Decimal(10), unit("head")
    save_record(commitment, acting_user=world.admin)
    make_delivery(world.hk_nakai, world.admin, commitment=commitment, quantity=Decimal(4), delivered_on=D(2023, 5, 1))
    make_delivery(world.hk_nakai, world.admin, commitment=commitment, quantity=Decimal(6), delivered_on=D(2024, 5, 1))
    assert services.measured_progress([commitment], today=D(2023, 12, 31)) == {commitment.pk: Decimal("40.0")}
    assert services.measured_progress([commitment], today=D(2024, 12, 31)) == {commitment.pk: Decimal("100.0")}


def test_progress_is_measured_in_a_constant_number_of_queries(world, django_assert_max_num_queries):
    made = []
    for index in range(4):
        made.append(save_record(Commitment(
            agreement=world.hk_memorandum, domain="agriculture", text=f"Mô hình {index}", target_quantity=Decimal(10),
            target_unit=unit("head"),
        ), acting_user=world.admin))
        made.append(save_record(Commitment(
            agreement=world.hk_memorandum, domain="culture_society", text=f"Chúc Tết {index}", recurrence="yearly",
        ), acting_user=world.admin))
        make_delivery(world.hk_nakai, world.admin, commitment=made[-2], quantity=Decimal(5))
    with django_assert_max_num_queries(3):
        progress = services.measured_progress(made)
    assert progress[made[0].pk] == Decimal("50.0")
    assert progress[made[1].pk] == Decimal(0)


def test_a_yearly_commitment_without_an_activity_this_year_is_missed_once_its_due_day_passed(world):
    tet = save_record(Commitment(
        agreement=world.hk_memorandum, domain="culture_society", text="Chúc Tết hằng năm", recurrence="yearly",
        due_date=D(2022, 2, 1),
    ), acting_user=world.admin)
    visit = make_activity(world.hk_nakai, world.admin, kind="tet_visit", started_on=D(2023, 1, 20))
    services.save_activity(visit, [tet], acting_user=world.admin)
    states = services.commitment_states(Commitment.objects.select_related("agreement").filter(pk=tet.pk), today=D(2024, 3, 1))
    # Signed on 25/6/2022, after that year's Tết: the duty starts in 2023, which was served.
    assert states[tet.pk].missed_years == [2024]
    assert services.measured_progress([tet], today=D(2023, 5, 1)) == {tet.pk: Decimal(100)}


def test_a_carried_over_yearly_commitment_counts_what_served_the_one_it_continues(world):
    from bordertwin.partnerships.models import Agreement
    from bordertwin.partnerships.services import carry_over

    tet = save_record(Commitment(
        agreement=world.hk_memorandum, domain="culture_society", text="Chúc Tết hằng năm", recurrence="yearly",
        due_date=D(2022, 2, 15),
    ), acting_user=world.admin)
    visit = make_activity(world.hk_nakai, world.admin, kind="tet_visit", started_on=D(2024, 2, 10))
    services.save_activity(visit, [tet], acting_user=world.admin)
    minutes = save_record(Agreement(partnership=world.hk_nakai, kind="minutes", title="Biên bản hội đàm 2024",
                                    signed_on=D(2024, 1, 5)), acting_user=world.admin)
    [copy] = carry_over([tet], minutes, acting_user=world.admin)
    copy = Commitment.objects.select_related("agreement").get(pk=copy.pk)
    assert services.commitment_states([copy], today=D(2024, 12, 1))[copy.pk].missed_years == []
    assert services.measured_progress([copy], today=D(2024, 12, 1)) == {copy.pk: Decimal(100)}
    assert services.commitment_states([copy], today=D(2025, 3, 1))[copy.pk].missed_years == [2025]


def test_a_commitment_past_its_due_date_and_not_done_is_overdue(world):
    commitment = world.hk_commitment
    commitment.due_date = D(2023, 12, 31)
    save_record(commitment, acting_user=world.admin)
    states = services.commitment_states([Commitment.objects.select_related("agreement").get(pk=commitment.pk)], today=D(2024, 1, 1))
    assert states[commitment.pk].overdue
    commitment.status = "done"
    save_record(commitment, acting_user=world.admin)
    assert not services.commitment_states([commitment], today=D(2024, 1, 1))[commitment.pk].overdue


# --- Activities and their commitments


def test_an_activity_serves_only_commitments_of_its_partnership(world):
    stranger = save_record(Commitment(agreement=world.tt_regulation, domain="economy", text="Hỗ trợ"), acting_user=world.admin)
    activity = make_activity(world.hk_nakai, world.admin)
    with pytest.raises(ValidationError) as error:
        services.save_activity(activity, [world.hk_commitment, stranger], acting_user=world.admin)
    assert "commitments" in error.value.message_dict
    assert list(activity.commitments.all()) == []


def test_an_activity_cannot_end_before_it_begins(world):
    with pytest.raises(ValidationError):
        make_activity(world.hk_nakai, world.admin, started_on=D(2024, 6, 22), ended_on=D(2024, 6, 21))


# --- Confirmation


def test_a_record_remembers_the_side_that_entered_it(delivery):
    assert delivery.recorded_by_side == "VN"
    assert delivery.confirmation == "pending"


def test_an_officer_of_the_other_side_confirms(world, delivery):
    services.confirm(delivery, acting_user=world.la_district_editor, note="Đã nhận đủ")
    delivery.refresh_from_db()
    assert delivery.is_confirmed
    assert delivery.confirmed_by == world.la_district_editor
    assert delivery.confirmed_at is not None
    assert delivery.confirmation_note == "Đã nhận đủ"


def test_the_side_that_entered_a_record_cannot_confirm_it(world, delivery):
    with pytest.raises(PermissionDenied):
        services.confirm(delivery, acting_user=world.vn_approver)
    delivery.refresh_from_db()
    assert delivery.confirmation == "pending"


def test_a_dispute_needs_a_note_and_is_kept(world, activity):
    with pytest.raises(ValidationError):
        services.dispute(activity, acting_user=world.la_district_editor, note="")
    services.dispute(activity, acting_user=world.la_district_editor, note="Ngày sai: 23/6")
    activity.refresh_from_db()
    assert activity.confirmation == "disputed" and activity.confirmation_note == "Ngày sai: 23/6"


def test_an_officer_outside_the_partnership_cannot_confirm(world):
    other = make_delivery(world.nghean_xieng, world.admin)
    with pytest.raises(PermissionDenied):
        services.confirm(other, acting_user=world.la_district_editor)


# --- Period lock


@pytest.fixture
def locked_2023(world):
    period = ReviewPeriod(partnership=world.hk_nakai, start=D(2023, 1, 1), end=D(2023, 12, 31), title="Năm 2023")
    return services.approve_period(period, acting_user=world.vn_approver)


def test_approving_a_review_locks_its_period(world, delivery, locked_2023):
    assert locked_2023.locked and locked_2023.approved_by == world.vn_approver
    delivery.item = "Bò nái lai"
    with pytest.raises(ValidationError):
        save_record(delivery, acting_user=world.vn_province_editor)
    with pytest.raises(ValidationError):
        make_delivery(world.hk_nakai, world.vn_province_editor, delivered_on=D(2023, 7, 1))
    with pytest.raises(ValidationError):
        delete_record(Delivery.objects.get(pk=delivery.pk), acting_user=world.vn_province_editor)
    assert Delivery.objects.get(pk=delivery.pk).item == "Bò nái"


def test_a_record_cannot_be_moved_out_of_a_locked_period(world, delivery, locked_2023):
    delivery.delivered_on = D(2024, 1, 5)
    with pytest.raises(ValidationError):
        save_record(delivery, acting_user=world.vn_province_editor)


def test_records_outside_the_locked_period_or_partnership_stay_editable(world, locked_2023):
    make_delivery(world.hk_nakai, world.vn_province_editor, delivered_on=D(2024, 1, 1))
    make_delivery(world.tt_noongma, world.admin, delivered_on=D(2023, 7, 1))


def test_only_an_approver_approves_a_period(world):
    period = ReviewPeriod(partnership=world.hk_nakai, start=D(2023, 1, 1), end=D(2023, 12, 31))
    with pytest.raises(PermissionDenied):
        services.approve_period(period, acting_user=world.vn_province_editor)


def test_unlocking_needs_a_reason_and_is_audited(world, delivery, locked_2023):
    with pytest.raises(ValidationError):
        services.unlock_period(locked_2023, acting_user=world.vn_approver, reason="")
    with pytest.raises(PermissionDenied):
        services.unlock_period(locked_2023, acting_user=world.vn_province_editor, reason="Sửa số liệu")
    services.unlock_period(locked_2023, acting_user=world.vn_approver, reason="Sửa số liệu bò")
    latest = locked_2023.history.first()
    assert latest.history_change_reason == "Sửa số liệu bò" and latest.history_user == world.vn_approver
    delivery.item = "Bò nái lai"
    save_record(delivery, acting_user=world.vn_province_editor)
