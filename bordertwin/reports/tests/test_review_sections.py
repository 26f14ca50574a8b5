"""What the review report's sections say: dates at their precision, totals that add up, participants, honest
qualifiers, exchange rates and the border section (the Hương Khê–Nakai review of 2022–2024, seed 000)."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from bordertwin.core.services import save_record
from bordertwin.partnerships import services as partnership_services
from bordertwin.partnerships.models import Agreement, Commitment
from bordertwin.reports import services
from bordertwin.reports.documents import labels, pdf, spreadsheet, word
from bordertwin.tracking import services as tracking
from bordertwin.tracking.models import Activity, Delivery, ExchangeRate

from .test_review_data import add_patrol

pytestmark = pytest.mark.django_db
D = datetime.date
PERIOD = (D(2022, 6, 25), D(2024, 6, 22))


def build(review, user=None, language="vi"):
    with translation.override(language):
        return services.review_data(review.partnership, *PERIOD, user or review.world.admin, language=language)


def docx_text(data):
    document = Document(BytesIO(word.render(data)))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(paragraphs + cells)


def save(review, obj):
    return save_record(obj, acting_user=review.world.admin)


# --- Dates ------------------------------------------------------------------------------------------------------


def test_dates_known_to_the_month_or_year_print_as_such_never_as_a_first_day(review):
    save(review, Agreement(partnership=review.partnership, kind="plan", title="Kế hoạch phối hợp", signed_on=D(2023, 1, 1),
                           signed_on_precision="year"))
    tracking.save_activity(Activity(partnership=review.partnership, kind="sport_event", title="Đua thuyền",
                                    started_on=D(2024, 6, 1), date_precision="month"), acting_user=review.world.admin)
    data = build(review)
    with translation.override("vi"):
        text = docx_text(data)
        html = pdf.render_html(data)
    for shown in (text, html):
        assert "tháng 6/2024" in shown and "năm 2023" in shown
        assert "01/06/2024" not in shown and "01/01/2023" not in shown
    with translation.override("lo"):
        lao = docx_text(build(review, language="lo"))
    assert "ເດືອນ 6/2024" in lao and "ປີ 2023" in lao and "01/06/2024" not in lao


# --- Totals -----------------------------------------------------------------------------------------------------


def summary_numbers(data):
    with translation.override(data.language):
        sentence = labels.commitment_summary(data)
    numbers = [int(word) for word in sentence.replace(",", " ").replace(":", " ").replace(".", " ").split() if word.isdigit()]
    return numbers[0], numbers[1:]


def test_a_carried_over_commitment_is_counted_once_under_its_latest_agreement_with_its_history(review):
    minutes = Agreement.objects.get(partnership=review.partnership, kind="minutes")
    partnership_services.carry_over([review.gate], minutes, acting_user=review.world.admin)
    cancelled = save(review, Commitment(agreement=review.world.hk_memorandum, domain="health", text="Khám bệnh miễn phí",
                                        status="cancelled"))
    data = build(review)
    total, parts = summary_numbers(data)
    assert total == sum(parts) == data.commitment_count
    lines = [c for d in data.domains for c in d.commitments]
    gates = [c for c in lines if c.text == review.gate.text]
    assert len(gates) == 1
    assert gates[0].agreement == "Biên bản hội đàm 2024" and gates[0].history == ["Biên bản ghi nhớ (25/06/2022)"]
    assert cancelled.pk in [c.pk for c in lines]
    for domain in data.domains:
        assert domain.total == domain.done + domain.in_progress + domain.not_started + domain.closed
    assert "chuyển tiếp từ: Biên bản ghi nhớ (25/06/2022)" in docx_text(data)


# --- Participants -------------------------------------------------------------------------------------------------


def test_the_participants_column_is_filled_from_the_activitys_participants(review):
    talks = review.talks
    talks.vn_participants = "Ông Nguyễn Văn A, Chủ tịch UBND huyện\nBà Trần Thị B, Trưởng phòng Ngoại vụ"
    talks.la_participants = "Ông Khamphan, Phó Chủ tịch huyện Nakai"
    tracking.save_activity(talks, acting_user=review.world.admin)
    data = build(review)
    line = next(a for a in data.activities if a.title == talks.title)
    assert "Phía Việt Nam (25 người): Ông Nguyễn Văn A, Chủ tịch UBND huyện; Bà Trần Thị B, Trưởng phòng Ngoại vụ" in line.participants
    assert "Phía Lào (20 người): Ông Khamphan, Phó Chủ tịch huyện Nakai" in line.participants
    assert "Ông Khamphan" in docx_text(data)
    visit = next(a for a in data.activities if a.title != talks.title)
    assert visit.participants == ""  # nothing entered: nothing invented


# --- Qualifiers ---------------------------------------------------------------------------------------------------


def test_a_total_of_a_more_than_value_and_exact_values_is_more_than_never_about(review):
    data = build(review)
    vnd = next(t for t in data.totals if t.currency == "VND")
    assert vnd.qualifier == "hơn"
    assert data.converted.qualifier == "hơn"
    with translation.override("vi"):
        assert "khoảng" not in " ".join(labels.converted(data.converted, "vi"))
        assert labels.total(vnd, "vi") == "hơn 1.300.000.000 VND"


def test_a_total_is_about_only_when_a_part_is_approximate(review):
    Delivery.objects.filter(pk=review.relief_delivery.pk).update(value_qualifier="approximately")
    assert next(t for t in build(review).totals if t.currency == "VND").qualifier == "khoảng"
    Delivery.objects.filter(pk=review.relief_delivery.pk).update(value_qualifier="exact")
    Delivery.objects.filter(pk=review.cows_delivery.pk).update(value_qualifier="exact")
    assert next(t for t in build(review).totals if t.currency == "VND").qualifier == ""


def test_a_total_of_more_than_and_less_than_values_says_so_rather_than_about(review):
    Delivery.objects.filter(pk=review.relief_delivery.pk).update(value_qualifier="less_than")
    vnd = next(t for t in build(review).totals if t.currency == "VND")
    assert vnd.qualifier == "" and vnd.note


# --- Exchange rates -----------------------------------------------------------------------------------------------


def test_a_missing_rate_is_named_in_the_report(review):
    text = docx_text(build(review))
    assert "LAK→VND" in text


def test_cross_rates_through_the_us_dollar_are_used_and_said(review):
    save(review, ExchangeRate(currency="USD", to_currency="VND", rate=Decimal(24000), valid_on=D(2023, 1, 1)))
    save(review, ExchangeRate(currency="USD", to_currency="LAK", rate=Decimal(20000), valid_on=D(2023, 1, 1)))
    data = build(review)
    # 50.000.000 LAK = 2.500 USD = 60.000.000 VND
    assert data.converted.amount == Decimal("1360000000")
    assert data.converted.complete and data.converted.via_pivot == ["LAK→USD→VND"]
    text = docx_text(data)
    assert "LAK→USD→VND" in text and "đô la Mỹ" in text
    with translation.override("vi"):
        annex = load_workbook(BytesIO(spreadsheet.render(data)))
    rows = [[cell.value for cell in row] for row in annex.worksheets[1].iter_rows()]
    assert ["Quy đổi qua đô la Mỹ do chưa có tỷ giá trực tiếp:", "LAK→USD→VND", None] in rows


def test_the_lao_report_never_says_at_least_zero_kip(review):
    Delivery.objects.filter(currency="LAK").delete()
    data = build(review, language="lo")
    assert data.converted.counted == 0
    text = docx_text(data)
    assert "ຢ່າງໜ້ອຍ 0" not in text and " 0 LAK" not in text
    assert "VND→LAK" in text


# --- Border -------------------------------------------------------------------------------------------------------


def test_a_border_officer_reads_the_patrols_of_the_period(review):
    add_patrol(review)
    data = build(review, review.world.vn_border_officer)
    assert not data.border_withheld
    facts = {fact.label: fact.value for fact in data.border}
    assert facts["Số cuộc tuần tra song phương"] == "1"


def test_a_reader_who_may_not_see_patrols_is_told_so_instead_of_zeros(review):
    add_patrol(review)
    data = build(review, review.world.vn_province_editor)
    assert data.border_withheld
    text = docx_text(data)
    assert "chỉ hiển thị cho người được xem hồ sơ nhạy cảm" in text
    assert "Số cuộc tuần tra song phương" not in text
