"""Each event tells those who may see its record, and nobody else; the one who acted is not told of their own act."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from bordertwin.access import Role
from bordertwin.border import services as border_services
from bordertwin.core import services as core_services
from bordertwin.notifications import services
from bordertwin.notifications.models import Event, Notification
from bordertwin.reports.jobs import queue_review
from bordertwin.testing import make_user
from bordertwin.tracking import services as tracking_services
from bordertwin.tracking.models import ReviewPeriod
from bordertwin.tracking.tests.conftest import make_delivery

pytestmark = pytest.mark.django_db

LA_WRITERS = {"la-district-editor", "la-province-editor", "la-administrator"}


def test_a_vietnamese_delivery_is_told_to_the_lao_officers_who_may_confirm_it(world, told, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_delivery(world.hk_nakai, world.vn_province_editor)
    found = told()
    # The Lao writers over Nakai; not the Vietnamese side, not the viewer, not the one with no role.
    assert set(found) == LA_WRITERS
    assert found["la-district-editor"] == [
        (Event.AWAITS_CONFIRMATION, "The other side entered the delivery “Bò nái”: it awaits your side's confirmation."),
    ]


def test_nobody_outside_the_partnerships_scope_hears_of_it(world, told, django_capture_on_commit_callbacks):
    make_user("la-xiengkhouang-editor", "LA", Role.EDITOR, "LA-P-XIENGKHOUANG")
    with django_capture_on_commit_callbacks(execute=True):
        make_delivery(world.hk_nakai, world.vn_province_editor)
    assert "la-xiengkhouang-editor" not in told()


def test_nothing_is_told_of_what_was_rolled_back(world, told, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        make_delivery(world.hk_nakai, world.vn_province_editor, quantity=None, unit=None, value=5, currency="")
    assert told() == {}


def test_the_one_who_entered_a_record_hears_it_was_confirmed_or_disputed(world, told, django_capture_on_commit_callbacks):
    delivery = make_delivery(world.hk_nakai, world.vn_province_editor)
    second = make_delivery(world.hk_nakai, world.vn_commune_editor, item="Gà đẻ")
    with django_capture_on_commit_callbacks(execute=True):
        tracking_services.confirm(delivery, acting_user=world.la_district_editor)
        tracking_services.dispute(second, acting_user=world.la_district_editor, note="Chỉ có 500 con")
    found = told()
    assert found["vn-province-editor"] == [(Event.ANSWERED, "The other side confirmed the delivery “Bò nái” you entered.")]
    assert found["vn-commune-editor"] == [(Event.ANSWERED, "The other side disputed the delivery “Gà đẻ” you entered: Chỉ có 500 con")]
    assert "la-district-editor" not in found


def test_a_record_changed_after_its_answer_awaits_the_other_side_again(world, told, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = make_delivery(world.hk_nakai, world.vn_province_editor)
        tracking_services.confirm(delivery, acting_user=world.la_district_editor)
    Notification.objects.all().delete()
    delivery.quantity = 10
    with django_capture_on_commit_callbacks(execute=True):
        tracking_services.save_delivery(delivery, acting_user=world.vn_province_editor)
    assert set(told()) == LA_WRITERS


def test_an_incident_shared_is_told_to_the_other_sides_border_officers_only(world, border, vn_incident, told,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        border_services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer)
    found = told()
    # Incidents are sensitive: the Lao border officer and administrator read them, Lao editors do not.
    assert set(found) == {"la-border-officer", "la-administrator"}
    assert found["la-border-officer"] == [(Event.INCIDENT, "The incident “Drugs, 02/04/2025” was shared with your side.")]


def test_an_incident_moved_is_told_to_those_who_see_it_and_not_before_it_is_shared(world, border, vn_incident, told,
                                                                                  django_capture_on_commit_callbacks):
    border_services.move_incident(vn_incident, "shared", acting_user=world.vn_border_officer)
    with django_capture_on_commit_callbacks(execute=True):
        border_services.move_incident(vn_incident, "joint_handling", acting_user=border.la_officer)
    found = told()
    assert set(found) == {"vn-border-officer", "vn-approver", "la-administrator"}
    assert found["vn-approver"] == [(Event.INCIDENT, "The incident “Drugs, 02/04/2025” moved to “Under joint handling”.")]


def test_a_note_is_told_to_those_who_follow_the_record_and_may_read_it(world, told, django_capture_on_commit_callbacks):
    for follower in (world.la_district_editor, world.vn_commune_editor):
        services.set_following(world.hk_memorandum, True, acting_user=follower)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        core_services.add_note(world.hk_memorandum, acting_user=world.vn_province_editor, text="Đã gửi bản dịch")
    found = told()
    assert set(found) == {"la-district-editor", "vn-commune-editor"}
    assert found["la-district-editor"] == [
        (Event.NOTE, "vn-province-editor wrote a note on the agreement “Biên bản ghi nhớ (25/06/2022)”: Đã gửi bản dịch")]


def test_a_follower_who_lost_sight_of_the_record_is_not_told(world, told, django_capture_on_commit_callbacks):
    services.set_following(world.hk_memorandum, True, acting_user=world.la_district_editor)
    world.la_district_editor.memberships.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        core_services.add_note(world.hk_memorandum, acting_user=world.vn_province_editor, text="Ghi chú")
    assert told() == {}


def test_one_follows_only_what_one_sees(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.set_following(world.nghean_agreement, True, acting_user=world.la_district_editor)


def test_a_new_period_is_told_to_the_approvers_who_may_approve_it(world, told, django_capture_on_commit_callbacks):
    la_approver = make_user("la-approver", "LA", Role.APPROVER, "LA-P-KHAMMOUANE")
    make_user("vn-nghe-an-approver", "VN", Role.APPROVER, "VN-2008-P40")
    with django_capture_on_commit_callbacks(execute=True):
        period = core_services.save_record(ReviewPeriod(
            partnership=world.hk_nakai, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31), title="Năm 2024",
        ), acting_user=world.vn_province_editor)
    found = told()
    assert set(found) == {"vn-approver", "la-administrator", la_approver.username}
    assert found["vn-approver"] == [(Event.PERIOD_AWAITS_APPROVAL,
                                     f"The review period {period} of {world.hk_nakai} awaits approval.")]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        tracking_services.approve_period(period, acting_user=world.vn_approver)
    assert told() == {}


def test_the_one_who_started_a_job_hears_it_finished(client, world, told, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = queue_review(world.vn_province_editor, world.hk_nakai, "xlsx", datetime.date(2022, 6, 25),
                           datetime.date(2024, 6, 22), "en")
    job.refresh_from_db()
    assert job.state == "done"
    found = told()
    assert list(found) == ["vn-province-editor"]
    assert found["vn-province-editor"][0][0] == Event.JOB_FINISHED
    assert found["vn-province-editor"][0][1].endswith("is done.")
    client.force_login(world.vn_province_editor)
    told_job = Notification.objects.get(recipient=world.vn_province_editor)
    assert told_job.params["url"] == f"/jobs/{job.pk}/"
    assert services.message(told_job, "vi") in client.get("/notifications/").content.decode()


def test_an_activity_awaits_confirmation_too(world, told, django_capture_on_commit_callbacks):
    from bordertwin.tracking.tests.conftest import make_activity

    with django_capture_on_commit_callbacks(execute=True):
        make_activity(world.hk_nakai, world.la_district_editor, title="Thi đấu bóng chuyền")
    found = told()
    assert set(found) == {"vn-province-editor", "vn-commune-editor", "vn-approver"}
    assert found["vn-approver"] == [
        (Event.AWAITS_CONFIRMATION, "The other side entered the activity “Thi đấu bóng chuyền”: it awaits your side's confirmation.")]


def test_many_records_entered_at_once_are_told_once_per_partnership(world, told, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for index in range(12):
            make_delivery(world.hk_nakai, world.vn_province_editor, item=f"Quà {index}")
        make_delivery(world.tt_noongma, world.admin, item="Thuốc")
    found = told()
    assert found["la-district-editor"] == [
        (Event.AWAITS_CONFIRMATION, f"The other side entered 12 deliveries in “{world.hk_nakai}”: they await your side's confirmation.")]
    # The Khammouane province editor covers both partnerships: one notice for the import, one for the single delivery.
    assert sorted(found["la-province-editor"]) == sorted([
        found["la-district-editor"][0],
        (Event.AWAITS_CONFIRMATION, "The other side entered the delivery “Thuốc”: it awaits your side's confirmation."),
    ])


def test_records_rolled_back_in_a_savepoint_are_told_to_nobody(world, told, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        make_delivery(world.hk_nakai, world.vn_province_editor, item="Giữ lại")
        try:
            with transaction.atomic():
                make_delivery(world.hk_nakai, world.vn_province_editor, item="Bỏ đi")
                raise RuntimeError
        except RuntimeError:
            pass
    assert [message for _event, message in told()["la-district-editor"]] == [
        "The other side entered the delivery “Giữ lại”: it awaits your side's confirmation."]
