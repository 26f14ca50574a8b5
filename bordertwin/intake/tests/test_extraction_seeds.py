"""The intake reads the seed articles (../shared/seeds) as the gold annotations say.

The seeds are a sample: the floors below are what the rules reach on them and leave room
for the wider set of articles the intake is judged on.
"""

from pathlib import Path

import pytest

from bordertwin.intake.extraction import extract
from bordertwin.intake.extraction.evaluate import evaluate_dir, format_report

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
GOLD = SHARED / "gold"
OVERALL_F1_FLOOR = 0.85
FIELD_F1_FLOOR = 0.7


@pytest.fixture(scope="module")
def result():
    if not GOLD.is_dir():
        pytest.fail(f"the gold annotations are missing: expected {GOLD} (the shared folder beside the checkout)")
    return evaluate_dir(GOLD)


def test_every_gold_file_finds_its_text(result):
    assert result["missing_texts"] == []
    assert len(result["documents"]) >= 2


def test_the_overall_f1_on_the_seeds_stays_above_its_floor(result):
    assert result["overall"]["f1"] >= OVERALL_F1_FLOOR, format_report(result)


@pytest.mark.parametrize("field", ["parties", "dates", "money", "quantities", "domains", "commitments"])
def test_each_field_stays_above_its_floor(result, field):
    assert result["fields"][field]["f1"] >= FIELD_F1_FLOOR, format_report(result)


def _seed(name):
    if not (SHARED / "seeds").is_dir():
        pytest.fail(f"the seed texts are missing: expected {SHARED / 'seeds'}")
    return (SHARED / "seeds" / name).read_text(encoding="utf-8")


def test_the_hương_khê_talks_read_with_their_publication_date():
    import datetime as dt

    text = _seed("000_060e889996191cc7.txt")
    found = extract(text, document_date=dt.date(2024, 6, 23))
    assert found["event_date"]["value"] == "2024-06-22"
    assert [d["value"] for d in found["agreement_dates"]] == ["2022-06-25"]
    assert [p["name"] for p in found["vn_parties"]] == ["Hương Khê"]
    assert [p["name"].lower() for p in found["la_parties"]] == ["nakai"]


def test_the_page_chrome_of_the_seeds_is_ignored():
    text = _seed("000_060e889996191cc7.txt")
    found = extract(text)
    chrome = text.index("Đọc thêm")
    items = found["money"] + found["quantities"] + found["commitments"] + found["agreement_dates"]
    assert items and all(item["span"][1] <= chrome for item in items)
    assert all(13000 != q["value"] for q in found["quantities"])


def test_every_span_of_a_seed_points_at_its_text():
    for name in ("000_060e889996191cc7.txt", "002_08a9a118e3708701.txt"):
        text = _seed(name)
        found = extract(text)
        items = (
            found["vn_parties"] + found["la_parties"] + found["money"] + found["quantities"]
            + found["commitments"] + found["agreement_dates"]
            + [e for d in found["domains"] for e in d["evidence"]]
        )
        for item in items:
            assert text[item["span"][0]:item["span"][1]] == item["text"], (name, item)


def _cpu_seconds(text):
    import time

    started = time.process_time()
    extract(text)
    return time.process_time() - started


def test_a_20000_character_article_reads_in_well_under_a_second():
    text = _seed("000_060e889996191cc7.txt")
    article = (text[: text.index("Đọc thêm")] * 4)[:20000]
    extract(article)  # compiled patterns and caches
    assert min(_cpu_seconds(article) for _ in range(3)) < 0.3


@pytest.mark.parametrize(
    "text",
    [
        "1.1.1.1." * 2500,
        "(((((" * 4000,
        "Hương Khê " * 2000,
        "12/12/2024 " * 1800,
        "hơn 1 tỷ 2 triệu 3 nghìn " * 800,
        "xã Thượng Trạch và cụm bản Noỏng Mạ, " * 500,
        "Hai bên thống nhất " + "; ".join(f"tăng cường hợp tác số {i} về lĩnh vực thứ {i * 7} trong năm tới" for i in range(400)),
    ],
    ids=["dots", "parentheses", "names", "dates", "amounts", "pairs", "clauses"],
)
def test_pathological_texts_stay_fast(text):
    assert _cpu_seconds(text) < 2.0
