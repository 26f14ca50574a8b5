import datetime

import pytest

from bordertwin.intake.matching import RegistryMatcher, name_key, split_level
from bordertwin.places.models import Place

pytestmark = pytest.mark.django_db


def key_of(place_id: int | None) -> str | None:
    return Place.objects.get(pk=place_id).key if place_id else None


def test_it_finds_a_district_written_without_diacritics():
    assert key_of(RegistryMatcher().match("huong khe", "district", "VN")) == "VN-2008-D444"


def test_it_reads_the_level_word_written_before_the_name():
    assert key_of(RegistryMatcher().match("huyện Hương Khê", None, "VN")) == "VN-2008-D444"


@pytest.mark.parametrize("name", ["huyện NaKai", "NaKai", "Na Kai", "nakai", "Nakay"])
def test_it_matches_nakai_however_it_is_written(name):
    assert key_of(RegistryMatcher().match(name, None, "LA")) == "LA-D-NAKAI"


@pytest.mark.parametrize("name", ["Khăm Muộn", "Khăm Muồn", "kham muon", "Khammouane"])
def test_it_matches_khammouane_with_either_tone_mark(name):
    assert key_of(RegistryMatcher().match(name, "province", "LA")) == "LA-P-KHAMMOUANE"


def test_it_matches_a_village_cluster_by_its_other_spelling():
    assert key_of(RegistryMatcher().match("Nỏng Mạ", "village_cluster", "LA")) == "LA-VC-NOONGMA"
    assert key_of(RegistryMatcher().match("Noỏng Mạ", "village_cluster", "LA")) == "LA-VC-NOONGMA"


def test_it_picks_the_commune_that_existed_on_the_document_date():
    before = RegistryMatcher(on=datetime.date(2024, 6, 22)).match("Thượng Trạch", "commune", "VN")
    after = RegistryMatcher(on=datetime.date(2025, 9, 1)).match("Thượng Trạch", "commune", "VN")
    assert key_of(before) == "VN-2008-C19147"
    assert key_of(after) == "VN-2025-C19147"


def test_without_a_date_it_picks_the_unit_that_exists_today():
    assert key_of(RegistryMatcher().match("xã Thượng Trạch", None, "VN")) == "VN-2025-C19147"


def test_the_level_word_picks_the_district_over_the_commune_of_the_same_name():
    matcher = RegistryMatcher(on=datetime.date(2024, 1, 1))
    assert key_of(matcher.match("Hương Khê", "district", "VN")) == "VN-2008-D444"
    assert key_of(matcher.match("Hương Khê", "commune", "VN")) == "VN-2008-C18496"


def test_it_respects_the_country():
    assert RegistryMatcher().match("Nakai", "district", "VN") is None
    assert RegistryMatcher().match("Hương Khê", "district", "LA") is None


def test_it_matches_nothing_for_unknown_names_and_border_guard_units():
    matcher = RegistryMatcher()
    assert matcher.match("Xyzzy Plugh", "district", None) is None
    assert matcher.match("Cha Lo", "unit", "VN") is None
    assert matcher.match("", None, None) is None


def test_it_asks_the_database_once_per_name(django_assert_max_num_queries):
    matcher = RegistryMatcher()
    matcher.match("Nakai", "district", "LA")
    with django_assert_max_num_queries(0):
        matcher.match("NaKai", "district", "LA")


def test_names_compare_without_spaces_case_or_doubled_vowels():
    assert name_key("NaKai") == name_key("Na Kai") == name_key("nakai")
    assert name_key("Noỏng Mạ") == name_key("Nỏng Mạ")
    assert split_level("cụm bản Noỏng Mạ") == ("Noỏng Mạ", "village_cluster")


def test_the_registry_index_follows_places_added_renamed_and_deleted(world, django_assert_num_queries):
    from bordertwin.core.services import delete_record, save_record

    def village_id(name):
        return RegistryMatcher().match(name, "village", "LA")

    assert village_id("Huồi Khắng") is None
    nakai = Place.objects.get(key="LA-D-NAKAI")
    village = save_record(
        Place(key="LA-V-TEST-1", country="LA", level="village", unit_type="Bản", name_vi="Huồi Khắng", parent=nakai),
        acting_user=world.admin,
    )
    assert village_id("bản Huồi Khắng") == village.pk
    village.name_vi = "Huồi Khắng Mới"
    save_record(village, acting_user=world.admin)
    assert village_id("Huồi Khắng") is None and village_id("huoi khang moi") == village.pk
    with django_assert_num_queries(1):  # the registry did not change: one query says so, the index is kept
        assert village_id("Huồi Khắng Mới") == village.pk
    delete_record(village, acting_user=world.admin)
    assert village_id("Huồi Khắng Mới") is None
