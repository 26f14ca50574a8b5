"""Money amounts with their currency and qualifier (DOMAIN.md §7–8)."""

import pytest

from bordertwin.intake.extraction import extract


def money(text):
    return [(m["text"], m["amount"], m["currency"], m["qualifier"]) for m in extract(text)["money"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hỗ trợ các mô hình, trị giá hơn 1,2 tỷ đồng.", ("hơn 1,2 tỷ đồng", 1_200_000_000, "VND", "more_than")),
        ("Tặng quà với số tiền 100 triệu đồng.", ("100 triệu đồng", 100_000_000, "VND", "exact")),
        ("Tổng trị giá quà tặng hơn 1,7 tỷ đồng.", ("hơn 1,7 tỷ đồng", 1_700_000_000, "VND", "more_than")),
        ("Kinh phí trên 500 triệu đồng.", ("trên 500 triệu đồng", 500_000_000, "VND", "more_than")),
        ("Tổng kinh phí khoảng 2 tỷ đồng.", ("khoảng 2 tỷ đồng", 2_000_000_000, "VND", "approximately")),
        ("Hỗ trợ gần 20 tỷ đồng xây trường.", ("gần 20 tỷ đồng", 20_000_000_000, "VND", "approximately")),
        ("Kinh phí xấp xỉ 3 tỷ đồng.", ("xấp xỉ 3 tỷ đồng", 3_000_000_000, "VND", "approximately")),
        ("Mỗi suất quà dưới 1 triệu đồng.", ("dưới 1 triệu đồng", 1_000_000, "VND", "less_than")),
        ("Mỗi suất trị giá 500.000 đồng.", ("500.000 đồng", 500_000, "VND", "exact")),
        ("Mỗi suất 500.000đ.", ("500.000đ", 500_000, "VND", "exact")),
        ("Hỗ trợ 200 triệu VNĐ.", ("200 triệu VNĐ", 200_000_000, "VND", "exact")),
        ("Xây nhà 1 tỷ 200 triệu đồng.", ("1 tỷ 200 triệu đồng", 1_200_000_000, "VND", "exact")),
        ("Phía Lào góp 50 triệu kíp.", ("50 triệu kíp", 50_000_000, "LAK", "exact")),
        ("Dự án viện trợ khoảng 9 triệu USD.", ("khoảng 9 triệu USD", 9_000_000, "USD", "approximately")),
        ("Quyên góp 20.000 bạt.", ("20.000 bạt", 20_000, "THB", "exact")),
        ("Tổng trị giá 1,2 tỷ.", ("1,2 tỷ", 1_200_000_000, "VND", "exact")),
    ],
)
def test_it_reads_an_amount(sentence, expected):
    assert money(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỉnh trao hàng trăm triệu đồng cho người dân.",
        "Hỗ trợ 5 triệu đồng bào vùng lũ.",
        "Đồng chí Bí thư thăm 30 đồng chí cựu chiến binh.",
        "Đồng thời, hai bên thống nhất tăng cường tuần tra.",
        "Tỷ lệ đồng tình đạt 98,8%.",
    ],
)
def test_it_leaves_out_what_is_not_money(sentence):
    assert money(sentence) == []


def test_it_keeps_a_total_beside_the_items_without_adding_them():
    text = "Tặng 25 suất quà trị giá 20 triệu đồng và 600 suất trị giá 60 triệu đồng; tổng cộng 80 triệu đồng."
    assert [m[1] for m in money(text)] == [20_000_000, 60_000_000, 80_000_000]


def test_money_in_the_page_chrome_is_ignored():
    text = (
        "Hai huyện hội đàm\n"
        + "Lãnh đạo hai huyện trao 100 triệu đồng cho người dân bị lũ lụt của huyện bạn. " * 4
        + "\nTin bài liên quan\nPlan International hỗ trợ hơn 1,8 tỷ đồng cho người dân Đà Nẵng"
    )
    assert {m[1] for m in money(text)} == {100_000_000}


def test_money_spans_point_into_the_original_text():
    text = "Kịp thời hỗ trợ người dân bị ảnh hưởng lũ lụt năm 2023 với số tiền 100 triệu đồng."
    item = extract(text)["money"][0]
    assert text[item["span"][0]:item["span"][1]] == item["text"] == "100 triệu đồng"
