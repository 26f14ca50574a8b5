"""bordertwin.access: which places a membership covers, and the gate's answers for edge cases."""

import pytest
from django.core.exceptions import PermissionDenied

from bordertwin import access
from bordertwin.access import Role
from bordertwin.accounts.models import Membership
from bordertwin.core import services
from bordertwin.partnerships.models import Partnership
from bordertwin.places.models import Place
from bordertwin.testing import make_user, place

pytestmark = pytest.mark.django_db


def keys(ids: set[int]) -> set[str]:
    return set(Place.all_objects.filter(pk__in=ids).values_list("key", flat=True))


def test_a_province_covers_every_unit_below_it_legacy_and_new():
    covered = keys(access.covered_places(place("VN-2008-P42")))
    # Hà Tĩnh, its legacy district Hương Khê with its communes, and the 2025 communes.
    assert {"VN-2008-P42", "VN-2008-D444", "VN-2008-C18541", "VN-2025-C18544"} <= covered
    assert not covered & {"VN-2008-P40", "VN-2008-P44", "LA-D-NAKAI"}


def test_the_2025_commune_covers_the_communes_merged_into_it():
    covered = keys(access.covered_places(place("VN-2025-C18544")))
    # Xã Hương Vĩnh, the old Xã Hương Xuân and Xã Hương Lâm merged into the new Xã Hương Xuân.
    assert {"VN-2025-C18544", "VN-2008-C18541", "VN-2008-C18544", "VN-2008-C18556"} <= covered


def test_the_2025_commune_covers_the_abolished_district_that_passed_duties_to_it():
    assert place("VN-2008-D444").pk in access.covered_places(place("VN-2025-C18544"))


def test_it_does_not_give_a_commune_the_communes_the_abolished_district_passed_to_others():
    covered = keys(access.covered_places(place("VN-2025-C18544")))
    # Xã Hương Trà went into Xã Hương Đô, Thị trấn Hương Khê into Xã Hương Khê.
    assert not covered & {"VN-2008-C18550", "VN-2008-C18496", "VN-2025-C18550", "VN-2025-C18496"}
    assert covered == {"VN-2025-C18544", "VN-2008-C18541", "VN-2008-C18544", "VN-2008-C18556", "VN-2008-D444"}


def test_the_new_quang_tri_covers_legacy_quang_binh_and_thuong_trach():
    covered = keys(access.covered_places(place("VN-2025-P44")))
    assert {"VN-2008-P44", "VN-2008-D455", "VN-2008-C19147", "VN-2025-C19147", "VN-2008-P45"} <= covered
    assert "VN-2008-P42" not in covered


def test_a_lao_district_covers_its_village_clusters_only():
    covered = keys(access.covered_places(place("LA-D-BUALAPHA")))
    assert "LA-VC-NOONGMA" in covered
    assert not covered & {"LA-P-KHAMMOUANE", "LA-D-NAKAI"}


def test_the_commune_editor_edits_a_record_of_former_huong_vinh_but_not_of_former_huong_tra(world):
    huong_vinh = services.save_record(
        Partnership(vn_place=place("VN-2008-C18541"), la_place=place("LA-D-NAKAI"), level="commune"), acting_user=world.admin
    )
    huong_tra = services.save_record(
        Partnership(vn_place=place("VN-2008-C18550"), la_place=place("LA-D-NAKAI"), level="commune"), acting_user=world.admin
    )
    editor = world.vn_commune_editor
    assert access.can(editor, "change", huong_vinh)
    assert not access.can(editor, "view", huong_tra)
    assert huong_tra not in Partnership.objects.restrict(editor, "view")
    assert huong_vinh in Partnership.objects.restrict(editor, "change")


def test_the_commune_editor_does_not_reach_the_whole_province(world):
    assert not access.can(world.vn_commune_editor, "view", world.nghean_xieng)
    assert set(Partnership.objects.restrict(world.vn_commune_editor)) == {world.hk_nakai}


def test_nobody_signed_out_or_inactive_gets_anything(world):
    from django.contrib.auth.models import AnonymousUser

    world.viewer.is_active = False
    for user in (AnonymousUser(), None, world.viewer):
        assert not Partnership.objects.restrict(user).exists()
        assert not access.can(user, "view", world.hk_nakai)
        assert not access.can_add(user, Partnership) or user is world.viewer


def test_a_membership_over_an_organisation_covers_that_organisations_records(world):
    from bordertwin.places.models import Organisation

    committee = services.save_record(
        Organisation(name_vi="UBND huyện Nakai", kind="peoples_committee", place=place("LA-D-NAKAI")), acting_user=world.admin
    )
    pair = services.save_record(
        Partnership(vn_place=place("VN-2008-P40"), la_place=place("LA-P-XIENGKHOUANG"), la_organisation=None,
                    vn_organisation=None, level="other"), acting_user=world.admin,
    )
    officer = make_user("nakai-committee", "LA")
    Membership.objects.create(user=officer, role=Role.EDITOR, organisation=committee)
    assert not access.can(officer, "view", pair)
    pair.la_organisation = committee
    services.save_record(pair, acting_user=world.admin)
    officer = type(officer).objects.get(pk=officer.pk)
    assert access.can(officer, "change", pair)


def test_an_unknown_action_is_a_programming_error(world):
    with pytest.raises(ValueError):
        Partnership.objects.restrict(world.viewer, "publish")


def test_require_refuses_with_permission_denied(world):
    with pytest.raises(PermissionDenied):
        access.require(world.viewer, "change", world.hk_nakai)
    access.require(world.vn_province_editor, "change", world.hk_nakai)


def test_the_border_officer_only_reads_partnership_records(world):
    officer = world.vn_border_officer
    assert access.can(officer, "view", world.hk_nakai)
    assert not access.can(officer, "change", world.hk_nakai)
    assert not access.can_add(officer, Partnership)


def test_only_administrators_restore(world):
    assert access.can(world.admin, "restore", world.hk_nakai)
    assert access.can(world.la_administrator, "restore", world.hk_nakai)
    for name in ("vn_province_editor", "vn_approver", "la_district_editor", "viewer"):
        assert not access.can(getattr(world, name), "restore", world.hk_nakai), name
