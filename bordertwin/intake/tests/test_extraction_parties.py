"""Parties: the twinned or negotiating units of each side, not donors, witnesses or parents."""

from bordertwin.intake.extraction import extract
from bordertwin.intake.extraction.parties import PlaceMatcher
from bordertwin.intake.extraction.text import name_key


def sides(text, matcher=None):
    result = extract(text, matcher=matcher)
    return (
        [(p["name"], p["level"]) for p in result["vn_parties"]],
        [(p["name"], p["level"]) for p in result["la_parties"]],
    )


def test_it_finds_a_district_pair_and_leaves_the_parent_provinces_out():
    text = (
        "Nâng tầm quan hệ hợp tác giữa 2 huyện Hương Khê và NaKai (CHDCND Lào)\n"
        "Thực hiện chương trình hợp tác, kết nghĩa giữa huyện Hương Khê và huyện NaKai (tỉnh Khăm Muồn, "
        "nước CHDCND Lào), được sự nhất trí của Thường trực Tỉnh ủy Hà Tĩnh, chiều 22/6, huyện Hương Khê "
        "tổ chức hội đàm thường niên với huyện Nakai.\n"
        "Huyện Hương Khê và huyện Nakai ký kết Biên bản Hội đàm, góp phần đưa tình hữu nghị của hai tỉnh "
        "Hà Tĩnh và Khăm Muồn phát triển."
    )
    assert sides(text) == ([("Hương Khê", "district")], [("NaKai", "district")])


def test_variants_of_one_name_make_one_party_with_every_span():
    text = (
        "Huyện Hương Khê và huyện NaKai (Lào) hội đàm. Hai huyện Hương Khê và Nakai thống nhất hợp tác. "
        "Huyện Hương Khê tặng quà huyện Na Kai."
    )
    result = extract(text)
    assert len(result["la_parties"]) == 1
    party = result["la_parties"][0]
    assert len(party["spans"]) == 3
    for start, end in party["spans"]:
        assert text[start:end].replace(" ", "").lower().endswith("nakai")
    assert text[party["span"][0]:party["span"][1]] == party["text"] == "huyện NaKai"


def test_it_finds_a_commune_and_village_cluster_pair_under_provincial_witnesses():
    text = (
        "Kết nghĩa cụm dân cư hai bên biên giới Quảng Bình - Khăm Muồn (Lào)\n"
        "Kết nghĩa cụm dân cư hai bên biên giới xã Thượng Trạch và cụm bản Noỏng Mạ là nội dung quan trọng "
        "tại buổi hội đàm của hai đoàn đại biểu cấp cao Quảng Bình-Khăm Muồn.\n"
        "Tại buổi lễ, lãnh đạo xã Thượng Trạch và Trưởng Cụm bản Noỏng Mạ đã ký kết biên bản.\n"
        "Bí thư, Tỉnh trưởng tỉnh Khăm Muồn bày tỏ mong muốn xã Thượng Trạch và cụm bản Noỏng Mạ phát triển.\n"
        "Dịp này, tỉnh Quảng Bình tặng vật tư y tế cho Trạm Y tế Cụm bản Nỏng Mạ."
    )
    assert sides(text) == ([("Thượng Trạch", "commune")], [("Noỏng Mạ", "village_cluster")])


def test_a_persons_name_after_the_place_is_cut_off():
    text = (
        "Chủ tịch UBND huyện Hương Khê Ngô Xuân Ninh phát biểu. Bí thư - Huyện trưởng huyện NaKai Buaka Keo "
        "Mani đáp từ. Huyện Hương Khê và huyện Nakai ký kết biên bản hội đàm."
    )
    assert sides(text) == ([("Hương Khê", "district")], [("NaKai", "district")])


def test_border_units_pair_a_post_with_a_lao_company():
    text = (
        "Sáng 12.3, Đồn Biên phòng Cửa khẩu quốc tế Cha Lo và Đại đội 311 thuộc Bộ Chỉ huy Quân sự tỉnh "
        "Khăm Muồn (Lào) ký kết biên bản kết nghĩa. Đồn Biên phòng Cha Lo trao quà cho Đại đội 311."
    )
    vn, la = sides(text)
    assert [level for _, level in vn] == ["unit"] and "Cha Lo" in vn[0][0]
    assert la == [("311", "unit")]


def test_the_side_comes_from_the_words_after_a_name():
    text = "Chiều 3/7, UBND huyện Kỳ Sơn hội đàm với đoàn công tác huyện Mường Mộc (Lào)."
    assert sides(text) == ([("Kỳ Sơn", "district")], [("Mường Mộc", "district")])


def test_a_lao_parent_province_in_parentheses_settles_the_side():
    text = (
        "Huyện Quế Phong và huyện Viêng Thoong (tỉnh Bô Ly Khăm Xay) ký kết biên bản ghi nhớ hợp tác. "
        "Huyện Quế Phong tặng quà huyện Viêng Thoong."
    )
    assert sides(text) == ([("Quế Phong", "district")], [("Viêng Thoong", "district")])


def test_a_village_pair_across_the_border():
    text = (
        "Lễ ký kết kết nghĩa giữa khóm Ka Tăng, thị trấn Lao Bảo và bản Đen Sạ Vẳn, huyện Sê Pôn, tỉnh "
        "Savannakhet (Lào). Khóm Ka Tăng và bản Đen Sạ Vẳn giao ban hằng quý."
    )
    assert sides(text) == ([("Ka Tăng", "village")], [("Đen Sạ Vẳn", "village")])


def test_a_province_pair_when_the_talks_are_provincial():
    text = (
        "Hội đàm giữa tỉnh Quảng Nam và tỉnh Sê Kông\n"
        "Ngày 20/6, đoàn đại biểu tỉnh Quảng Nam hội đàm với đoàn đại biểu tỉnh Sê Kông (Lào). "
        "Tỉnh Quảng Nam đã hỗ trợ xây trường học tại huyện Đắc Chưng."
    )
    assert sides(text) == ([("Quảng Nam", "province")], [("Sê Kông", "province")])


def test_document_words_are_not_villages():
    text = "Hai bên ký Biên bản Hội đàm và văn bản Nghị định thư. Huyện Hương Khê hội đàm với huyện Nakai (Lào)."
    vn, la = sides(text)
    assert ("Hội đàm", "village") not in la and all(level == "district" for _, level in vn + la)


class FakeMatcher:
    """Knows two places of the registry."""

    places = {("huongkhe", "district", "VN"): 444, ("nakai", "district", "LA"): 9001}

    def match(self, name, level, country):
        return self.places.get((name_key(name), level, country))


def test_the_matcher_gives_place_ids():
    matcher: PlaceMatcher = FakeMatcher()
    text = "Huyện Hương Khê và huyện NaKai (Lào) ký kết biên bản hội đàm."
    result = extract(text, matcher=matcher)
    assert [p["place_id"] for p in result["vn_parties"]] == [444]
    assert [p["place_id"] for p in result["la_parties"]] == [9001]


def test_the_matcher_settles_a_side_the_text_does_not_tell():
    class Registry:
        def match(self, name, level, country):
            return {("Pha Lan", "LA"): 7, ("Tân Hợp", "VN"): 8}.get((name, country))

    text = "Huyện Tân Hợp và huyện Pha Lan hội đàm, ký kết biên bản ghi nhớ hợp tác."
    assert sides(text) == ([], [])
    assert sides(text, Registry()) == ([("Tân Hợp", "district")], [("Pha Lan", "district")])


def test_without_parties_the_lists_are_empty():
    assert sides("Hai bên thống nhất tăng cường tuần tra song phương.") == ([], [])


def test_a_vietnamese_bản_is_placed_by_its_parents_not_its_level_word():
    text = (
        "Kết nghĩa bản Huồi Cáng với bản Phôn Sủng (Lào)\n"
        "Ngày 10/5, Đồn Biên phòng Nậm Cắn tổ chức lễ kết nghĩa giữa bản Huồi Cáng (xã Nậm Cắn, huyện Kỳ Sơn) "
        "và bản Phôn Sủng (huyện Noọng Hét, tỉnh Xiêng Khoảng, Lào). Bản Huồi Cáng có 120 hộ. "
        "Trưởng bản Huồi Cáng và trưởng bản Phôn Sủng ký kết quy chế kết nghĩa. Đại tá Nguyễn Văn A, "
        "Phó Chỉ huy trưởng BĐBP tỉnh Nghệ An cho biết toàn tỉnh có 21 cặp bản kết nghĩa."
    )
    assert sides(text) == ([("Huồi Cáng", "village")], [("Phôn Sủng", "village")])


def test_an_empty_text_proposes_nothing():
    result = extract("")
    assert result["vn_parties"] == result["la_parties"] == result["money"] == result["commitments"] == []
    assert result["event_date"] is None


def names(text):
    found = extract(text)
    return [p["name"] for p in found["vn_parties"]], [p["name"] for p in found["la_parties"]]


def test_a_list_after_a_counted_level_word_gives_every_unit_on_one_side():
    text = (
        "Ba đồn biên phòng Tây Giang giao ban với Đại đội Biên phòng 534\n"
        "Sáng 18.9, ba đồn Biên phòng Ga Ry, Tr'Hy và A Nông (Bộ đội Biên phòng tỉnh Quảng Nam) tổ chức giao ban "
        "với Đại đội Biên phòng 534 (tỉnh Sê Kông, Lào).\n"
    )
    assert names(text) == (["Ga Ry", "Tr'Hy", "A Nông"], ["534"])


def test_provinces_listed_after_one_level_word_are_all_parties():
    text = (
        "Chiều 22/6, Bộ Chỉ huy Quân sự tỉnh Điện Biên hội đàm với Bộ CHQS và Công an "
        "các tỉnh Phông Sa Lỳ, Luông Pha Băng (Lào)."
    )
    assert names(text) == (["Điện Biên"], ["Phông Sa Lỳ", "Luông Pha Băng"])


def test_full_names_witnesses_donors_parents_and_places_to_propose():
    text = (
        "Ngày 10/5/2021, bản Xốp Pột (xã Tam Hợp, huyện Tương Dương) tổ chức lễ kết nghĩa với ba bản Ka Túp 1, "
        "Na Hương và Pha Khao thuộc huyện Viêng Thoong (Lào). Buổi lễ có sự chứng kiến của lãnh đạo "
        "Đồn Biên phòng Tam Hợp. Dịp này, Đồn Biên phòng Tam Hợp tặng 300 chăn cho các hộ dân ba bản của Lào.\n"
    )
    found = extract(text)
    assert [p["name"] for p in found["vn_parties"]] == ["Xốp Pột"]
    assert [p["name"] for p in found["la_parties"]] == ["Ka Túp 1", "Na Hương", "Pha Khao"]
    assert found["vn_parties"][0]["parent"]["text"] == "xã Tam Hợp"
    proposed = [(p["label"], p["country"], p["parent"]["text"]) for p in found["proposed_places"]]
    assert proposed == [
        ("bản Xốp Pột", "VN", "xã Tam Hợp"),
        ("bản Ka Túp 1", "LA", "huyện Viêng Thoong"),
        ("bản Na Hương", "LA", "huyện Viêng Thoong"),
        ("bản Pha Khao", "LA", "huyện Viêng Thoong"),
    ]


def test_places_the_table_knows_are_not_proposed_without_a_matcher():
    found = extract("Chiều 22/6, huyện Hương Khê tổ chức hội đàm với huyện NaKai (tỉnh Khăm Muồn, Lào).")
    assert found["proposed_places"] == []


def parties_with_parents(text):
    result = extract(text)
    return [
        [(p["level_word"], p["name"], (p["parent"] or {}).get("name")) for p in result[side]]
        for side in ("vn_parties", "la_parties")
    ]


def test_three_posts_under_their_command_pair_with_one_lao_company_and_witnesses_pair_with_no_one():
    text = (
        "Ba đồn biên phòng kết nghĩa với Đại đội Biên phòng 532\n"
        "Sáng 5/4/2025, tại huyện Đắc Chưng (tỉnh Sê Kông, Lào), ba đồn Biên phòng A Xan, Ga Ry và Tr'Hy thuộc "
        "BĐBP tỉnh Quảng Nam đã ký kết kết nghĩa với Đại đội Biên phòng 532 (tỉnh Sê Kông). Lễ ký kết diễn ra "
        "trước sự chứng kiến của lãnh đạo huyện Tây Giang và huyện Đắc Chưng.\n"
        "Theo đó, các đơn vị thống nhất phối hợp tuần tra song phương."
    )
    assert parties_with_parents(text) == [
        [("đồn biên phòng", "A Xan", "Quảng Nam"), ("đồn biên phòng", "Ga Ry", "Quảng Nam"), ("đồn biên phòng", "Tr'Hy", "Quảng Nam")],
        [("đại đội biên phòng", "532", "Sê Kông")],
    ]


def test_one_vietnamese_village_with_three_lao_villages_each_under_its_own_parents():
    text = (
        "Thôn Pa Thông Tây kết nghĩa với ba bản của nước bạn Lào\n"
        "Ngày 20/11/2024, thôn Pa Thông Tây, xã Hướng Lập, huyện Hướng Hóa, tỉnh Quảng Trị tổ chức lễ kết nghĩa "
        "với ba bản Đen Vilay, Na Pa Kiêng 2 và Lặp Pa Tong thuộc huyện Sê Pôn, tỉnh Savannakhet (Lào). "
        "Công ty TNHH Thành An tài trợ 50 triệu đồng cho các hoạt động giao lưu."
    )
    assert parties_with_parents(text) == [
        [("thôn", "Pa Thông Tây", "Hướng Lập")],
        [("bản", "Đen Vilay", "Sê Pôn"), ("bản", "Na Pa Kiêng 2", "Sê Pôn"), ("bản", "Lặp Pa Tong", "Sê Pôn")],
    ]


def test_a_cluster_of_a_district_written_with_của_and_givers_left_out():
    text = (
        "Xã Tam Chung kết nghĩa với cụm bản Na Mèo\n"
        "Ngày 15/9/2023, xã Tam Chung, huyện Mường Lát, tỉnh Thanh Hóa và cụm bản Na Mèo của huyện Sốp Bâu, "
        "tỉnh Hủa Phăn đã ký biên bản ghi nhớ kết nghĩa. Sở Ngoại vụ tỉnh Thanh Hóa và Đồn Biên phòng Tam Chung "
        "trao tặng 100 chăn ấm cho bà con."
    )
    assert parties_with_parents(text) == [[("xã", "Tam Chung", "Mường Lát")], [("cụm bản", "Na Mèo", "Sốp Bâu")]]


def test_a_post_that_only_gives_to_its_twinned_village_is_its_side_s_party():
    text = (
        "Đồn Biên phòng Na Ngoi trao quà cho bản kết nghĩa\n"
        "Ngày 12/3/2024, Đồn Biên phòng Na Ngoi đã trao tặng 2 tấn gạo cho nhân dân bản Huồi Khắng. "
        "Đồn Biên phòng Na Ngoi cũng tặng 6 chiếc xe đạp cho học sinh nghèo của bản."
    )
    assert sides(text) == ([("Na Ngoi", "unit")], [("Huồi Khắng", "village")])


def test_a_count_after_a_name_and_one_word_after_a_shorter_name_are_read_rightly():
    text = (
        "Bản Pa Xi thăm bản kết nghĩa Na Son\n"
        "Ngày 2/4/2024, đoàn bản Pa Xi Tây (xã Na Mèo, huyện Quan Sơn) thăm bản Na Son, huyện Viêng Xay (Lào) "
        "và tặng bản Na Son 100 suất quà. Bản Pa Xi Tây và bản Na Son kết nghĩa từ năm 2019."
    )
    assert sides(text) == ([("Pa Xi Tây", "village")], [("Na Son", "village")])



def test_a_bản_twinned_with_a_lao_village_is_vietnamese_whatever_its_level_word():
    text = (
        "Giao lưu giữa hai bản kết nghĩa\n"
        "Ngày 25/1/2025, bản Huồi Cáng 1 (huyện Mường Mọc, tỉnh Xiêng Khoảng) kết nghĩa với bản Nậm Cắn "
        "tổ chức giao lưu văn nghệ. Hai bản thống nhất cùng giữ gìn an ninh trật tự."
    )
    assert sides(text) == ([("Nậm Cắn", "village")], [("Huồi Cáng 1", "village")])


def test_parents_between_a_commune_and_a_cluster_do_not_part_them_and_the_venue_is_no_party():
    text = (
        "Kết nghĩa cụm dân cư hai bên biên giới\n"
        "Chiều 20/6/2024, tại bản Noọng Ổn, cụm bản Na Thương, huyện Nhôm Ma Lạt, tỉnh Khăm Muồn (Lào), xã Hóa Sơn, "
        "huyện Minh Hóa, tỉnh Quảng Bình và cụm bản Na Thương tổ chức lễ ký kết kết nghĩa cụm dân cư hai bên biên giới."
    )
    assert sides(text) == ([("Hóa Sơn", "commune")], [("Na Thương", "village_cluster")])
