"""Generate the Vietnamese reference places along the Vietnam–Laos border.

Writes two files for the places import:

- ``bordertwin/places/data/vn_places.csv``: every province, district and commune of
  the legacy (before 1 July 2025) provinces along the Lao border and of the legacy
  provinces merged with them, plus every new (2-level, from 1 July 2025) province among
  the 9 border units with all its communes, wards and special zones;
- ``bordertwin/places/data/vn_successions.csv``: how the legacy units became the new ones.

The data comes from the PyPI package ``vietnam-provinces`` (GPL-3.0-or-later; data from
Vietnam's General Statistics Office). The package is NOT a dependency of the project and
needs Python 3.12+, so run this script once, by hand, in a throwaway virtual environment
(the script reads the package's conversion tables from its internal modules, so keep the
pinned version or re-check those modules when upgrading)::

    ~/.pyenv/versions/3.12.1/bin/python -m venv /tmp/vnp312
    /tmp/vnp312/bin/pip install 'vietnam-provinces==2026.9.0'
    /tmp/vnp312/bin/python scripts/generate_vn_places.py          # from the repository root

then check the diff, run ``pytest bordertwin/places/tests/test_reference_data.py`` and
commit the CSV files. ``--out-dir DIR`` writes elsewhere. The output is deterministic:
running it twice on the same package version gives byte-identical files.

How the package's data is turned into records (see also ATTRIBUTION.md):

- Keys carry the structure, because codes are reused between structures (legacy province
  44 is Quảng Bình, new province 44 is Quảng Trị): ``VN-2008-P42``, ``VN-2008-D444``,
  ``VN-2008-C18541`` for legacy units, ``VN-2025-P44``, ``VN-2025-C19147`` for new ones.
- A legacy province that the 2025 reform left unchanged (Điện Biên, Sơn La, Thanh Hóa,
  Nghệ An, Hà Tĩnh, Huế) is one open record; its new communes hang under it.
- Every legacy district ends on 2025-06-30 (the district level was abolished) and gets a
  ``duties_transferred`` row to each new commune that took in any of its communes.
- Every legacy commune ends on 2025-06-30. Its successions come from the package's
  conversion table: several successors → ``split`` (one row each); one successor that
  also took in other communes → ``merged``; one successor made of this commune alone →
  ``renamed`` (the same unit carried on, under a new name, type or code, or unchanged
  apart from now sitting directly under the province).
- The package's legacy list is the statistics office's list of 4 January 2025 (so it
  already shows the changes of 1 January 2025, e.g. Huế as a centrally run city), while
  its conversion table describes the units of 30 June 2025: a few legacy communes have
  no conversion entry (they are kept, ending 2025-06-30, with
  no succession) and a few conversion entries name legacy codes absent from the list
  (they are skipped; their successors are reached from other communes). The script
  prints both lists.
- The island districts that the package lists without communes (Cồn Cỏ, Hoàng Sa,
  Lý Sơn) have no conversion entry; each is linked to the new special zone (đặc khu) of
  the same name in its successor province.
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import vietnam_provinces
from vietnam_provinces import Province, VietNamDivisionType, Ward, legacy
from vietnam_provinces._province_conversion_2025 import NEW_TO_OLD as PROVINCE_NEW_TO_OLD
from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCE_OLD_TO_NEW
from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD as WARD_NEW_TO_OLD
from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARD_OLD_TO_NEW

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "bordertwin" / "places" / "data"

PLACE_FIELDS = [
    "key", "country", "level", "unit_type", "code", "name_vi", "name_en", "name_lo",
    "aliases", "parent_key", "valid_from", "valid_to",
]
SUCCESSION_FIELDS = ["predecessor_key", "successor_key", "kind", "date", "note"]

REFORM_DATE = "2025-07-01"
LAST_LEGACY_DAY = "2025-06-30"

# Legacy provinces along the Lao border (DOMAIN.md §3), by legacy GSO code.
BORDER_LEGACY_PROVINCES = {
    11: "Điện Biên", 14: "Sơn La", 38: "Thanh Hóa", 40: "Nghệ An", 42: "Hà Tĩnh",
    44: "Quảng Bình", 45: "Quảng Trị", 46: "Huế", 49: "Quảng Nam", 62: "Kon Tum",
}
# New provinces along the Lao border from 1 July 2025, by new GSO code.
BORDER_NEW_PROVINCES = {
    11: "Điện Biên", 14: "Sơn La", 38: "Thanh Hóa", 40: "Nghệ An", 42: "Hà Tĩnh",
    44: "Quảng Trị", 46: "Huế", 48: "Đà Nẵng", 51: "Quảng Ngãi",
}

# Extra spellings for a few legacy records, keyed by record key. Only well-known
# former names; the package itself carries none.
EXTRA_ALIASES = {
    # The package's legacy list already shows the centrally run city; its older
    # name as a province is still common in documents signed before 2025.
    "VN-2008-P46": ["Thừa Thiên Huế", "Thua Thien Hue"],
}

# division type → (level, unit type word as written before the name)
LEGACY_TYPES = {
    legacy.VietNamDivisionType.TINH: ("province", "Tỉnh"),
    legacy.VietNamDivisionType.THANH_PHO_TRUNG_UONG: ("province", "Thành phố"),
    legacy.VietNamDivisionType.HUYEN: ("district", "Huyện"),
    legacy.VietNamDivisionType.QUAN: ("district", "Quận"),
    legacy.VietNamDivisionType.THANH_PHO: ("district", "Thành phố"),
    legacy.VietNamDivisionType.THI_XA: ("district", "Thị xã"),
    legacy.VietNamDivisionType.XA: ("commune", "Xã"),
    legacy.VietNamDivisionType.THI_TRAN: ("commune", "Thị trấn"),
    legacy.VietNamDivisionType.PHUONG: ("ward", "Phường"),
}
NEW_TYPES = {
    VietNamDivisionType.TINH: ("province", "Tỉnh"),
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: ("province", "Thành phố"),
    VietNamDivisionType.XA: ("commune", "Xã"),
    VietNamDivisionType.PHUONG: ("ward", "Phường"),
    VietNamDivisionType.DAC_KHU: ("commune", "Đặc khu"),
}


def legacy_province_key(code: int) -> str:
    return f"VN-2008-P{code}"


def legacy_district_key(code: int) -> str:
    return f"VN-2008-D{code}"


def legacy_commune_key(code: int) -> str:
    return f"VN-2008-C{code}"


def new_commune_key(code: int) -> str:
    return f"VN-2025-C{code}"


def fold(text: str) -> str:
    """Vietnamese text without diacritics: 'Hương Khê' → 'Huong Khe'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def bare_name(full_name: str, unit_type: str) -> str:
    """'Huyện Hương Khê' → 'Hương Khê'; refuses a name that does not start with its type."""
    full_name = unicodedata.normalize("NFC", full_name)
    prefix = unit_type + " "
    # Compare without case: the package writes a few names as 'Thành Phố …'.
    if not full_name.casefold().startswith(prefix.casefold()):
        raise ValueError(f"{full_name!r} does not start with {unit_type!r}")
    return full_name[len(prefix):].strip()


def place_row(*, key, level, unit_type, code, full_name, parent_key="",
              valid_from="", valid_to="", aliases=()) -> dict[str, str]:
    name_vi = bare_name(full_name, unit_type)
    return {
        "key": key,
        "country": "VN",
        "level": level,
        "unit_type": unit_type,
        "code": str(code),
        "name_vi": name_vi,
        "name_en": fold(name_vi),
        "name_lo": "",
        "aliases": ";".join(aliases),
        "parent_key": parent_key,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def unchanged_provinces() -> set[int]:
    """Legacy border provinces that became exactly one new province with the same code."""
    result = set()
    for code in BORDER_LEGACY_PROVINCES:
        new = [ref.code for ref in PROVINCE_OLD_TO_NEW[code].new_provinces]
        sources = [ref.code for ref in PROVINCE_NEW_TO_OLD[new[0]].old_provinces]
        if new == [code] and sources == [code]:
            result.add(code)
    return result


def build() -> tuple[list[dict], list[dict], dict[str, list]]:
    """Return (places, successions, report) for the border provinces."""
    report: dict[str, list] = defaultdict(list)
    kept = unchanged_provinces()

    # Legacy provinces in scope: the border ones plus every legacy province merged with
    # one of them into a new border province (Đà Nẵng 48, Quảng Ngãi 51).
    legacy_codes = set()
    for new_code in BORDER_NEW_PROVINCES:
        legacy_codes.update(ref.code for ref in PROVINCE_NEW_TO_OLD[new_code].old_provinces)
    assert set(BORDER_LEGACY_PROVINCES) <= legacy_codes, legacy_codes

    def new_province_key(code: int) -> str:
        # An unchanged province keeps its single legacy record.
        return legacy_province_key(code) if code in kept else f"VN-2025-P{code}"

    province_rows, district_rows, commune_rows = [], [], []
    new_province_rows, new_commune_rows = [], []
    successions: list[dict] = []

    # --- legacy provinces, districts, communes --------------------------------------
    legacy_commune_codes: set[int] = set()
    districts_by_code: dict[int, legacy.District] = {}
    for code in sorted(legacy_codes):
        province = legacy.Province.from_code(legacy.ProvinceCode(code))
        level, unit_type = LEGACY_TYPES[province.division_type]
        key = legacy_province_key(code)
        province_rows.append(place_row(
            key=key, level=level, unit_type=unit_type, code=code, full_name=province.name,
            valid_to="" if code in kept else LAST_LEGACY_DAY,
            aliases=EXTRA_ALIASES.get(key, ()),
        ))
        if code not in kept:
            for ref in PROVINCE_OLD_TO_NEW[code].new_provinces:
                new_name = Province.from_code(ref.code).name
                successions.append({
                    "predecessor_key": key,
                    "successor_key": new_province_key(ref.code),
                    "kind": "merged",
                    "date": REFORM_DATE,
                    "note": (f"{province.name} (legacy code {code}) became part of "
                             f"the new {new_name} (code {ref.code})"),
                })
        for district in sorted(legacy.District.iter_by_province(province.code),
                               key=lambda d: d.code.value):
            districts_by_code[district.code.value] = district
            level, unit_type = LEGACY_TYPES[district.division_type]
            district_rows.append(place_row(
                key=legacy_district_key(district.code.value), level=level,
                unit_type=unit_type, code=district.code.value, full_name=district.name,
                parent_key=key, valid_to=LAST_LEGACY_DAY,
            ))
            for commune in sorted(legacy.Ward.iter_by_district(district.code),
                                  key=lambda w: w.code.value):
                legacy_commune_codes.add(commune.code.value)
                level, unit_type = LEGACY_TYPES[commune.division_type]
                commune_rows.append(place_row(
                    key=legacy_commune_key(commune.code.value), level=level,
                    unit_type=unit_type, code=commune.code.value, full_name=commune.name,
                    parent_key=legacy_district_key(district.code.value),
                    valid_to=LAST_LEGACY_DAY,
                ))

    # --- new provinces and their communes ------------------------------------------
    new_commune_codes: set[int] = set()
    for code in sorted(BORDER_NEW_PROVINCES):
        province = Province.from_code(code)
        if code not in kept:
            level, unit_type = NEW_TYPES[province.division_type]
            new_province_rows.append(place_row(
                key=new_province_key(code), level=level, unit_type=unit_type, code=code,
                full_name=province.name, valid_from=REFORM_DATE,
            ))
        for ward in sorted(Ward.iter_by_province(province.code), key=lambda w: w.code.value):
            new_commune_codes.add(ward.code.value)
            level, unit_type = NEW_TYPES[ward.division_type]
            new_commune_rows.append(place_row(
                key=new_commune_key(ward.code.value), level=level, unit_type=unit_type,
                code=ward.code.value, full_name=ward.name,
                parent_key=new_province_key(code), valid_from=REFORM_DATE,
            ))

    # --- commune successions ---------------------------------------------------------
    names = {row["key"]: f'{row["unit_type"]} {row["name_vi"]}'
             for row in commune_rows + new_commune_rows + district_rows}
    district_successors: dict[int, set[int]] = defaultdict(set)
    for old_code, entry in WARD_OLD_TO_NEW.items():
        if entry.old_ward.province_code not in legacy_codes:
            continue
        successors = [ref.code for ref in entry.new_wards]
        for new_code in successors:
            if new_code not in new_commune_codes:
                raise ValueError(f"legacy {old_code} → new {new_code} outside the scope")
            district_successors[entry.old_ward.district_code].add(new_code)
        if old_code not in legacy_commune_codes:
            report["conversion entries for legacy codes not in the legacy list"].append(
                (old_code, entry.old_ward.district_code, successors))
            continue
        old_key = legacy_commune_key(old_code)
        # The table's is_partly_merged flag is not used: in this scope it is set on the
        # split communes and on the communes that carried on alone, never on the others.
        for new_code in successors:
            new_key = new_commune_key(new_code)
            sources = [ref.code for ref in WARD_NEW_TO_OLD[new_code].old_wards]
            if len(successors) > 1:
                kind = "split"
                note = f"{names[old_key]} was divided; this part went to {names[new_key]}"
            elif sources == [old_code]:
                kind = "renamed"
                if names[old_key] == names[new_key]:
                    note = (f"{names[old_key]} carried on with the same name, now directly "
                            "under the province")
                else:
                    note = f"{names[old_key]} carried on as {names[new_key]}"
            else:
                kind = "merged"
                others = [names.get(legacy_commune_key(code),
                                    f"a unit missing from the legacy list (code {code})")
                          for code in sources if code != old_code]
                if len(others) > 6:
                    with_text = f"{len(others)} other units"
                elif len(others) > 1:
                    with_text = ", ".join(others[:-1]) + " and " + others[-1]
                else:
                    with_text = others[0]
                note = f"{names[old_key]} merged with {with_text} into the new {names[new_key]}"
            successions.append({
                "predecessor_key": old_key, "successor_key": new_key, "kind": kind,
                "date": REFORM_DATE, "note": note,
            })
    for code in sorted(legacy_commune_codes - set(WARD_OLD_TO_NEW)):
        report["legacy communes without a conversion entry (kept, no succession)"].append(
            (code, names[legacy_commune_key(code)]))

    # --- district successions (duties transferred) ----------------------------------
    district_rows_by_key = {row["key"]: row for row in district_rows}
    new_by_province: dict[int, list[Ward]] = defaultdict(list)
    for ward in Ward.iter_all():
        if ward.code.value in new_commune_codes:
            new_by_province[ward.province_code.value].append(ward)
    for district_code in sorted(districts_by_code):
        district = districts_by_code[district_code]
        old_key = legacy_district_key(district_code)
        targets = sorted(district_successors.get(district_code, ()))
        note_tail = "took in part or all of its communes"
        if not targets:
            # An island district listed without communes: find the special zone of the
            # same name in the province that succeeded its province.
            bare = district_rows_by_key[old_key]["name_vi"]
            new_province_codes = [
                ref.code for ref in PROVINCE_OLD_TO_NEW[district.province_code.value].new_provinces]
            targets = [
                ward.code.value for code in new_province_codes for ward in new_by_province[code]
                if ward.division_type == VietNamDivisionType.DAC_KHU
                and bare_name(ward.name, "Đặc khu") == bare
            ]
            note_tail = ("carries it on (the package lists no communes for this island "
                         "district and has no conversion entry for it; linked by name)")
            report["districts linked by name to a special zone"].append(
                (district_code, district.name, targets))
        if not targets:
            report["districts without any successor"].append((district_code, district.name))
        for new_code in targets:
            new_key = new_commune_key(new_code)
            successions.append({
                "predecessor_key": old_key, "successor_key": new_key,
                "kind": "duties_transferred", "date": REFORM_DATE,
                "note": f"{names[old_key]} was abolished; {names[new_key]} {note_tail}",
            })

    places = (province_rows + new_province_rows + district_rows + commune_rows
              + new_commune_rows)
    kind_order = {"VN-2008-P": 0, "VN-2025-P": 0, "VN-2008-D": 1, "VN-2008-C": 2}

    def succession_sort(row: dict) -> tuple:
        prefix = row["predecessor_key"][:9]
        return (kind_order[prefix], int(row["predecessor_key"][9:]),
                row["successor_key"][:9], int(row["successor_key"][9:]))

    successions.sort(key=succession_sort)
    return places, successions, report


def write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({field: unicodedata.normalize("NFC", row[field]) for field in fields})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)

    if not vietnam_provinces.__version__.startswith("2026."):
        print(f"vietnam-provinces {vietnam_provinces.__version__} found; a 2026.x release "
              "is needed for the legacy structure and the conversion tables.", file=sys.stderr)
        return 1

    places, successions, report = build()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(args.out_dir / "vn_places.csv", PLACE_FIELDS, places)
    write_csv(args.out_dir / "vn_successions.csv", SUCCESSION_FIELDS, successions)

    print(f"vietnam-provinces {vietnam_provinces.__version__} "
          f"(data retrieved {vietnam_provinces.__data_version__})")
    print(f"{len(places)} places, {len(successions)} successions → {args.out_dir}")
    for title, items in report.items():
        print(f"{title}: {len(items)}")
        for item in items:
            print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
