"""Reminders on the schedule: commitments due within 30 days or overdue, markers overdue for inspection; once per occasion."""

import datetime

import pytest

from bordertwin.access import Role
from bordertwin.core.services import save_record
from bordertwin.jobs import services as job_services
from bordertwin.jobs.models import Job
from bordertwin.notifications import jobs, services
from bordertwin.notifications.models import Event, Notification
from bordertwin.testing import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)


def due(world, days):
    commitment = world.hk_commitment
    commitment.due_date = TODAY + datetime.timedelta(days=days)
    return save_record(commitment, acting_user=world.admin)


def commitment_messages(username):
    return [services.message(n) for n in Notification.objects.filter(recipient__username=username, event=Event.COMMITMENT_DUE).order_by("pk")]


def test_a_commitment_due_within_30_days_is_told_to_those_whose_scope_holds_it(world):
    due(world, 20)
    services.remind(TODAY)
    assert commitment_messages("la-district-editor") == ["The commitment “Hỗ trợ 9 con bò nái” falls due on 21/03/2026."]
    assert commitment_messages("vn-province-editor") == commitment_messages("la-district-editor")
    assert commitment_messages("outsider") == []
    assert not Notification.objects.filter(recipient=world.la_district_editor, event=Event.COMMITMENT_DUE,
                                           target_id=str(world.nghean_agreement.pk)).exists()


def test_someone_out_of_scope_is_not_reminded(world):
    make_user("la-xiengkhouang-editor", "LA", Role.EDITOR, "LA-P-XIENGKHOUANG")
    due(world, 5)
    services.remind(TODAY)
    assert commitment_messages("la-xiengkhouang-editor") == []


def test_a_commitment_due_later_is_not_told_yet(world):
    due(world, 31)
    services.remind(TODAY)
    assert commitment_messages("la-district-editor") == []


def test_an_overdue_commitment_is_told_again_once_overdue(world):
    due(world, 3)
    services.remind(TODAY)
    services.remind(TODAY + datetime.timedelta(days=10))
    assert commitment_messages("la-district-editor") == [
        "The commitment “Hỗ trợ 9 con bò nái” falls due on 04/03/2026.", "The commitment “Hỗ trợ 9 con bò nái” is overdue: it was due on 04/03/2026.",
    ]


def test_reminders_run_twice_notify_once(world, border):
    due(world, -1)
    first = services.remind(TODAY)
    count = Notification.objects.count()
    assert first == count > 0
    assert services.remind(TODAY) == 0
    assert Notification.objects.count() == count


def test_the_scheduled_job_twice_in_a_day_notifies_once(world, border):
    due(world, 10)
    job_services.start(jobs.REMINDERS, None)
    count = Notification.objects.count()
    job_services.start(jobs.REMINDERS, None)
    assert Job.objects.filter(kind=jobs.REMINDERS, state="done").count() == 2
    assert Notification.objects.count() == count > 0


def test_a_marker_never_inspected_is_told_to_those_who_see_it(world, border):
    services.remind(TODAY)
    told = [services.message(n) for n in Notification.objects.filter(recipient=world.la_district_editor, event=Event.MARKER_OVERDUE)]
    assert sorted(told) == [f"Marker {number} has never been inspected." for number in ("521", "522", "523(1)")]
    assert not Notification.objects.filter(recipient=world.outsider).exists()


def test_a_marker_inspected_long_ago_names_its_last_inspection_and_is_told_again_after_the_next(world, border):
    from bordertwin.border.services import record_inspection

    marker = border.markers[0]
    record_inspection(marker, acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 1, 5))
    services.remind(TODAY)
    # The Vietnamese side's own inspection: its officers read it (the Lao side does not, and is told it was never inspected).
    about = Notification.objects.filter(recipient=world.vn_province_editor, event=Event.MARKER_OVERDUE,
                                        target_id=str(marker.pk)).order_by("pk")
    assert [services.message(n) for n in about] == ["Marker 521 has not been inspected since 05/01/2025."]
    record_inspection(marker, acting_user=world.vn_border_officer, condition="good", inspected_on=datetime.date(2025, 10, 1))
    services.remind(TODAY)
    assert about.all().count() == 2
    services.remind(TODAY)
    assert about.all().count() == 2
