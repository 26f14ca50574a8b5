"""Search compares whole words from their start, ignoring case, diacritics and punctuation."""

import pytest

from bordertwin.core.services import save_record
from bordertwin.partnerships.models import Commitment

pytestmark = pytest.mark.django_db


def commitment(world, text):
    return save_record(Commitment(agreement=world.hk_memorandum, domain="environment", text=text), acting_user=world.admin)


def test_a_word_is_found_from_its_start_not_inside_another_word(world):
    heritage = commitment(world, "Đưa Vườn Quốc gia Hin Nậm Nô thành di sản thế giới")
    commitment(world, "Chính quyền hai bên phối hợp tuyên truyền")
    assert list(Commitment.objects.filter(domain="environment").search("hin nam")) == [heritage]


def test_punctuation_separates_words(world):
    grass = commitment(world, "Trồng 1,0 ha cỏ VA-06 (giống mới)")
    assert list(Commitment.objects.filter(domain="environment").search("va 06 giong")) == [grass]
    assert list(Commitment.objects.filter(domain="environment").search("VA-06")) == [grass]


def test_lao_is_found_inside_words_written_without_spaces(world):
    lao = commitment(world, "ຮ່ວມມືກັບເມືອງນາກາຍ")
    assert list(Commitment.objects.filter(domain="environment").search("ນາກາຍ")) == [lao]
