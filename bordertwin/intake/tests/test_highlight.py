from bordertwin.intake.highlight import Piece, pieces

TEXT = "Xã Thượng Trạch và cụm bản Noỏng Mạ. Xã Thượng Trạch tặng quà trị giá 1 tỷ đồng."


def test_the_text_is_cut_into_plain_and_marked_pieces_that_rebuild_it():
    proposals = {
        "vn_parties": [{"text": "Xã Thượng Trạch", "span": [0, 15], "spans": [[0, 15], [37, 52]]}],
        "money": [{"text": "1 tỷ đồng", "span": [70, 79]}],
        "event_date": None,
    }
    result = pieces(TEXT, proposals)
    assert "".join(p.text for p in result) == TEXT
    assert [p.text for p in result if p.kind == "party"] == ["Xã Thượng Trạch", "Xã Thượng Trạch"]
    assert Piece("1 tỷ đồng", "money", "1 tỷ đồng") in result


def test_overlapping_or_impossible_spans_are_left_unmarked():
    proposals = {
        "commitments": [{"text": "Thượng Trạch và cụm", "span": [3, 22]}],
        "vn_parties": [{"text": "Xã Thượng Trạch", "span": [0, 15]}],
        "money": [{"text": "?", "span": [70, 500]}],
    }
    result = pieces(TEXT, proposals)
    assert "".join(p.text for p in result) == TEXT
    assert [p.kind for p in result if p.kind] == ["party"]
