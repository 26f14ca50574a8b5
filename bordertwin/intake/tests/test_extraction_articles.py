"""The intake reads the test articles (articles/, written for the project, with their gold
annotations) as the gold says, within the floors below.

The articles are short texts in the genre: district talks, commune–village cluster pairs,
border-guard post pairs, village pairs, a page with its menu and byline. The rules are
written for the genre; the floors are the targets the intake is held to on unseen articles.
The seed articles are scored by .ci/run, outside the test suite.
"""

import pytest

from bordertwin.intake.extraction import extract
from bordertwin.intake.extraction.evaluate import evaluate_dir, format_report

from .conftest import ARTICLES, article_path

FLOORS = {
    "money": 0.95, "parties": 0.9, "quantities": 0.9, "event_date": 0.8, "agreement_dates": 0.8,
    "domains": 0.8, "commitments": 0.7, "proposed_places": 0.9,
}
OVERALL_F1_FLOOR = 0.9


@pytest.fixture(scope="module")
def result():
    return evaluate_dir(ARTICLES)


def test_every_gold_file_finds_its_text(result):
    assert result["missing_texts"] == []
    assert len(result["documents"]) >= 8


def test_the_overall_f1_stays_above_its_floor(result):
    assert result["overall"]["f1"] >= OVERALL_F1_FLOOR, format_report(result)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_each_field_stays_above_its_target(result, field):
    assert result["fields"][field]["f1"] >= FLOORS[field], format_report(result)


def test_the_page_chrome_is_ignored():
    text = article_path("06").read_text(encoding="utf-8")
    found = extract(text)
    chrome = text.index("Tin liên quan")
    items = found["money"] + found["quantities"] + found["commitments"] + found["agreement_dates"]
    assert items and all(item["span"][1] <= chrome for item in items)
    assert all(q["value"] != 500 for q in found["quantities"])


def test_every_span_points_at_its_text():
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = extract(text)
        items = (
            found["vn_parties"] + found["la_parties"] + found["money"] + found["quantities"]
            + found["commitments"] + found["agreement_dates"] + found["proposed_places"]
            + [e for d in found["domains"] for e in d["evidence"]]
        )
        for item in items:
            assert text[item["span"][0]:item["span"][1]] == item["text"], (path.name, item)


def _cpu_seconds(text):
    import time

    started = time.process_time()
    extract(text)
    return time.process_time() - started


def test_a_20000_character_article_reads_in_well_under_a_second():
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("0[1-5]_*.txt")))
    article = (text * 4)[:20000]
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
