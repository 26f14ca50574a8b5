"""Counts and measures with their unit and item; the traps of DOMAIN.md §8."""

import pytest

from bordertwin.intake.extraction import extract


def quantities(text):
    return [(q["value"], q["unit"], q["item"]) for q in extract(text)["quantities"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hỗ trợ 9 con bò nái; 1 con bò đực giống.", [(9, "con", "bò nái"), (1, "con", "bò đực giống")]),
        ("Hỗ trợ 1.000 con gà sinh sản cho người dân.", [(1000, "con", "gà sinh sản")]),
        ("Gieo trồng 1,0 ha ngô và trồng 1,0 ha cỏ VA-06 hiện nay phát triển tốt.", [(1.0, "ha", "ngô"), (1.0, "ha", "cỏ VA-06")]),
        ("Trao 2 tấn gạo và 350 kg muối.", [(2, "tấn", "gạo"), (350, "kg", "muối")]),
        ("Tặng 20 chiếc chăn, 30 đôi giày và 1 bộ máy vi tính.", [(20, "chiếc", "chăn"), (30, "đôi", "giày"), (1, "bộ", "máy vi tính")]),
        ("Trao 163 suất học bổng cho học sinh.", [(163, "suất", "học bổng")]),
        ("Hỗ trợ tiền mặt cho hơn 1000 hộ dân.", [(1000, "hộ", "hộ dân")]),
        ("Xây dựng 1,2 km đường giao thông.", [(1.2, "km", "đường giao thông")]),
        ("Trao quà cho 50 em học sinh nghèo.", [(50, "em", "học sinh nghèo")]),
        ("Tặng 2 013 suất quà cho cụm bản Đông.", [(2013, "suất", "quà")]),
        ("Trao 1 máy phát điện cho bản.", [(1, "máy", "máy phát điện")]),
        ("Huyện trao 02 con bò giống và 07 chiếc ti vi.", [(2, "con", "bò giống"), (7, "chiếc", "ti vi")]),
        ("Lớp tập huấn có 35 học viên.", [(35, "học viên", "học viên")]),
        ("Bản có 45 nóc nhà.", [(45, "nóc", "nhà")]),
    ],
)
def test_it_reads_a_quantity(sentence, expected):
    assert quantities(sentence) == expected


def test_a_qualifier_belongs_to_the_text_not_the_value():
    text = "Hai huyện có chung với nhau hơn 51 km đường biên giới."
    item = extract(text)["quantities"][0]
    assert (item["text"], item["value"], item["unit"], item["item"]) == (
        "hơn 51 km đường biên giới", 51, "km", "đường biên giới",
    )


def test_a_count_in_parentheses_counts_the_item_before_it():
    text = "Trực tiếp trồng 1,5 ha cam Khe Mây (600 cây); gieo trồng 1,0 ha ngô."
    assert quantities(text) == [(1.5, "ha", "cam Khe Mây"), (600, "cây", "cam Khe Mây"), (1.0, "ha", "ngô")]


def test_a_noun_unit_names_its_item():
    text = "Cấp phát thuốc miễn phí cho khoảng 600 người dân hai bên biên giới."
    item = extract(text)["quantities"][0]
    assert (item["value"], item["unit"], item["item"]) == (600, "người", "người dân hai bên biên giới")
    assert item["text"].startswith("khoảng 600 người")


def test_a_over_b_patrols_are_two_counts():
    text = "Năm 2023, hai đơn vị đã tổ chức 12/60 lượt tuần tra song phương."
    assert [(v, u) for v, u, _ in quantities(text)] == [(12, "lượt"), (60, "lượt")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mời huyện bạn dự giải đua thuyền chào mừng Quốc khánh nước CHXHCN Việt Nam (2/9).",
        "Lễ ký kết diễn ra tháng 6/2024.",
        "Tỉnh trao hàng nghìn suất quà tặng nhân dân hai bên biên giới.",
        "Tỷ lệ đồng tình cao hơn 98,8%.",
        "Bài 2: Kiên cường giữ vững mạch máu giao thông.",
        "Hợp tác giữa 2 huyện Hương Khê và Nakai, 2 địa phương, hai tỉnh.",
        "Tổng trị giá hơn 1,2 tỷ đồng.",
        "Theo Chỉ thị 34/CT-BTL, quy chế gồm 12 điểm.",
        "Tuần tra mốc 522 và đoàn gồm lãnh đạo Đại đội 311.",
        "Ngày 25/6/2022 hai huyện ký biên bản.",
    ],
)
def test_it_leaves_out_what_is_not_a_quantity(sentence):
    assert quantities(sentence) == []


def test_quantities_in_the_page_chrome_are_ignored():
    text = (
        "Hai huyện hội đàm\n"
        + "Hai huyện thống nhất hỗ trợ 9 con bò nái cho người dân vùng biên giới của nước bạn. " * 4
        + "\nĐọc nhiều\nHỗ trợ tiền mặt cho hơn 1000 hộ dân tại Đắk Lắk\nSự kiện quy tụ khoảng 13.000 người"
    )
    assert {(v, u) for v, u, _ in quantities(text)} == {(9, "con")}


def test_quantity_spans_point_into_the_original_text():
    text = "Hỗ trợ 9 con bò nái; 1 con bò đực giống và 1.000 con gà sinh sản."
    for item in extract(text)["quantities"]:
        assert text[item["span"][0]:item["span"][1]] == item["text"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Huyện hỗ trợ 12 tấn gạo.", (12, "tấn", "gạo")),
        ("Đồn tặng 40 bộ quần áo cho chiến sĩ.", (40, "bộ", "quần áo")),
        ("Xã trao 120 suất quà cho hộ nghèo.", (120, "suất", "quà")),
        ("Huyện tặng 2 máy phát điện.", (2, "máy", "máy phát điện")),
        ("Đồn tặng 10 chiếc xe đạp.", (10, "chiếc", "xe đạp")),
        ("Xã tặng100kg muối i-ốt.", (100, "kg", "muối i-ốt")),
        ("Xã Na Mèo trao tặng 300 chăn cho người dân.", (300, "chăn", "chăn")),
        ("Trạm Y tế khám bệnh cho 29 lượt người dân.", (29, "lượt", "người dân")),
    ],
)
def test_it_reads_units_and_things_given(sentence, expected):
    found = extract(sentence)["quantities"]
    assert [(q["value"], q["unit"], q["item"]) for q in found] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hai bên tuần tra từ cột mốc 113/144 đến cột mốc 121.",
        "Đây là cặp bản thứ 21 của tỉnh kết nghĩa với bản của Lào.",
        "Ba đồn biên phòng tặng Đại đội 534 nhiều phần quà.",
        "Ngày 10/5/2021, hai bản tổ chức lễ kết nghĩa.",
        "Quy chế gồm 12 điểm.",
        "Đây là lần thứ 5 hai đơn vị giao ban.",
        "Tiểu đoàn 3 phối hợp với Đại đội 534.",
        "Đoàn đi theo Quốc lộ 7 đến Km 45.",
        "Hai bên bảo vệ 95% đường biên.",
        "Chiều 30/10, hai huyện hội đàm; sáng 18.9, đoàn sang thăm bản.",
    ],
)
def test_markers_ordinals_unit_names_and_dates_are_not_counts(sentence):
    assert extract(sentence)["quantities"] == []


def test_a_vaccination_count_is_a_count():
    found = extract("Hai đơn vị tiêm phòng 1.500 liều vắc xin cho gia súc.")["quantities"]
    assert [(q["value"], q["unit"], q["item"]) for q in found] == [(1500, "liều", "vắc xin")]
