"""How commitments progress, roll up into their parent, and carry over into later minutes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bordertwin.core import services as core_services
from bordertwin.partnerships import services
from bordertwin.partnerships.models import Agreement, Commitment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("status", "progress"), [
    ("proposed", Decimal(0)), ("agreed", Decimal(0)), ("in_progress", Decimal(50)), ("done", Decimal(100)),
    ("carried_over", None), ("cancelled", None),
])
def test_a_status_implies_a_progress(status, progress):
    assert services.own_progress(Commitment(status=status)) == progress


def test_measured_progress_counts_when_it_is_more_than_the_status_implies():
    assert services.own_progress(Commitment(status="in_progress"), Decimal(80)) == Decimal(80)
    assert services.own_progress(Commitment(status="in_progress"), Decimal(20)) == Decimal(50)
    assert services.own_progress(Commitment(status="agreed"), Decimal(150)) == Decimal(100)
    assert services.own_progress(Commitment(status="done"), Decimal(10)) == Decimal(100)
    assert services.own_progress(Commitment(status="cancelled"), Decimal(10)) is None


def test_a_parent_rolls_up_its_parts_by_weight(commit):
    parent = commit("Phát triển mô hình nông nghiệp")
    oranges = commit("Trồng 1,5 ha cam Khe Mây", parent=parent, status="done", weight=3)
    maize = commit("Trồng 1,0 ha ngô", parent=parent, status="agreed", weight=1)
    progress = services.progress_of([parent, oranges, maize])
    assert progress[parent.pk] == Decimal("75.0")
    assert (progress[oranges.pk], progress[maize.pk]) == (Decimal(100), Decimal(0))


def test_cancelled_and_carried_over_parts_do_not_count(commit):
    parent = commit("Phát triển mô hình nông nghiệp")
    parts = [
        commit("Trồng cam", parent=parent, status="done", weight=1),
        commit("Trồng cỏ VA-06", parent=parent, status="cancelled", weight=5),
        commit("Bò nái", parent=parent, status="carried_over", weight=5),
    ]
    assert services.progress_of([parent, *parts])[parent.pk] == Decimal("100.0")


def test_a_parent_whose_parts_all_stopped_counting_falls_back_to_its_own_status(commit):
    parent = commit("Cứu trợ lũ lụt", status="in_progress")
    part = commit("100 triệu đồng", parent=parent, status="cancelled")
    assert services.progress_of([parent, part])[parent.pk] == Decimal(50)


def test_grandchildren_roll_up_through_their_parent(commit):
    top = commit("Nông nghiệp")
    middle = commit("Chăn nuôi", parent=top, weight=1)
    commit_done = commit("9 con bò nái", parent=middle, status="done")
    commit_open = commit("1 con bò đực", parent=middle, status="agreed")
    other = commit("Trồng trọt", parent=top, status="done", weight=1)
    progress = services.progress_of([top, middle, commit_done, commit_open, other])
    assert progress[middle.pk] == Decimal("50.0")
    assert progress[top.pk] == Decimal("75.0")


def test_carrying_over_keeps_the_link_and_marks_the_old_commitment(world, minutes_2023, commit):
    parent = commit("Nông nghiệp", status="in_progress")
    part = commit("Bò nái", parent=parent, status="proposed")
    created = services.carry_over([parent, part], minutes_2023, acting_user=world.vn_province_editor)
    assert len(created) == 2
    new_parent = next(c for c in created if c.carried_from_id == parent.pk)
    new_part = next(c for c in created if c.carried_from_id == part.pk)
    assert new_parent.agreement == minutes_2023 and new_part.parent == new_parent
    assert new_part.status == "agreed" and new_parent.status == "in_progress"
    assert {c.status for c in Commitment.objects.filter(pk__in=[parent.pk, part.pk])} == {"carried_over"}
    assert list(Commitment.objects.get(pk=part.pk).carried_into.all()) == [new_part]


def test_carrying_over_refuses_another_partnership(world):
    with pytest.raises(ValidationError):
        services.carry_over([world.hk_commitment], world.tt_regulation, acting_user=world.admin)
    assert Commitment.objects.get(pk=world.hk_commitment.pk).status == "agreed"


def test_carrying_over_refuses_an_earlier_or_the_same_agreement(world, minutes_2023, commit):
    later = commit("Đưa vào kế hoạch 2023", agreement=minutes_2023)
    with pytest.raises(ValidationError):
        services.carry_over([later], world.hk_memorandum, acting_user=world.admin)
    with pytest.raises(ValidationError):
        services.carry_over([later], minutes_2023, acting_user=world.admin)
    assert Commitment.objects.count() == 2


def test_carrying_over_refuses_a_closed_commitment(world, minutes_2023, commit):
    done = commit("Đã trao bò", status="done")
    with pytest.raises(ValidationError):
        services.carry_over([done], minutes_2023, acting_user=world.admin)
    assert not Commitment.objects.filter(agreement=minutes_2023).exists()


def test_carrying_over_twice_is_refused(world, minutes_2023):
    services.carry_over([world.hk_commitment], minutes_2023, acting_user=world.admin)
    with pytest.raises(ValidationError):
        services.carry_over([Commitment.objects.get(pk=world.hk_commitment.pk)], minutes_2023, acting_user=world.admin)
    reopened = Commitment.objects.get(pk=world.hk_commitment.pk)
    reopened.status = "agreed"
    core_services.save_record(reopened, acting_user=world.admin)
    with pytest.raises(ValidationError):
        services.carry_over([reopened], minutes_2023, acting_user=world.admin)
    assert Commitment.objects.filter(agreement=minutes_2023).count() == 1


def test_carrying_over_nothing_is_refused(world, minutes_2023):
    with pytest.raises(ValidationError):
        services.carry_over([], minutes_2023, acting_user=world.admin)


def test_carrying_over_needs_the_right_to_change_the_agreement(world, minutes_2023):
    with pytest.raises(PermissionDenied):
        services.carry_over([world.hk_commitment], minutes_2023, acting_user=world.viewer)
    with pytest.raises(PermissionDenied):
        services.carry_over([world.hk_commitment], minutes_2023, acting_user=world.vn_border_officer)


def test_a_failed_carry_over_leaves_nothing_half_done(world, minutes_2023, commit):
    done = commit("Đã xong", status="done")
    with pytest.raises(ValidationError):
        services.carry_over([world.hk_commitment, done], minutes_2023, acting_user=world.admin)
    assert Commitment.objects.get(pk=world.hk_commitment.pk).status == "agreed"
    assert not Commitment.objects.filter(agreement=minutes_2023).exists()


def test_the_carry_over_page_offers_only_open_commitments_of_earlier_agreements(client, world, minutes_2023, commit):
    commit("Đã xong", status="done")
    later = Agreement.objects.create(partnership=world.hk_nakai, kind="minutes", title="2024", signed_on=datetime.date(2024, 12, 1))
    commit("Của năm 2024", agreement=later)
    client.force_login(world.vn_province_editor)
    form = client.get(f"/partnerships/agreements/{minutes_2023.pk}/carry-over/").context["form"]
    assert list(form.fields["commitments"].queryset) == [world.hk_commitment]
    client.force_login(world.viewer)
    assert client.get(f"/partnerships/agreements/{minutes_2023.pk}/carry-over/").status_code == 403


def test_an_approver_sets_a_status_with_a_reason(world):
    commitment = services.set_commitment_status(
        world.hk_commitment, "done", acting_user=world.vn_approver, reason="Đã bàn giao đủ 9 con"
    )
    assert commitment.status == "done"
    assert commitment.history.first().history_change_reason == "Đã bàn giao đủ 9 con"


def test_setting_a_status_needs_an_approver_and_a_reason(world):
    with pytest.raises(PermissionDenied):
        services.set_commitment_status(world.hk_commitment, "done", acting_user=world.vn_province_editor, reason="x")
    with pytest.raises(ValidationError):
        services.set_commitment_status(world.hk_commitment, "done", acting_user=world.vn_approver, reason="  ")
    world.hk_commitment.refresh_from_db()
    assert world.hk_commitment.status == "agreed"
