"""Officers write an agreement's title and a commitment's text in Lao and English beside the Vietnamese original;
a Lao reader sees the Lao text, and the original marked as such where there is none."""

import pytest

from bordertwin.partnerships.models import Agreement

pytestmark = pytest.mark.django_db


def test_an_editor_enters_the_lao_title_on_the_page_and_a_lao_reader_sees_it(client, world):
    client.force_login(world.vn_province_editor)
    memorandum = world.hk_memorandum
    response = client.post(f"/partnerships/agreements/{memorandum.pk}/edit/", {
        "partnership": memorandum.partnership_id, "kind": "memorandum", "title": "Biên bản ghi nhớ",
        "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈ", "title_en": "Memorandum of understanding", "signed_on": "2022-06-25",
        "signed_on_precision": "day",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    memorandum = Agreement.objects.get(pk=memorandum.pk)
    assert (memorandum.title_lo, memorandum.title_en) == ("ບົດບັນທຶກຄວາມເຂົ້າໃຈ", "Memorandum of understanding")
    world.la_district_editor.language = "lo"
    world.la_district_editor.save(update_fields=["language"])
    client.force_login(world.la_district_editor)
    page = client.get(memorandum.get_absolute_url()).content.decode()
    assert '<h1><span lang="lo">ບົດບັນທຶກຄວາມເຂົ້າໃຈ</span></h1>' in page
    # Its commitment has no Lao text yet: the Vietnamese original, with the badge that says so.
    assert '<span lang="vi">Hỗ trợ 9 con bò nái</span> <span class="badge badge-original"' in page
    listed = client.get("/partnerships/agreements/").content.decode()
    assert "ບົດບັນທຶກຄວາມເຂົ້າໃຈ" in listed


def test_the_commitment_form_takes_the_lao_and_english_text(client, world):
    client.force_login(world.vn_province_editor)
    form = client.get(f"/partnerships/commitments/new/?agreement={world.hk_memorandum.pk}").content.decode()
    assert 'name="text_lo"' in form and 'name="text_en"' in form
