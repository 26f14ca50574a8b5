"""Vietnamese numbers: '.' groups thousands, ',' marks decimals, scale words multiply."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from bordertwin.intake.extraction.numbers import NUMBER_RE, has_decimals, parse_amount, parse_number, plain
from bordertwin.intake.extraction.text import Document, fold, name_key


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.000", Decimal(1000)),
        ("1.200.000", Decimal(1200000)),
        ("1,5", Decimal("1.5")),
        ("1,0", Decimal("1.0")),
        ("600", Decimal(600)),
        ("2 013", Decimal(2013)),
        ("1.234,5", Decimal("1234.5")),
        ("98,8", Decimal("98.8")),
        ("1.5", Decimal("1.5")),
    ],
)
def test_it_reads_a_vietnamese_number(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,2 tỷ", 1_200_000_000),
        ("100 triệu", 100_000_000),
        ("1 tỷ 200 triệu", 1_200_000_000),
        ("2 triệu 500 nghìn", 2_500_000),
        ("500 ngàn", 500_000),
        ("1,7 tỉ", 1_700_000_000),
        ("500.000", 500_000),
        ("9", 9),
    ],
)
def test_it_multiplies_scale_words(written, value):
    assert parse_amount(written) == value


def test_it_refuses_text_without_a_number():
    with pytest.raises(ValueError):
        parse_amount("hàng nghìn")


def test_it_keeps_a_written_decimal():
    assert has_decimals("1,0") and not has_decimals("1.000")
    assert plain(Decimal("1.0"), keep_decimal=True) == 1.0
    assert isinstance(plain(Decimal("1.0"), keep_decimal=True), float)
    assert isinstance(plain(Decimal("1000")), int)
    assert plain(Decimal("1.5")) == 1.5


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("trồng 1,5 ha cam và 1.000 con gà", ["1,5", "1.000"]),
        ("Chỉ thị 34/CT-BTL", ["34"]),
        ("cỏ VA-06 phát triển tốt", []),
        ("năm 2022 có 100 hộ", ["2022", "100"]),
        ("tặng 2 013 suất quà", ["2 013"]),
    ],
)
def test_it_finds_whole_numbers_only(sentence, numbers):
    assert [m.group() for m in NUMBER_RE.finditer(sentence)] == numbers


def test_it_folds_vietnamese_and_lao_spellings():
    assert fold("Hương Khê") == "huong khe"
    assert fold("Đồn Biên phòng") == "don bien phong"
    assert fold("ຄໍາມ່ວນ") == fold("ຄຳມ່ວນ")
    assert name_key("NaKai") == name_key("Na Kai") == name_key("Nakai")
    assert name_key("Noỏng Mạ") == name_key("Nỏng Mạ")


def test_a_decomposed_text_keeps_its_offsets():
    import unicodedata

    text = unicodedata.normalize("NFD", "Huyện Hương Khê tặng 100 triệu đồng.")
    doc = Document(text)
    start = doc.text.index("100")
    span = doc.span(start, start + len("100 triệu đồng"))
    assert unicodedata.normalize("NFC", text[span[0]:span[1]]) == "100 triệu đồng"


def test_the_extraction_package_does_not_import_django():
    package = Path(__file__).resolve().parents[1] / "extraction"
    sources = list(package.glob("*.py"))
    assert sources
    for source in sources:
        assert not re.search(r"^\s*(?:from|import)\s+django", source.read_text(encoding="utf-8"), re.M), source.name
