"""Event dates and agreement dates, with years taken from the text or the document date."""

import datetime as dt

import pytest

from bordertwin.intake.extraction import extract

JUNE_2024 = dt.date(2024, 6, 23)


def event(text, document_date=JUNE_2024):
    found = extract(text, document_date=document_date)["event_date"]
    return found and found["value"]


def agreements(text, document_date=JUNE_2024):
    return [(d["value"], d["kind"]) for d in extract(text, document_date=document_date)["agreement_dates"]]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Chiều 22/6, huyện Hương Khê tổ chức hội đàm thường niên với huyện Nakai.", "2024-06-22"),
        ("Sáng 21.6, hai huyện ký kết biên bản hội đàm.", "2024-06-21"),
        ("Ngày 12-6, Đồn Biên phòng Phúc Sơn tổ chức giao ban.", "2024-06-12"),
        ("Ngày 25/6/2022, hai huyện ký kết biên bản ghi nhớ.", "2022-06-25"),
        ("Lễ ký kết diễn ra tháng 6/2024 tại Đồng Hới.", "2024-06"),
        ("Hội nghị diễn ra vào tháng 6 năm 2023.", "2023-06"),
        ("Ngày 25 tháng 6 năm 2022, hai bên hội đàm.", "2022-06-25"),
        ("Ngày 20-21/6/2016, hai đoàn hội đàm tại Viêng Chăn.", "2016-06-20"),
        ("Từ ngày 20 đến 22/6, đoàn công tác thăm và làm việc tại Lào.", "2024-06-20"),
    ],
)
def test_it_reads_the_event_date(sentence, value):
    assert event(sentence) == value


def test_a_date_after_the_document_date_belongs_to_the_previous_year():
    assert event("Ngày 12-12, hai đơn vị tổ chức hội đàm.", dt.date(2024, 7, 1)) == "2023-12-12"


def test_a_date_said_to_come_is_not_the_event():
    text = "Hai bên sẽ tổ chức giải bóng đá vào tháng 9 tới."
    assert event(text, dt.date(2024, 7, 1)) is None


def test_the_year_comes_from_the_same_month_written_in_full():
    text = "Chiều 22/6, hai huyện hội đàm. Đây là hoạt động trong tháng 6/2024 của hai địa phương."
    assert event(text, None) == "2024-06-22"


def test_without_a_year_or_document_date_the_event_date_is_unknown():
    result = extract("Chiều 22/6, huyện Hương Khê tổ chức hội đàm với huyện Nakai.")
    assert result["event_date"] is None
    assert any("22/6" in note for note in result["notes"])


def test_a_stored_date_line_serves_as_document_date():
    result = extract("date 2024-06\nChiều 22/6, huyện Hương Khê tổ chức hội đàm với huyện Nakai.")
    assert result["event_date"]["value"] == "2024-06-22"
    assert result["document_date"] == "2024-06-01"


def test_a_holiday_in_parentheses_is_not_the_event():
    text = "Hai bên tham gia giải đua thuyền chào mừng Quốc khánh nước CHXHCN Việt Nam (2/9)."
    assert event(text) is None


def test_the_time_of_day_wins_over_a_cited_date():
    text = (
        "Thực hiện biên bản ký ngày 25/6/2022, chiều 22/6, huyện Hương Khê tổ chức hội đàm với huyện Nakai."
    )
    assert event(text) == "2024-06-22"


def test_a_publication_stamp_is_not_the_event():
    text = "Thứ Bảy, 22/06/2024 17:30\nSáng 21.6, tại huyện Hương Sơn đã diễn ra lễ ký kết biên bản ghi nhớ."
    assert event(text) == "2024-06-21"


def test_dates_in_the_page_chrome_are_ignored():
    text = (
        "Hai huyện hội đàm\n"
        + "Lãnh đạo hai huyện trao đổi về hợp tác biên giới và thống nhất nhiều nội dung quan trọng. " * 5
        + "\nĐọc thêm\nGần 800 phóng viên tác nghiệp tại đại lễ 30/4\nSáng 27/4/2025, buổi tổng duyệt diễn ra."
    )
    result = extract(text, document_date=JUNE_2024)
    assert result["event_date"] is None
    assert result["agreement_dates"] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ngày 25/6/2022, huyện Hương Khê và huyện Nakai ký kết biên bản ghi nhớ hợp tác.", [("2022-06-25", "memorandum")]),
        ("Biên bản hội đàm được ký kết ngày 5/9/2017 giữa hai huyện.", [("2017-09-05", "minutes")]),
        ("Ngày 28/4/2005, hai bản ký quy chế kết nghĩa gồm 12 điểm.", [("2005-04-28", "regulation")]),
        (
            "Bàn giao công dân theo Hiệp định về Quy chế quản lý biên giới ký ngày 16/3/2016.",
            [("2016-03-16", "agreement")],
        ),
        ("Hai tỉnh ký Kế hoạch hợp tác ngày 10/1/2024.", [("2024-01-10", "plan")]),
        (
            "Tại buổi hội đàm và ký kết biên bản hợp tác của hai đoàn, diễn ra tháng 6/2024.",
            [("2024-06", "minutes")],
        ),
        ("Ngày 28/4, hai bên tổ chức lễ ký kết kết nghĩa.", [("2024-04-28", "other")]),
    ],
)
def test_it_ties_dates_to_signed_documents(sentence, expected):
    assert agreements(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Chiều 22/6, huyện Hương Khê tổ chức hội đàm thường niên với huyện Nakai.",
        "Lãnh đạo hai huyện đánh giá các nội dung biên bản hội đàm đã ký kết năm 2022.",
        "Năm 2023, hai đơn vị tổ chức 12/60 lượt tuần tra song phương.",
    ],
)
def test_dates_without_a_signed_document_are_not_agreement_dates(sentence):
    assert agreements(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2023, hai đơn vị tổ chức 3/12 lượt tuần tra song phương.",
        "Theo Chỉ thị 12/2013/CT-BTL, các đồn triển khai kết nghĩa.",
        "Tỷ lệ đồng tình đạt 2/3 số hộ.",
    ],
)
def test_counts_and_document_numbers_are_not_dates(sentence):
    assert event(sentence) is None
    assert agreements(sentence) == []


def test_date_spans_point_into_the_original_text():
    text = "Theo đó, ngày 25/6/2022, huyện Hương Khê và huyện Nakai ký kết biên bản ghi nhớ hợp tác."
    found = extract(text)["agreement_dates"][0]
    assert text[found["span"][0]:found["span"][1]] == found["text"] == "25/6/2022"


@pytest.mark.parametrize(
    "sentence",
    [
        "Chiều 22/6, hai huyện hội đàm. Từ đầu năm 2024 đến nay, hai bên tổ chức 12 lượt tuần tra.",
        "Chiều 22/6, hai huyện hội đàm, đánh giá kết quả 6 tháng đầu năm 2024.",
    ],
)
def test_the_article_may_say_the_year_it_is_written_in(sentence):
    assert event(sentence, None) == "2024-06-22"


def test_a_page_dated_by_its_stamp_gives_the_year_never_an_older_year_of_the_body():
    text = (
        "Thứ Sáu, 01/11/2024 - 07:45\n"
        "Hai huyện hội đàm\n"
        "Ngày 30/10, huyện Kỳ Sơn tổ chức hội đàm với huyện Mốc Mày. Hai huyện kết nghĩa từ tháng 10/2017.\n"
    )
    result = extract(text)
    assert result["document_date"] == "2024-11-01"
    assert result["event_date"]["value"] == "2024-10-30"


def test_a_byline_at_the_end_dates_the_page():
    text = "Sáng 18.9, hai đồn biên phòng tổ chức giao ban với Đại đội 534.\nVăn Thành - 19/09/2023\n"
    assert extract(text)["event_date"]["value"] == "2023-09-18"


def test_without_a_year_an_older_year_of_the_body_is_not_taken():
    result = extract("Ngày 30/10, hai huyện hội đàm. Hai huyện kết nghĩa từ tháng 10/2017.")
    assert result["event_date"] is None
    assert result["event_partial"]["value"] == "--10-30"


def test_the_date_given_wins_over_the_page():
    text = "Thứ Sáu, 01/11/2024 - 07:45\nNgày 30/10, huyện Kỳ Sơn tổ chức hội đàm với huyện Mốc Mày."
    assert event(text, dt.date(2023, 11, 2)) == "2023-10-30"


@pytest.mark.parametrize(
    ("sentence", "document_date", "value", "end"),
    [
        ("Từ ngày 28–31/10/2025, đoàn công tác sang thăm và làm việc tại Lào.", None, "2025-10-28", "2025-10-31"),
        ("28–31/10/2025, hai xã tổ chức giao lưu văn nghệ.", None, "2025-10-28", "2025-10-31"),
        ("Từ ngày 28 đến 31/10, đoàn công tác sang thăm cụm bản.", dt.date(2024, 11, 2), "2024-10-28", "2024-10-31"),
        ("Từ ngày 28/9 đến 2/10/2024, hai bên tổ chức tuần tra song phương.", None, "2024-09-28", "2024-10-02"),
    ],
)
def test_a_range_gives_its_first_day_and_keeps_its_last(sentence, document_date, value, end):
    found = extract(sentence, document_date=document_date)["event_date"]
    assert (found["value"], found["end"]) == (value, end)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Sáng 18.9, tại Đồn Biên phòng Ga Ry, các đơn vị tổ chức giao ban.", "2023-09-18"),
        ("Ngày 10/5/2021, bản Xốp Pột tổ chức lễ kết nghĩa với bản Ka Túp 1.", "2021-05-10"),
    ],
)
def test_it_reads_the_forms_the_pages_use(sentence, value):
    assert event(sentence, dt.date(2023, 9, 19)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các đơn vị kết nghĩa từ tháng 4/ 2008.", [("2008-04", "other")]),
        ("Thực hiện Biên bản ghi nhớ ký ngày 12/8/2019, hai huyện hỗ trợ nhau.", [("2019-08-12", "memorandum")]),
        (
            "Ngày 20/6, hai xã hội đàm. Tại buổi lễ, lãnh đạo hai bên đã ký kết biên bản các nội dung của quy chế kết nghĩa.",
            [("2024-06-20", "regulation")],
        ),
        ("Chiều 22/6, hai huyện hội đàm. Cuối buổi, lãnh đạo hai huyện ký kết biên bản hội đàm.", [("2024-06-22", "minutes")]),
        ("Ngày 11/6, hai huyện làm việc. Tại buổi làm việc, hai bên thống nhất Kế hoạch hợp tác năm 2025.", [("2024-06-11", "plan")]),
        ("Ngày 11/6, hai huyện làm việc. Hai bên sẽ ký kết kế hoạch hợp tác vào cuối năm.", []),
    ],
)
def test_agreements_of_twinnings_and_signed_at_the_event(text, expected):
    assert agreements(text) == expected


def test_a_signing_at_the_event_with_an_unknown_year_is_not_dated():
    found = extract("Chiều 22/6, hai huyện hội đàm. Cuối buổi, hai bên ký kết biên bản hội đàm.")
    assert found["agreement_dates"] == [] and found["event_partial"]["value"] == "--06-22"


def test_a_signing_belongs_to_the_nearest_date_not_to_the_meeting_that_reviews_it():
    text = (
        "Chiều 14/3, tỉnh Quảng Trị tổ chức hội nghị với tỉnh Sa Vẳn Na Khệt đánh giá việc thực hiện "
        "Biên bản thỏa thuận hợp tác ký tháng 3/2021."
    )
    assert agreements(text, dt.date(2024, 3, 15)) == [("2021-03", "agreement")]
    assert event(text, dt.date(2024, 3, 15)) == "2024-03-14"
