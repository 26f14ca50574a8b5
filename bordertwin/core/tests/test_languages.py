"""A text in the reader's language, or its Vietnamese original shown as the original: on pages, in lists and in the API."""

import pytest
from django.utils import translation

from bordertwin.accounts.services import issue_token
from bordertwin.core.languages import in_reader_language
from bordertwin.core.services import save_record
from bordertwin.core.templatetags.bordertwin import reader_text
from bordertwin.partnerships.models import Agreement, Commitment

pytestmark = pytest.mark.django_db


def test_the_reader_gets_their_language_or_the_original_marked_as_such():
    agreement = Agreement(title="Biên bản ghi nhớ", title_lo="ບົດບັນທຶກຄວາມເຂົ້າໃຈ", title_en="")
    lao = in_reader_language(agreement, "title", "lo")
    assert (lao.text, lao.language, lao.fallback) == ("ບົດບັນທຶກຄວາມເຂົ້າໃຈ", "lo", False)
    english = in_reader_language(agreement, "title", "en")
    assert (english.text, english.language, english.fallback) == ("Biên bản ghi nhớ", "vi", True)
    with translation.override("en"):
        assert english.plain() == "Biên bản ghi nhớ [original (vi)]"
    with translation.override("vi"):
        assert english.plain() == "Biên bản ghi nhớ [bản gốc (vi)]"
    vietnamese = in_reader_language(agreement, "title", "vi")
    assert (vietnamese.text, vietnamese.fallback) == ("Biên bản ghi nhớ", False)
    blank = in_reader_language(Agreement(title="Biên bản", title_lo="   "), "title", "lo")
    assert blank.fallback and blank.text == "Biên bản"


def test_the_page_badge_names_the_original_in_the_reader_language_and_escapes_the_text():
    commitment = Commitment(text="<script>alert(1)</script> Hỗ trợ 9 con bò nái")
    with translation.override("lo"):
        html = reader_text(commitment, "text")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="badge badge-original"' in html and 'lang="vi"' in html
    assert "original (vi)" not in html  # said in Lao
    with translation.override("vi"):
        assert "badge" not in reader_text(commitment, "text")
    long = Commitment(text="x" * 200, text_lo="ກ" * 200)
    with translation.override("lo"):
        assert "ກ" * 89 + "…" in reader_text(long, "text", 90) and "badge" not in reader_text(long, "text", 90)


def test_a_token_request_without_accept_language_is_answered_in_the_saved_language(api, world):
    hk = world.hk_memorandum
    world.la_district_editor.language = "lo"
    world.la_district_editor.save(update_fields=["language"])
    save_record(Agreement(partnership=hk.partnership, kind="minutes", title="Biên bản hội đàm 2024",
                          title_lo="ບົດບັນທຶກກອງປະຊຸມ 2024", signed_on=hk.signed_on), acting_user=world.admin)
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(world.la_district_editor, 'test').key}")
    body = api.get("/api/v1/agreements/", {"q": "2024"}).json()
    row = body["results"][0]
    assert row["title"] == "Biên bản hội đàm 2024" and row["title_lo"] == "ບົດບັນທຶກກອງປະຊຸມ 2024"
    assert row["title_for_reader"] == {"text": "ບົດບັນທຶກກອງປະຊຸມ 2024", "language": "lo", "fallback": False}
    untranslated = api.get(f"/api/v1/agreements/{hk.pk}/")
    assert untranslated.headers["Content-Language"] == "lo"
    assert untranslated.json()["title_for_reader"] == {"text": "Biên bản ghi nhớ", "language": "vi", "fallback": True}
    # The header, when sent, chooses.
    asked = api.get(f"/api/v1/agreements/{hk.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert asked.json()["title_for_reader"]["language"] == "vi" and asked.headers["Content-Language"] == "en"
    # An error answer is in the saved language too.
    missing = api.get("/api/v1/agreements/999999/")
    assert missing.status_code == 404 and missing.headers["Content-Language"] == "lo"


def test_the_lao_review_report_prints_the_lao_text_and_marks_the_original(world):
    import datetime

    from bordertwin.reports.services import review_data

    commitment = world.hk_commitment
    commitment.text_lo = "ຊ່ວຍເຫຼືອງົວແມ່ 9 ໂຕ"
    save_record(commitment, acting_user=world.admin)
    with translation.override("lo"):
        data = review_data(world.hk_memorandum.partnership, datetime.date(2022, 1, 1), datetime.date(2024, 12, 31),
                           world.admin, language="lo")
        texts = [line.text for line in data.open_commitments]
        titles = [line.title for line in data.agreements]
    assert "ຊ່ວຍເຫຼືອງົວແມ່ 9 ໂຕ" in texts and "Hỗ trợ 9 con bò nái" not in " ".join(texts)
    assert titles == ["Biên bản ghi nhớ [ຕົ້ນສະບັບ (ພາສາຫວຽດນາມ)]"]
    with translation.override("vi"):
        data = review_data(world.hk_memorandum.partnership, datetime.date(2022, 1, 1), datetime.date(2024, 12, 31),
                           world.admin, language="vi")
    assert [line.text for line in data.open_commitments] == ["Hỗ trợ 9 con bò nái"]


def test_every_api_view_answers_a_token_in_the_saved_language_not_only_records(api, world):
    world.la_district_editor.language = "lo"
    world.la_district_editor.save(update_fields=["language"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(world.la_district_editor, 'test').key}")
    assert api.get("/api/v1/auth/tokens/").headers["Content-Language"] == "lo"
    assert api.get("/api/v1/auth/tokens/", HTTP_ACCEPT_LANGUAGE="vi").headers["Content-Language"] == "vi"


def test_lao_text_is_stored_in_one_spelling_whichever_way_it_was_typed(world):
    commitment = world.hk_commitment
    commitment.text_lo = "ສະໜັບສະໜູນງົວ 9 ໂຕ ໃຫ້ແຂວງ\u0e84\u0ecd\u0eb2ມ່ວນ"  # "am" typed as NIKHAHIT + AA
    save_record(commitment, acting_user=world.admin)
    commitment.refresh_from_db()
    assert commitment.text_lo.endswith("\u0e84\u0eb3ມ່ວນ") and "\u0ecd\u0eb2" not in commitment.text_lo
