"""The evaluation: pairs of texts and gold files, matching rules, and the report."""

import json
from typing import Any

import pytest

from bordertwin.intake.extraction.evaluate import compare, evaluate_dir, format_report

TEXT = (
    "Hai huyện Hương Khê và NaKai hội đàm\n"
    "Chiều 22/6, huyện Hương Khê tổ chức hội đàm với huyện NaKai (tỉnh Khăm Muồn, Lào). "
    "Hai huyện có chung hơn 51 km đường biên giới. Huyện Hương Khê đã hỗ trợ 9 con bò nái, trị giá hơn 1,2 tỷ đồng.\n"
    "Hai bên thống nhất tăng cường tuần tra song phương bảo vệ mốc quốc giới; "
    "tăng cường giao lưu văn hóa, thể thao.\n"
)
GOLD = {
    "text_file": "01.txt",
    "document_date": "2024-06-23",
    "vn_parties": ["huyện Hương Khê"],
    "la_parties": ["huyện Nakai"],
    "event_date": "2024-06-22",
    "agreement_dates": [],
    "money": [{"text": "hơn 1,2 tỷ đồng", "amount": 1200000000, "currency": "VND", "qualifier": "more_than"}],
    "quantities": [
        {"text": "hơn 51 km đường biên giới", "value": 51, "unit": "km", "item": "đường biên giới chung"},
        {"text": "9 con bò nái", "value": 9, "unit": "con", "item": "bò nái"},
    ],
    "domains": ["defense_security", "culture_society", "economy"],
    "commitments": [
        "Tăng cường tuần tra song phương bảo vệ mốc quốc giới",
        "Tăng cường giao lưu văn hóa, thể thao",
    ],
}


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data, ensure_ascii=False) if isinstance(data, dict) else data, encoding="utf-8")


def test_it_scores_a_text_beside_its_gold_file(tmp_path):
    write(tmp_path, "01.txt", TEXT)
    write(tmp_path, "01.gold.json", GOLD)
    result = evaluate_dir(tmp_path)
    assert result["missing_texts"] == []
    fields = result["fields"]
    assert fields["parties"]["tp"] == 2 and fields["parties"]["fp"] == 0
    assert fields["event_date"]["tp"] == 1
    assert fields["money"]["tp"] == 1
    assert fields["quantities"]["tp"] == 2
    assert fields["commitments"]["tp"] == 2
    assert result["overall"]["f1"] > 0.8


def test_it_finds_the_text_in_a_sibling_seeds_folder(tmp_path):
    write(tmp_path / "seeds", "01.txt", TEXT)
    write(tmp_path / "gold", "01.gold.json", GOLD)
    result = evaluate_dir(tmp_path / "gold")
    assert result["missing_texts"] == [] and len(result["documents"]) == 1


def test_the_text_name_defaults_to_the_gold_name(tmp_path):
    gold = {k: v for k, v in GOLD.items() if k != "text_file"}
    write(tmp_path, "07.txt", TEXT)
    write(tmp_path, "07.gold.json", gold)
    assert len(evaluate_dir(tmp_path)["documents"]) == 1


def test_a_missing_text_is_reported_not_scored(tmp_path):
    write(tmp_path, "01.gold.json", GOLD)
    result = evaluate_dir(tmp_path)
    assert result["missing_texts"] == ["01.gold.json"]
    assert "text not found" in format_report(result)


def test_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate_dir(tmp_path / "nowhere")


def empty_prediction(**fields):
    base: dict[str, Any] = {
        "vn_parties": [], "la_parties": [], "event_date": None, "agreement_dates": [], "money": [],
        "quantities": [], "domains": [], "commitments": [],
    }
    return {**base, **fields}


@pytest.mark.parametrize(
    ("gold", "predicted", "tp"),
    [
        ("huyện Nakai", "NaKai", 1),
        ("huyện Na Kai", "Nakai", 1),
        ("cụm bản Noỏng Mạ", "Nỏng Mạ", 1),
        ("Đồn Biên phòng Cửa khẩu Cha Lo", "Cha Lo", 1),
        ("huyện Hương Khê", "Hương Sơn", 0),
        ("xã Hương Vĩnh", "Hương", 1),
    ],
)
def test_party_names_match_folded_without_their_level_word(gold, predicted, tp):
    counts = compare({"la_parties": [gold]}, empty_prediction(la_parties=[{"name": predicted, "text": predicted}]))
    assert counts["parties"]["tp"] == tp


def test_a_party_on_the_wrong_side_does_not_match():
    counts = compare({"la_parties": ["huyện Nakai"]}, empty_prediction(vn_parties=[{"name": "Nakai"}]))
    assert (counts["parties"]["tp"], counts["parties"]["fp"], counts["parties"]["fn"]) == (0, 1, 1)


def counted(counts, field):
    return counts[field]["tp"], counts[field]["fp"], counts[field]["fn"]


def test_dates_match_as_exact_strings():
    gold = {"event_date": "2024-06", "agreement_dates": ["2024-06"]}
    predicted = empty_prediction(event_date={"value": "2024-06"}, agreement_dates=[{"value": "2024-06-01", "kind": "other"}])
    counts = compare(gold, predicted)
    assert counted(counts, "event_date") == (1, 0, 0)
    assert counted(counts, "agreement_dates") == (0, 1, 1)


def test_a_range_matches_only_with_its_last_day():
    gold = {"event_date": "2025-10-28", "event_end": "2025-10-31"}
    same = empty_prediction(event_date={"value": "2025-10-28", "end": "2025-10-31"})
    shorter = empty_prediction(event_date={"value": "2025-10-28"})
    assert counted(compare(gold, same), "event_date") == (1, 0, 0)
    assert counted(compare(gold, shorter), "event_date") == (0, 1, 1)


def test_a_partial_date_is_scored_against_a_partial_gold_and_claims_nothing_against_a_full_one():
    partial = empty_prediction(event_partial={"value": "--06-22"})
    assert counted(compare({"event_date": None, "event_partial": "--06-22"}, partial), "event_date") == (1, 0, 0)
    assert counted(compare({"event_date": "2024-06-22"}, partial), "event_date") == (0, 0, 1)
    dated = empty_prediction(event_date={"value": "2017-06-22"})
    assert counted(compare({"event_date": None, "event_partial": "--06-22"}, dated), "event_date") == (0, 1, 1)


def test_an_agreement_kind_in_the_gold_must_match():
    gold = {"agreement_dates": [{"value": "2024-06", "kind": "regulation"}]}
    minutes = empty_prediction(agreement_dates=[{"value": "2024-06", "kind": "minutes"}])
    regulation = empty_prediction(agreement_dates=[{"value": "2024-06", "kind": "regulation"}])
    assert counted(compare(gold, minutes), "agreement_dates") == (0, 1, 1)
    assert counted(compare(gold, regulation), "agreement_dates") == (1, 0, 0)


def test_proposed_places_match_by_name_and_parent_and_only_where_the_gold_lists_them():
    place = {"text": "bản Ka Túp 1", "name": "Ka Túp 1", "parent": {"text": "huyện Viêng Thoong", "name": "Viêng Thoong"}}
    predicted = empty_prediction(proposed_places=[place])
    gold = {"proposed_places": [{"name": "bản Ka Túp 1", "parent": "huyện Viêng Thoong"}]}
    assert counted(compare(gold, predicted), "proposed_places") == (1, 0, 0)
    elsewhere = {"proposed_places": [{"name": "bản Ka Túp 1", "parent": "huyện Xay"}]}
    assert counted(compare(elsewhere, predicted), "proposed_places") == (0, 1, 1)
    assert counted(compare({}, predicted), "proposed_places") == (0, 0, 0)


def test_money_needs_the_same_amount_currency_and_qualifier():
    gold = {"money": [{"amount": 1200000000, "currency": "VND", "qualifier": "more_than"}]}
    same = empty_prediction(money=[{"amount": 1200000000, "currency": "VND", "qualifier": "more_than"}])
    other = empty_prediction(money=[{"amount": 1200000000, "currency": "VND", "qualifier": "exact"}])
    assert compare(gold, same)["money"]["tp"] == 1
    assert compare(gold, other)["money"]["tp"] == 0


def test_quantities_match_on_value_and_unit_with_a_fuzzy_item():
    gold = {"quantities": [{"value": 1.0, "unit": "ha", "item": "cỏ VA-06"}, {"value": 600, "unit": "cây", "item": "cam Khe Mây"}]}
    predicted = empty_prediction(
        quantities=[{"value": 1, "unit": "ha", "item": "cỏ VA-06 hiện nay"}, {"value": 600, "unit": "cây", "item": "ngô"}]
    )
    counts = compare(gold, predicted)
    assert (counts["quantities"]["tp"], counts["quantities"]["fp"]) == (1, 1)


def test_commitments_match_one_to_one_by_similarity():
    gold = {"commitments": ["Tăng cường tuần tra song phương", "Hợp tác khám, chữa bệnh"]}
    predicted = empty_prediction(
        commitments=[
            {"text": "tăng cường tuần tra song phương trên tuyến biên giới"},
            {"text": "tăng cường tuần tra song phương"},
            {"text": "đào tạo tiếng Việt cho giáo viên"},
        ]
    )
    counts = compare(gold, predicted)
    assert (counts["commitments"]["tp"], counts["commitments"]["fp"], counts["commitments"]["fn"]) == (1, 2, 1)


def test_the_report_lists_every_field_and_the_overall_score(tmp_path):
    write(tmp_path, "01.txt", TEXT)
    write(tmp_path, "01.gold.json", GOLD)
    report = format_report(evaluate_dir(tmp_path))
    for word in ("parties", "dates", "money", "quantities", "domains", "commitments", "overall", "01.gold.json"):
        assert word in report
