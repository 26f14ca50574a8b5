"""Integrity of the reference place files in bordertwin/places/data/.

Plain pytest: no Django and no database, so the files can be checked before any import.
Run with: pytest bordertwin/places/tests/test_reference_data.py -p no:django -q
"""

from __future__ import annotations

import csv
import datetime
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

PLACE_FIELDS = [
    "key", "country", "level", "unit_type", "code", "name_vi", "name_en", "name_lo",
    "aliases", "parent_key", "valid_from", "valid_to",
]
SUCCESSION_FIELDS = ["predecessor_key", "successor_key", "kind", "date", "note"]
PLACE_FILES = ["vn_places.csv", "la_places.csv"]
SUCCESSION_FILES = ["vn_successions.csv", "la_successions.csv"]

LEVELS = {"province", "district", "commune", "ward", "village_cluster", "village"}
KINDS = {"merged", "split", "renamed", "duties_transferred"}
UNIT_TYPES = {
    "VN": {
        "province": {"Tỉnh", "Thành phố"},
        "district": {"Huyện", "Thị xã", "Thành phố", "Quận"},
        "commune": {"Xã", "Thị trấn", "Đặc khu"},
        "ward": {"Phường"},
    },
    "LA": {
        "province": {"Tỉnh"},
        "district": {"Huyện"},
        "village_cluster": {"Cụm bản"},
        "village": {"Bản"},
    },
}
# Which level a unit's parent may have.
PARENT_LEVELS = {
    "province": set(),
    "district": {"province"},
    "commune": {"district", "province"},  # province: the 2-level structure from 2025-07-01
    "ward": {"district", "province"},
    "village_cluster": {"district"},
    "village": {"village_cluster", "district"},
}
REFORM_DATE = datetime.date(2025, 7, 1)
LAST_LEGACY_DAY = datetime.date(2025, 6, 30)

# Legacy communes with an end date but no succession. The generator's source package
# lists them in its legacy structure but its 2025 conversion table has no entry for
# them: they were most likely merged away shortly before 1 July 2025, into units the
# package's legacy list does not yet contain, so their successor is not known from the
# package and is not guessed here.
LEGACY_WITHOUT_KNOWN_SUCCESSOR = {
    "VN-2008-C3751",   # Xã Chiềng Ly (Thuận Châu, Sơn La)
    "VN-2008-C3898",   # Thị trấn Phù Yên (Sơn La)
    "VN-2008-C3913",   # Xã Huy Bắc (Phù Yên, Sơn La)
    "VN-2008-C3988",   # Xã Tân Hợp (Mộc Châu, Sơn La)
    "VN-2008-C3991",   # Xã Qui Hướng (Mộc Châu, Sơn La)
    "VN-2008-C4003",   # Xã Tà Lai (Mộc Châu, Sơn La)
    "VN-2008-C4060",   # Thị trấn Yên Châu (Sơn La)
    "VN-2008-C16387",  # Xã Đông Khê (TP Thanh Hóa)
    "VN-2008-C16411",  # Xã Đông Xuân (TP Thanh Hóa)
    "VN-2008-C18448",  # Xã Bình Lộc (Thạch Hà, Hà Tĩnh)
    "VN-2008-C20176",  # Xã Hương Hòa (Phú Lộc, Huế)
    "VN-2008-C20674",  # Xã Quế Phước (Quế Sơn, Quảng Nam)
}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@cache
def places_by_file() -> dict[str, list[dict[str, str]]]:
    return {name: read(name)[1] for name in PLACE_FILES}


@cache
def all_places() -> dict[str, dict[str, str]]:
    return {row["key"]: row for rows in places_by_file().values() for row in rows}


@cache
def all_successions() -> list[dict[str, str]]:
    return [row for name in SUCCESSION_FILES for row in read(name)[1]]


def successors_of(key: str, kind: str | None = None) -> list[str]:
    return [row["successor_key"] for row in all_successions()
            if row["predecessor_key"] == key and (kind is None or row["kind"] == kind)]


def parse_date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


# --- format -----------------------------------------------------------------------

@pytest.mark.parametrize("name", PLACE_FILES)
def test_place_files_have_the_agreed_columns(name):
    fields, rows = read(name)
    assert fields == PLACE_FIELDS
    assert rows, f"{name} is empty"
    assert all(None not in row and len(row) == len(PLACE_FIELDS) for row in rows)


@pytest.mark.parametrize("name", SUCCESSION_FILES)
def test_succession_files_have_the_agreed_columns(name):
    fields, rows = read(name)
    assert fields == SUCCESSION_FIELDS
    assert all(None not in row and len(row) == len(SUCCESSION_FIELDS) for row in rows)


@pytest.mark.parametrize("name", PLACE_FILES + SUCCESSION_FILES)
def test_files_are_nfc_utf8_text(name):
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert "\ufeff" not in text


# --- places -------------------------------------------------------------------------

def test_keys_are_unique_across_files():
    keys = [row["key"] for rows in places_by_file().values() for row in rows]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates
    assert all(0 < len(key) <= 40 and key == key.strip() for key in keys)


def test_country_and_key_prefix_agree():
    for key, row in all_places().items():
        assert row["country"] in {"VN", "LA"}, key
        assert key.startswith(row["country"] + "-"), key


def test_levels_and_unit_types_are_valid():
    for key, row in all_places().items():
        assert row["level"] in LEVELS, key
        assert row["unit_type"] in UNIT_TYPES[row["country"]].get(row["level"], set()), key
        assert row["name_vi"].strip() == row["name_vi"] and row["name_vi"], key
        # The type word is not part of the name; one real name does start with it:
        # Phường Phường Đúc in Huế, named after the old bronze-casting quarter.
        if key != "VN-2008-C19780":
            assert not row["name_vi"].startswith(row["unit_type"] + " "), key


def test_parents_exist_precede_their_children_and_sit_one_level_up():
    for name, rows in places_by_file().items():
        seen: set[str] = set()
        for row in rows:
            parent_key = row["parent_key"]
            if row["level"] == "province":
                assert not parent_key, row["key"]
            else:
                assert parent_key in seen, f'{name}: {row["key"]} before its parent {parent_key!r}'
                parent = all_places()[parent_key]
                assert parent["level"] in PARENT_LEVELS[row["level"]], row["key"]
                assert parent["country"] == row["country"], row["key"]
            seen.add(row["key"])


def test_dates_parse_and_are_ordered():
    for key, row in all_places().items():
        valid_from, valid_to = parse_date(row["valid_from"]), parse_date(row["valid_to"])
        if valid_from and valid_to:
            assert valid_from <= valid_to, key


def test_children_live_within_their_parent_validity():
    for key, row in all_places().items():
        if not row["parent_key"]:
            continue
        parent = all_places()[row["parent_key"]]
        if parent["valid_to"]:
            assert row["valid_to"] and row["valid_to"] <= parent["valid_to"], key
        if parent["valid_from"]:
            assert row["valid_from"] and row["valid_from"] >= parent["valid_from"], key


def test_vietnamese_rows_have_codes_and_plain_latin_names():
    for key, row in all_places().items():
        if row["country"] != "VN":
            continue
        assert row["code"].isdigit(), key
        assert row["name_en"].isascii() and row["name_en"], key
        assert not row["name_lo"], key


def test_vietnamese_keys_carry_structure_level_and_code():
    letters = {"province": "P", "district": "D", "commune": "C", "ward": "C"}
    for key, row in all_places().items():
        if row["country"] != "VN":
            continue
        structure = "2025" if row["valid_from"] == REFORM_DATE.isoformat() else "2008"
        assert key == f'VN-{structure}-{letters[row["level"]]}{row["code"]}', key


def test_legacy_and_new_vietnamese_units_have_the_reform_dates():
    for key, row in all_places().items():
        if key.startswith("VN-2025-"):
            assert parse_date(row["valid_from"]) == REFORM_DATE and not row["valid_to"], key
        elif key.startswith("VN-2008-"):
            assert not row["valid_from"], key
            if row["level"] != "province":
                # Every legacy district and commune ended with the 2025 reform.
                assert parse_date(row["valid_to"]) == LAST_LEGACY_DAY, key


def test_lao_names_are_canonical_lao_script():
    for key, row in all_places().items():
        if row["country"] != "LA":
            continue
        # The Lao statistics codes: 2 digits for a province, its own 2 and 2 more for a district, none below.
        if row["level"] == "province":
            assert len(row["code"]) == 2 and row["code"].isdigit(), key
        elif row["level"] == "district":
            assert len(row["code"]) == 4 and row["code"][:2] == all_places()[row["parent_key"]]["code"], key
        else:
            assert not row["code"], key
        name_lo = row["name_lo"]
        for text in [name_lo, row["name_vi"], row["name_en"], row["aliases"]]:
            assert text == unicodedata.normalize("NFC", text), key
        if name_lo:
            assert all("\u0e80" <= ch <= "\u0eff" for ch in name_lo), key
            # The canonical spelling uses U+0EB3 (ຳ); ໍ + າ belongs in the aliases.
            assert "\u0ecd\u0eb2" not in name_lo, key
        # Bare names: no "province", "district" or "village cluster" word in front.
        assert not name_lo.startswith(("ແຂວງ", "ເມືອງ", "ກຸ່ມບ້ານ")), key


def test_aliases_are_clean_lists():
    for key, row in all_places().items():
        if not row["aliases"]:
            continue
        parts = row["aliases"].split(";")
        assert all(part and part == part.strip() for part in parts), key
        assert len(parts) == len(set(parts)), key


# --- successions --------------------------------------------------------------------

def test_succession_rows_are_valid():
    places = all_places()
    seen = set()
    for row in all_successions():
        assert row["predecessor_key"] in places, row
        assert row["successor_key"] in places, row
        assert row["predecessor_key"] != row["successor_key"], row
        assert row["kind"] in KINDS, row
        assert parse_date(row["date"]), row
        triple = (row["predecessor_key"], row["successor_key"], row["kind"])
        assert triple not in seen, row  # the import's unique constraint
        seen.add(triple)


def test_successions_follow_the_predecessor_end_and_successor_start():
    places = all_places()
    for row in all_successions():
        date = parse_date(row["date"])
        predecessor, successor = places[row["predecessor_key"]], places[row["successor_key"]]
        assert predecessor["valid_to"] and parse_date(predecessor["valid_to"]) < date, row
        if successor["valid_from"]:
            assert parse_date(successor["valid_from"]) <= date, row
        assert not successor["valid_to"] or parse_date(successor["valid_to"]) >= date, row


def test_split_has_several_successors_and_merge_or_rename_one():
    by_kind: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in all_successions():
        by_kind[(row["predecessor_key"], row["kind"])].append(row["successor_key"])
    for (predecessor, kind), successors in by_kind.items():
        if kind == "split":
            assert len(successors) >= 2, predecessor
        elif kind in {"merged", "renamed"}:
            assert len(successors) == 1, predecessor


def test_every_ended_unit_has_a_succession():
    with_successor = {row["predecessor_key"] for row in all_successions()}
    missing = {key for key, row in all_places().items()
               if row["valid_to"] and key not in with_successor}
    assert missing == LEGACY_WITHOUT_KNOWN_SUCCESSOR


def test_every_new_vietnamese_unit_has_a_predecessor():
    with_predecessor = {row["successor_key"] for row in all_successions()}
    missing = [key for key in all_places() if key.startswith("VN-2025-")
               and key not in with_predecessor]
    assert not missing


def test_unchanged_provinces_are_single_open_records():
    for code in ["11", "14", "38", "40", "42", "46"]:
        key = f"VN-2008-P{code}"
        row = all_places()[key]
        assert not row["valid_to"], key
        assert not successors_of(key), key
        assert f"VN-2025-P{code}" not in all_places()


# --- seed units ---------------------------------------------------------------------

@pytest.mark.parametrize(("key", "unit_type", "name_vi", "parent_key", "valid_to"), [
    ("VN-2008-P42", "Tỉnh", "Hà Tĩnh", "", ""),
    ("VN-2008-D444", "Huyện", "Hương Khê", "VN-2008-P42", "2025-06-30"),
    ("VN-2008-C18541", "Xã", "Hương Vĩnh", "VN-2008-D444", "2025-06-30"),
    ("VN-2025-C18544", "Xã", "Hương Xuân", "VN-2008-P42", ""),
    ("VN-2008-P44", "Tỉnh", "Quảng Bình", "", "2025-06-30"),
    ("VN-2008-D455", "Huyện", "Bố Trạch", "VN-2008-P44", "2025-06-30"),
    ("VN-2008-C19147", "Xã", "Thượng Trạch", "VN-2008-D455", "2025-06-30"),
    ("VN-2025-P44", "Tỉnh", "Quảng Trị", "", ""),
    ("VN-2025-C19147", "Xã", "Thượng Trạch", "VN-2025-P44", ""),
    ("LA-P-KHAMMOUANE", "Tỉnh", "Khăm Muồn", "", ""),
    ("LA-D-NAKAI", "Huyện", "Nakai", "LA-P-KHAMMOUANE", ""),
    ("LA-D-BUALAPHA", "Huyện", "Bualapha", "LA-P-KHAMMOUANE", ""),
    ("LA-VC-NOONGMA", "Cụm bản", "Noỏng Mạ", "LA-D-BUALAPHA", ""),
])
def test_seed_units(key, unit_type, name_vi, parent_key, valid_to):
    row = all_places()[key]
    assert (row["unit_type"], row["name_vi"], row["parent_key"], row["valid_to"]) == (
        unit_type, name_vi, parent_key, valid_to)


def test_seed_lao_names_and_spellings():
    places = all_places()
    khammouane = places["LA-P-KHAMMOUANE"]
    assert (khammouane["name_en"], khammouane["name_lo"]) == ("Khammouane", "ຄຳມ່ວນ")
    assert {"Khăm Muộn", "Khammuane", "Khammouan", "ຄໍາມ່ວນ"} <= set(khammouane["aliases"].split(";"))
    assert (places["LA-D-NAKAI"]["name_lo"], places["LA-D-BUALAPHA"]["name_lo"]) == ("ນາກາຍ", "ບົວລະພາ")
    assert {"NaKai", "Na Kai"} <= set(places["LA-D-NAKAI"]["aliases"].split(";"))
    assert {"Boualapha", "Bua La Pha"} <= set(places["LA-D-BUALAPHA"]["aliases"].split(";"))
    assert "Nỏng Mạ" in places["LA-VC-NOONGMA"]["aliases"].split(";")


def test_lao_border_provinces_and_khammouane_districts():
    places = all_places()
    provinces = {key for key, row in places.items()
                 if row["country"] == "LA" and row["level"] == "province"}
    assert provinces == {
        "LA-P-PHONGSALY", "LA-P-LUANGPRABANG", "LA-P-HOUAPHANH", "LA-P-XIENGKHOUANG",
        "LA-P-BOLIKHAMXAY", "LA-P-KHAMMOUANE", "LA-P-SAVANNAKHET", "LA-P-SALAVAN",
        "LA-P-SEKONG", "LA-P-ATTAPEU",
    }
    districts = [row for row in places.values() if row["parent_key"] == "LA-P-KHAMMOUANE"]
    assert len(districts) == 10
    assert all(row["name_lo"] for row in districts)


# Districts per Lao border province (the 85 of the statistics office's list).
LAO_DISTRICTS = {
    "LA-P-PHONGSALY": 7, "LA-P-LUANGPRABANG": 12, "LA-P-HOUAPHANH": 10, "LA-P-XIENGKHOUANG": 7, "LA-P-BOLIKHAMXAY": 7,
    "LA-P-KHAMMOUANE": 10, "LA-P-SAVANNAKHET": 15, "LA-P-SALAVAN": 8, "LA-P-SEKONG": 4, "LA-P-ATTAPEU": 5,
}


def test_every_district_of_the_lao_border_provinces_has_lao_script_a_code_and_a_source():
    places = all_places()
    districts = [row for row in places.values() if row["country"] == "LA" and row["level"] == "district"]
    assert Counter(row["parent_key"] for row in districts) == LAO_DISTRICTS
    assert len({row["code"] for row in districts}) == len(districts) == 85
    assert all(row["name_lo"] and row["name_en"] for row in districts)
    _fields, sources = read("la_sources.csv")
    by_key = {row["key"]: row["source"] for row in sources}
    lao_keys = {key for key, row in places.items() if row["country"] == "LA"}
    assert set(by_key) == lao_keys
    assert all(source.strip() for source in by_key.values())


def test_places_already_referenced_keep_their_keys():
    places = all_places()
    for key in ("LA-D-SOPBAO", "LA-D-KHAMKEUT", "LA-D-NAKAI", "LA-D-BUALAPHA", "LA-D-SEPON", "LA-VC-NOONGMA"):
        assert key in places


def test_vietnamese_provinces_and_partnership_units_have_a_lao_name_with_its_source():
    places = all_places()
    fields, rows = read("vn_lao_names.csv")
    assert fields == ["key", "name_lo", "source"]
    names = {row["key"]: row for row in rows}
    provinces = {key for key, row in places.items() if row["country"] == "VN" and row["level"] == "province"}
    # Every Vietnamese province, and the district and commune of the seed partnerships (Hương Khê, Thượng Trạch).
    assert provinces | {"VN-2008-D444", "VN-2008-C19147"} <= set(names)
    for key, row in names.items():
        assert places[key]["country"] == "VN", key
        assert row["name_lo"] == unicodedata.normalize("NFC", row["name_lo"]) and "\u0ecd\u0eb2" not in row["name_lo"], key
        assert all("\u0e80" <= ch <= "\u0eff" for ch in row["name_lo"]), key
        assert row["source"].strip(), key


def test_vietnamese_border_provinces_before_and_after_the_reform():
    places = all_places()
    legacy = {row["name_vi"] for key, row in places.items()
              if key.startswith("VN-2008-P")}
    assert {"Điện Biên", "Sơn La", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình",
            "Quảng Trị", "Huế", "Quảng Nam", "Kon Tum", "Đà Nẵng", "Quảng Ngãi"} == legacy
    current = {row["name_vi"] for row in places.values()
               if row["country"] == "VN" and row["level"] == "province" and not row["valid_to"]}
    assert current == {"Điện Biên", "Sơn La", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
                       "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi"}
    assert set(successors_of("VN-2008-P44", "merged")) == {"VN-2025-P44"}
    assert set(successors_of("VN-2008-P45", "merged")) == {"VN-2025-P44"}
    assert set(successors_of("VN-2008-P49", "merged")) == {"VN-2025-P48"}
    assert set(successors_of("VN-2008-P62", "merged")) == {"VN-2025-P51"}


def test_seed_communes_have_successors():
    assert successors_of("VN-2008-C18541") == ["VN-2025-C18544"]  # Hương Vĩnh → Hương Xuân
    assert successors_of("VN-2008-C19147") == ["VN-2025-C19147"]  # Thượng Trạch → Thượng Trạch


def test_huong_khe_district_passed_its_duties_to_the_new_communes():
    targets = successors_of("VN-2008-D444", "duties_transferred")
    assert "VN-2025-C18544" in targets  # Xã Hương Xuân, which took in Hương Vĩnh
    assert len(targets) == len(set(targets)) >= 2
    places = all_places()
    assert all(places[key]["parent_key"] == "VN-2008-P42" for key in targets)
    # Each new commune that took in a Hương Khê commune carries the district's duties.
    communes = [key for key, row in places.items() if row["parent_key"] == "VN-2008-D444"]
    taken_in = {succ for key in communes for succ in successors_of(key)}
    assert taken_in == set(targets)


def test_every_abolished_district_passed_its_duties_on():
    for key in all_places():
        if key.startswith("VN-2008-D"):
            assert successors_of(key, "duties_transferred"), key
