"""Who issues the review report after the 2025 merger, its number and its signer (Decree 30/2020)."""

import datetime
import re
from io import BytesIO

import pytest
from django.utils import translation
from docx import Document

from bordertwin.core.services import save_record
from bordertwin.places.models import Organisation
from bordertwin.reports import services
from bordertwin.reports.documents import word
from bordertwin.testing import place

pytestmark = pytest.mark.django_db
D = datetime.date
PERIOD = (D(2024, 6, 22), D(2026, 3, 1))
AFTER_MERGER = D(2026, 3, 2)


def report(partnership, user, language="vi", issued_on=AFTER_MERGER, **kwargs):
    with translation.override(language):
        return services.review_data(partnership, *PERIOD, user, language=language, issued_on=issued_on, **kwargs)


def head_text(head):
    return " | ".join([head.authority, head.issuer, head.number_line, head.place_date, *head.recipients, *head.signer_lines])


def test_a_report_dated_after_the_merger_is_issued_by_a_commune_carrying_hương_khê_on(world):
    data = report(world.hk_nakai, world.admin)
    head = data.letterhead
    assert head.issuer == "Ủy ban nhân dân xã Hương Khê"
    assert head.issuer_lines == ["Ủy ban nhân dân", "xã Hương Khê"]  # set on two lines, as Decree 30 lays it out
    assert "huyện Hương Khê" not in head_text(head)
    assert head.place_date == "Hương Khê, ngày 02 tháng 3 năm 2026"
    assert head.recipients[0] == "Ủy ban nhân dân tỉnh Hà Tĩnh (để báo cáo);"
    # The period's text names the partnership's units as they were.
    assert "huyện Hương Khê" in head.subtitle


def test_before_the_merger_the_district_itself_issues(world):
    head = report(world.hk_nakai, world.admin, issued_on=D(2025, 6, 30)).letterhead
    assert head.issuer == "Ủy ban nhân dân huyện Hương Khê"
    assert head.place_date == "Hương Khê, ngày 30 tháng 6 năm 2025"


def test_the_user_chooses_the_issuer_among_the_units_that_carry_the_partnership(world):
    data = report(world.hk_nakai, world.admin)
    choices = dict(data.issuer_choices)
    assert len(choices) == 7 and "Ủy ban nhân dân xã Hương Xuân" in choices.values()
    chosen = next(key for key, name in choices.items() if name.endswith("Hương Xuân"))
    head = report(world.hk_nakai, world.admin, issuer=chosen).letterhead
    assert head.issuer == "Ủy ban nhân dân xã Hương Xuân"
    assert head.place_date.startswith("Hương Xuân, ngày ")


def test_a_unit_that_does_not_carry_the_partnership_cannot_issue_its_report(world, client):
    elsewhere = place("VN-2008-P42")  # Hà Tĩnh province: exists, but does not carry Hương Khê on
    with pytest.raises(ValueError):
        report(world.hk_nakai, world.admin, issuer=str(elsewhere.pk))
    client.force_login(world.admin)
    response = client.get(f"/reports/partnerships/{world.hk_nakai.pk}/review.docx?lang=vi&issuer={elsewhere.pk}")
    assert response.status_code == 400


def test_thượng_trạch_reports_under_quảng_trị_not_bố_trạch(world):
    head = report(world.tt_noongma, world.admin).letterhead
    assert head.issuer == "Ủy ban nhân dân xã Thượng Trạch"
    assert head.recipients[0] == "Ủy ban nhân dân tỉnh Quảng Trị (để báo cáo);"
    assert "Bố Trạch" not in head_text(head) and "Quảng Bình" not in head_text(head)


def test_a_dissolved_units_own_committee_no_longer_issues(world):
    committee = save_record(Organisation(name_vi="UBND huyện Hương Khê", kind="peoples_committee", place=place("VN-2008-D444")),
                            acting_user=world.admin)
    world.hk_nakai.vn_organisation = committee
    save_record(world.hk_nakai, acting_user=world.admin)
    head = report(world.hk_nakai, world.admin).letterhead
    assert head.issuer == "Ủy ban nhân dân xã Hương Khê"
    assert "UBND huyện Hương Khê" in head.subtitle


def test_the_number_carries_the_agency_code_and_the_chairperson_signs(world):
    head = report(world.hk_nakai, world.admin).letterhead
    assert re.fullmatch(r"Số:\s*…*\s*/BC-UBND", head.number_line)
    assert head.signer_lines == ["TM. Ủy ban nhân dân", "Chủ tịch"]
    deputy = report(world.hk_nakai, world.admin, signer="deputy").letterhead
    assert deputy.signer_lines == ["TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"]
    text = "\n".join(p.text for table in Document(BytesIO(word.render(report(world.hk_nakai, world.admin, signer="deputy")))).tables
                     for row in table.rows for cell in row.cells for p in cell.paragraphs)
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text and "THỦ TRƯỞNG" not in text


def test_a_border_post_signs_with_its_commanders_title_under_its_superior(world):
    post = save_record(Organisation(name_vi="Đồn Biên phòng Phú Gia", kind="border_guard_post", place=place("VN-2025-C18496")),
                       acting_user=world.admin)
    world.hk_nakai.vn_place, world.hk_nakai.vn_organisation = post.place, post
    save_record(world.hk_nakai, acting_user=world.admin)
    head = report(world.hk_nakai, world.admin).letterhead
    assert head.issuer == "Đồn Biên phòng Phú Gia" and head.authority == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert head.number_line.endswith("/BC-ĐBP")
    assert head.signer_lines == ["Đồn trưởng"]


def test_the_lao_report_is_issued_by_the_lao_district_administration_and_signed_by_its_governor(world):
    head = report(world.hk_nakai, world.admin, language="lo").letterhead
    assert head.issuer == "ອົງການປົກຄອງເມືອງ ນາກາຍ"
    assert head.authority == ""
    assert head.signer_lines == ["ເຈົ້າເມືອງ"]
    assert head.number_line.startswith("ເລກທີ:") and head.number_line.endswith("/ອປມ")
    # Laos has no people's committee: its body is an administration (ອົງການປົກຄອງ).
    assert "ຄະນະກຳມະການປະຊາຊົນ" not in head.issuer
    assert head.recipients[0] == "ອົງການປົກຄອງແຂວງ ຄຳມ່ວນ (ເພື່ອລາຍງານ);"


def test_the_review_page_offers_the_units_carrying_the_partnership_on_and_the_signer(world, client):
    client.force_login(world.vn_province_editor)
    page = client.get(f"/reports/partnerships/{world.hk_nakai.pk}/review/?lang=vi").content.decode()
    issuer = page.split('name="issuer"')[1].split("</select>")[0]
    assert issuer.count("<option") == 7 and "Ủy ban nhân dân xã Hương Xuân" in issuer
    assert 'name="signer"' in page
    hương_xuân = place("VN-2025-C18544").pk
    page = client.get(f"/reports/partnerships/{world.hk_nakai.pk}/review/?lang=vi&issuer={hương_xuân}").content.decode()
    assert f'value="{hương_xuân}" selected' in page and f"issuer={hương_xuân}" in page
