"""Places: who carries a unit on today, and the rules a place keeps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from bordertwin.places.models import Place
from bordertwin.testing import place

pytestmark = pytest.mark.django_db


def keys(places):
    return [p.key for p in places]


def test_huong_vinh_is_carried_on_by_the_new_huong_xuan():
    assert keys(place("VN-2008-C18541").current_successors()) == ["VN-2025-C18544"]


def test_the_legacy_thuong_trach_is_carried_on_by_the_new_thuong_trach_in_quang_tri():
    successors = place("VN-2008-C19147").current_successors()
    assert keys(successors) == ["VN-2025-C19147"]
    assert successors[0].parent.key == "VN-2025-P44"


def test_the_huong_khe_district_is_carried_on_by_seven_communes():
    successors = place("VN-2008-D444").current_successors()
    assert len(successors) == 7
    assert {"VN-2025-C18544", "VN-2025-C18496", "VN-2025-C18550"} <= set(keys(successors))
    assert all(p.is_current and p.level == "commune" for p in successors)


def test_quang_binh_is_carried_on_by_quang_tri():
    assert keys(place("VN-2008-P44").current_successors()) == ["VN-2025-P44"]


def test_a_unit_that_still_exists_carries_itself_on():
    assert keys(place("VN-2008-P42").current_successors()) == ["VN-2008-P42"]
    assert keys(place("LA-D-NAKAI").current_successors()) == ["LA-D-NAKAI"]


def test_before_the_reform_a_legacy_unit_carried_itself_on():
    assert keys(place("VN-2008-D444").current_successors(on=datetime.date(2024, 6, 1))) == ["VN-2008-D444"]


def test_ancestors_run_from_the_province_down():
    assert keys(place("VN-2008-C18541").ancestors()) == ["VN-2008-P42", "VN-2008-D444"]


def test_a_place_is_part_of_a_place_of_the_same_country():
    village = Place(key="LA-V-X", country="LA", level="village", name_vi="Bản X", parent=place("VN-2008-D444"))
    with pytest.raises(ValidationError) as error:
        village.full_clean()
    assert "parent" in error.value.message_dict


def test_a_place_cannot_end_before_it_begins():
    village = Place(key="LA-V-X", country="LA", level="village", name_vi="Bản X", parent=place("LA-D-NAKAI"),
                    valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        village.full_clean()
    assert "valid_to" in error.value.message_dict


@pytest.mark.parametrize("new_parent", ["LA-D-BUALAPHA", "LA-VC-NOONGMA"])
def test_a_place_cannot_be_part_of_itself_or_of_a_place_within_it(new_parent):
    bualapha = place("LA-D-BUALAPHA")
    bualapha.parent = place(new_parent)
    with pytest.raises(ValidationError) as error:
        bualapha.full_clean()
    assert "parent" in error.value.message_dict


def test_the_api_refuses_a_loop_of_places(api, world):
    api.force_authenticate(world.admin)
    response = api.patch(f"/api/v1/places/{place('LA-D-BUALAPHA').pk}/", {"parent": place("LA-VC-NOONGMA").pk}, format="json")
    assert response.status_code == 400
    assert place("LA-D-BUALAPHA").parent.key == "LA-P-KHAMMOUANE"


def test_moving_a_place_moves_the_paths_below_it(world):
    from bordertwin.core import services

    bualapha = place("LA-D-BUALAPHA")
    bualapha.parent = place("LA-P-XIENGKHOUANG")
    services.save_record(bualapha, acting_user=world.admin)
    assert place("LA-VC-NOONGMA").path.startswith(place("LA-P-XIENGKHOUANG").path)


def test_lao_names_are_stored_in_one_spelling(world):
    from bordertwin.core import services

    village = services.save_record(
        Place(key="LA-V-X", country="LA", level="village", name_vi="Bản X", name_lo="ຄໍາ", parent=place("LA-D-NAKAI")),
        acting_user=world.admin,
    )
    assert village.name_lo == "\u0e84\u0eb3"
