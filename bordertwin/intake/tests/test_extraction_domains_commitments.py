"""Cooperation domains, and the commitments agreed or proposed for the future."""

import pytest

from bordertwin.intake.extraction import extract


def domains(text):
    return [d["value"] for d in extract(text)["domains"]]


def commitments(text):
    return [c["text"] for c in extract(text)["commitments"]]


@pytest.mark.parametrize(
    ("sentence", "domain"),
    [
        ("Hai bên duy trì tuần tra song phương, bảo vệ hệ thống mốc quốc giới.", "defense_security"),
        ("Hợp tác trên các lĩnh vực chính trị, kinh tế, quốc phòng - an ninh.", "politics"),
        ("Hỗ trợ xây dựng mô hình chăn nuôi, giảm nghèo cho người dân.", "economy"),
        ("Tạo điều kiện trao đổi hàng hóa, thúc đẩy thương mại qua cửa khẩu.", "trade"),
        ("Tổ chức giao lưu văn hóa, văn nghệ, thể thao dịp Tết.", "culture_society"),
        ("Khám bệnh, cấp thuốc miễn phí tại trạm y tế bản.", "health"),
        ("Đào tạo tiếng Việt cho học sinh, sinh viên Lào.", "education"),
        ("Bảo vệ rừng, đưa Vườn quốc gia Hin Nậm Nô thành Di sản thiên nhiên thế giới.", "environment"),
    ],
)
def test_it_finds_a_domain_from_its_words(sentence, domain):
    assert domain in domains(sentence)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Thượng tá Nguyễn Văn Hùng, Chính trị viên Đồn Biên phòng, phát biểu.", "politics"),
        ("Bộ Chính trị đã ban hành nghị quyết.", "politics"),
        ("Giữ vững an ninh chính trị vùng biên.", "politics"),
        ("Đồn Biên phòng Cửa khẩu quốc tế Lao Bảo tiếp đoàn. Đồn Biên phòng Cửa khẩu Cha Lo giao ban.", "trade"),
        ("Tỉnh thuộc vùng núi.", "health"),
    ],
)
def test_names_of_bodies_are_not_domains(sentence, absent):
    assert absent not in domains(sentence)


def test_domain_evidence_points_into_the_text():
    text = "Hai bên tăng cường giao lưu văn hóa, văn nghệ, thể thao."
    found = extract(text)["domains"]
    culture = next(d for d in found if d["value"] == "culture_society")
    for evidence in culture["evidence"]:
        assert text[evidence["span"][0]:evidence["span"][1]] == evidence["text"]


def test_an_agreement_is_split_into_one_commitment_per_action():
    text = (
        "Hai huyện thống nhất: tăng cường tuần tra song phương; phối hợp phòng, chống ma túy; "
        "hỗ trợ nhau xóa đói giảm nghèo."
    )
    assert commitments(text) == [
        "tăng cường tuần tra song phương",
        "phối hợp phòng, chống ma túy",
        "hỗ trợ nhau xóa đói giảm nghèo",
    ]


def test_a_plan_runs_on_into_paragraphs_that_open_with_an_action():
    text = (
        "Thảo luận về nội dung hợp tác trong thời gian tới, 2 địa phương thống nhất tiếp tục chỉ đạo các "
        "ngành đẩy mạnh tuyên truyền, vận động Nhân dân tuân thủ Quy chế biên giới.\n"
        "Duy trì kết nghĩa các đơn vị cơ sở bảo vệ biên giới giữa hai huyện.\n"
        "Đồng thời, tạo điều kiện thuận lợi để nhân dân hai bên trao đổi hàng hóa.\n"
        "Huyện Hương Khê và huyện Nakai ký kết Biên bản Hội đàm."
    )
    found = commitments(text)
    assert len(found) == 3
    assert found[0].startswith("tiếp tục chỉ đạo")
    assert found[1].startswith("Duy trì kết nghĩa")
    assert found[2].startswith("tạo điều kiện thuận lợi")


def test_a_list_header_is_dropped():
    text = (
        "Hai bên thống nhất tạo điều kiện để hai địa phương học tập kinh nghiệm trên các lĩnh vực như: "
        "hỗ trợ kỹ thuật sản xuất nông nghiệp; thúc đẩy các hoạt động thương mại."
    )
    assert commitments(text) == ["hỗ trợ kỹ thuật sản xuất nông nghiệp", "thúc đẩy các hoạt động thương mại"]


def test_the_contents_of_a_signed_regulation_are_commitments():
    text = (
        "Theo đó, hai bên cùng nhau làm tốt công tác tuyên truyền, vận động nhân dân thực hiện nghiêm Nghị định thư.\n"
        "Hai xã và Cụm bản cùng vận động nhân dân tích cực tham gia tuần tra bảo vệ đường biên.\n"
        "Đồng thời, tạo điều kiện thuận lợi và khuyến khích nhân dân hai bên qua lại trao đổi hàng hóa."
    )
    assert len(commitments(text)) == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Thời gian qua, hai địa phương đã thực hiện tốt việc xây dựng tuyến biên giới ổn định.",
        "Lãnh đạo 2 huyện đã ký kết biên bản hội đàm với nội dung tiếp tục hợp tác trên mọi lĩnh vực.",
        "Mong muốn mối quan hệ hợp tác, kết nghĩa của hai huyện tiếp tục phát triển.",
        "Lãnh đạo tỉnh bày tỏ mong muốn hai xã sẽ có thêm điều kiện thuận lợi mới.",
        "Dịp này, tỉnh Quảng Bình trao hàng nghìn suất quà cho nhân dân hai bên biên giới.",
        "Năm qua, quan hệ hợp tác giữa hai tỉnh tiếp tục phát triển tốt đẹp.",
        "Được sự nhất trí của Thường trực Tỉnh ủy, chiều 22/6, huyện tổ chức hội đàm thường niên.",
    ],
)
def test_results_wishes_and_reports_are_not_commitments(sentence):
    assert commitments(sentence) == []


def test_continuing_in_a_review_is_a_result_not_a_promise():
    text = (
        "Tại buổi hội đàm, lãnh đạo hai địa phương đánh giá kết quả thực hiện biên bản năm 2022.\n"
        "Hai bên tiếp tục chỉ đạo các đồn biên phòng đẩy mạnh công tác tuyên truyền cho nhân dân.\n"
        "Hỗ trợ 9 con bò nái cho người dân huyện bạn, trị giá hơn 1,2 tỷ đồng."
    )
    assert commitments(text) == []


def test_a_proposal_is_a_commitment():
    text = "Chủ tịch UBND huyện: Hương Khê đang nghiên cứu, đề xuất mở cửa khẩu với nước bạn Lào tại xã Hương Vĩnh."
    assert commitments(text) == ["đề xuất mở cửa khẩu với nước bạn Lào tại xã Hương Vĩnh"]


def test_a_resolve_is_a_commitment_and_an_outcome_tail_is_cut():
    text = (
        "Hai bên cũng khẳng định quyết tâm đồng hành bảo vệ rừng đầu nguồn, góp phần xây dựng biên giới "
        "hòa bình, hữu nghị."
    )
    assert commitments(text) == ["đồng hành bảo vệ rừng đầu nguồn"]


def test_negative_undertakings_of_a_regulation_are_commitments():
    text = (
        "Theo quy chế, nhân dân hai bên cam kết: không xâm canh, xâm cư; không vận chuyển ma túy, vũ khí "
        "qua biên giới; định kỳ hằng quý tổ chức giao ban để trao đổi tình hình."
    )
    assert commitments(text) == [
        "không xâm canh, xâm cư",
        "không vận chuyển ma túy, vũ khí qua biên giới",
        "định kỳ hằng quý tổ chức giao ban để trao đổi tình hình",
    ]


def test_a_repeated_commitment_is_kept_once():
    text = (
        "Hai bên thống nhất tăng cường các hoạt động giao lưu văn hóa, văn nghệ, thể thao của các bên.\n"
        "Hai bên thống nhất tăng cường các hoạt động giao lưu văn hóa, văn nghệ, thể dục, thể thao của các bên."
    )
    assert len(commitments(text)) == 1


def test_each_commitment_has_a_domain_and_a_span():
    text = (
        "Hai bên thống nhất tăng cường tuần tra song phương bảo vệ mốc quốc giới; hợp tác khám, chữa bệnh "
        "cho nhân dân vùng biên; trao đổi kinh nghiệm đào tạo tiếng Việt cho giáo viên."
    )
    found = extract(text)["commitments"]
    assert [c["domain"] for c in found] == ["defense_security", "health", "education"]
    for item in found:
        assert text[item["span"][0]:item["span"][1]] == item["text"]


def test_commitments_in_the_page_chrome_are_ignored():
    text = (
        "Hai huyện hội đàm\n"
        "Hai bên thống nhất tăng cường tuần tra song phương trên tuyến biên giới chung của hai huyện.\n"
        + "Lãnh đạo hai huyện trao đổi nhiều nội dung về quan hệ hữu nghị đặc biệt. " * 4
        + "\nCác tin bài khác\nHai tỉnh thống nhất đẩy mạnh hợp tác du lịch trong thời gian tới"
    )
    assert commitments(text) == ["tăng cường tuần tra song phương trên tuyến biên giới chung của hai huyện"]


MINUTES = """BIÊN BẢN HỘI ĐÀM
Giữa huyện Kỳ Sơn, tỉnh Nghệ An và huyện Noọng Hét, tỉnh Xiêng Khoảng, nước CHDCND Lào

Hôm nay, ngày 15 tháng 3 năm 2024, hai đoàn đại biểu đã tiến hành hội đàm.

I. KẾT QUẢ THỰC HIỆN BIÊN BẢN NĂM 2023
Hai huyện tiếp tục phối hợp tuần tra song phương, bàn giao 15 công dân.

II. PHƯƠNG HƯỚNG HỢP TÁC NĂM 2024
Hai bên thống nhất một số nội dung sau:
1. Tiếp tục phối hợp chặt chẽ trong công tác quản lý, bảo vệ đường biên giới, mốc quốc giới.
2. Phối hợp giải quyết tình trạng di cư tự do theo Thỏa thuận ký ngày 8/7/2013.
3. Huyện Kỳ Sơn hỗ trợ 20 chỉ tiêu đào tạo tiếng Việt cho cán bộ huyện Noọng Hét.
- Tổ chức giao lưu văn hóa, thể thao nhân dịp Tết Bun-pi-may.

Biên bản được lập thành 04 bản bằng tiếng Việt và tiếng Lào, có giá trị như nhau.
"""


def test_numbered_and_bulleted_items_of_minutes_are_commitments():
    found = commitments(MINUTES)
    assert found == [
        "Tiếp tục phối hợp chặt chẽ trong công tác quản lý, bảo vệ đường biên giới, mốc quốc giới",
        "Phối hợp giải quyết tình trạng di cư tự do theo Thỏa thuận ký ngày 8/7/2013",
        "Huyện Kỳ Sơn hỗ trợ 20 chỉ tiêu đào tạo tiếng Việt cho cán bộ huyện Noọng Hét",
        "Tổ chức giao lưu văn hóa, thể thao nhân dịp Tết Bun-pi-may",
    ]


def test_minutes_give_their_date_parties_and_counts():
    result = extract(MINUTES)
    assert result["event_date"]["value"] == "2024-03-15"
    assert [p["name"] for p in result["vn_parties"]] == ["Kỳ Sơn"]
    assert [p["name"] for p in result["la_parties"]] == ["Noọng Hét"]
    assert [(q["value"], q["unit"]) for q in result["quantities"]] == [(15, "công dân"), (20, "chỉ tiêu")]


def test_trafficking_is_not_trade():
    assert "trade" not in domains("Hai bản cam kết không tham gia buôn bán ma túy, buôn bán người qua biên giới.")


def test_windows_line_ends_read_like_unix_ones():
    assert commitments(MINUTES.replace("\n", "\r\n")) == commitments(MINUTES)


def test_a_site_menu_at_the_top_of_a_page_is_not_read():
    text = (
        "Trang chủ | Chính trị | Xã hội | Biên giới | Quốc tế\n"
        "Hai huyện hội đàm\n"
        "Hai huyện thống nhất phối hợp tổ chức hội chợ thương mại biên giới vào năm tới.\n"
    )
    assert [d["value"] for d in extract(text)["domains"]] == ["trade"]


def test_what_a_signed_regulation_lays_down_is_a_commitment():
    text = (
        "Ngày 5/3, hai đơn vị ký kết quy chế phối hợp.\n"
        "Theo quy chế, hai đơn vị tuần tra song phương ít nhất 4 lần mỗi năm; phối hợp kiểm soát người, "
        "phương tiện qua lại cửa khẩu.\n"
    )
    found = [c["text"] for c in extract(text)["commitments"]]
    assert found == [
        "hai đơn vị tuần tra song phương ít nhất 4 lần mỗi năm",
        "phối hợp kiểm soát người, phương tiện qua lại cửa khẩu",
    ]


def test_who_attended_after_an_agreement_is_no_commitment_and_marker_guarding_is_defence():
    text = (
        "Giao ban giữa hai đơn vị biên phòng\n"
        "Ngày 6/3/2024, Đồn Biên phòng Thanh Thủy giao ban với Đại đội 242 (Lào). Hai đơn vị thống nhất tăng cường "
        "phối hợp bảo vệ mốc giới. Dự buổi giao ban có đại diện UBND huyện Thanh Chương."
    )
    result = extract(text)
    assert [c["text"] for c in result["commitments"]] == ["tăng cường phối hợp bảo vệ mốc giới"]
    assert result["commitments"][0]["domain"] == "defense_security"
