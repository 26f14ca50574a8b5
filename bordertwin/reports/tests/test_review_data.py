import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from bordertwin.core.services import save_record
from bordertwin.reports import services
from bordertwin.tracking.models import Delivery

pytestmark = pytest.mark.django_db
D = datetime.date
PERIOD = (D(2022, 6, 25), D(2024, 6, 22))
# agreements, commitments, progress measured (3), activities, deliveries, exchange rates,
# border summary (2: what an editor may see of it), the units carrying the dissolved district on and the
# province above the issuing one (2); the partnership comes checked and loaded (review_partnership)
QUERIES = 12


def build(review, user=None, language="vi"):
    with translation.override(language):
        return services.review_data(review.partnership, *PERIOD, user or review.world.vn_province_editor, language=language)


def test_the_report_holds_the_seed_facts_of_the_period(review):
    data = build(review)
    items = [d.item for d in data.deliveries]
    assert "Bò nái sinh sản" in items and "Quà Tết 2025" not in items
    cows = next(d for d in data.deliveries if d.item == "Bò nái sinh sản")
    assert cows.quantity == 9 and cows.value == Decimal("1200000000")
    vnd = next(t for t in data.totals if t.currency == "VND")
    assert vnd.amount == Decimal("1300000000")
    assert vnd.qualifier
    assert [a.title for a in data.activities] == ["Thăm, chúc Tết Bunpimay", "Hội đàm thường niên Hương Khê – Nakai"]


def test_commitments_are_grouped_by_domain_with_status_and_progress(review):
    data = build(review)
    by_domain = {d.domain: d for d in data.domains}
    agriculture = by_domain["agriculture"]
    assert agriculture.total == 2 and agriculture.done == 1 and agriculture.in_progress == 1
    cows = next(c for c in agriculture.commitments if c.pk == review.cows.pk)
    assert cows.progress == Decimal(100)  # 9 of 9 cows delivered
    assert [c.pk for c in data.proposals] == [review.gate.pk]
    assert review.cows.pk in [c.pk for c in data.open_commitments]


def test_a_missing_exchange_rate_is_named_and_its_values_left_out_of_the_converted_total(review):
    data = build(review)
    assert data.converted.currency == "VND"
    assert data.converted.amount == Decimal("1300000000")
    assert not data.converted.complete and "LAK" in data.converted.missing[0]


def test_disputed_deliveries_are_listed_but_not_totalled(review):
    Delivery.objects.filter(pk=review.relief_delivery.pk).update(confirmation="disputed")
    data = build(review)
    assert "Hỗ trợ khắc phục lũ lụt" in [d.item for d in data.deliveries]
    assert next(t for t in data.totals if t.currency == "VND").amount == Decimal("1200000000")
    assert data.notes


def test_the_vietnamese_letterhead_follows_the_administrative_format(review):
    head = build(review).letterhead
    assert head.nation == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert head.motto == "Độc lập - Tự do - Hạnh phúc"
    assert head.title == "BÁO CÁO"
    assert head.place_date.startswith("Hương Khê, ngày ")
    assert head.number_line.startswith("Số:") and "/BC-" in head.number_line
    assert head.issuer == "Ủy ban nhân dân xã Hương Khê"  # issued today: the district was dissolved on 1/7/2025
    assert head.recipients[0].startswith("Ủy ban nhân dân tỉnh Hà Tĩnh (để báo cáo)")


def test_the_lao_report_is_issued_by_the_lao_side_under_the_lao_heading(review):
    head = build(review, language="lo").letterhead
    assert head.nation == "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ"
    assert head.motto == "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ"
    assert "ນາກາຍ" in head.issuer and head.country == "LA"


def test_the_default_period_runs_from_the_previous_talks_to_today(review):
    start, end = services.default_period(review.partnership, review.world.admin, today=D(2025, 3, 1))
    assert (start, end) == (D(2024, 6, 22), D(2025, 3, 1))


def test_without_talks_the_default_period_starts_at_the_first_agreement(world):
    start, _end = services.default_period(world.tt_noongma, world.admin, today=D(2025, 3, 1))
    assert start == world.tt_regulation.signed_on


def test_data_assembly_runs_in_a_constant_number_of_queries(review, django_assert_num_queries):
    user = review.world.vn_province_editor
    build(review, user)  # warm the user's scope cache, as a request would
    with django_assert_num_queries(QUERIES):
        build(review, user)
    for day in range(1, 30):
        save_record(Delivery(
            partnership=review.partnership, category="tools", item=f"Cuốc {day}", value=Decimal(1000), currency="VND",
            giver_side="VN", delivered_on=D(2023, 5, day),
        ), acting_user=review.world.admin)
    with django_assert_num_queries(QUERIES):
        data = build(review, user)
    assert len(data.deliveries) == 32


def test_the_report_shows_only_what_the_reader_may_see(review):
    from django.http import Http404

    with pytest.raises(Http404):
        services.review_partnership(review.world.outsider, review.partnership.pk)


def add_patrol(review):
    from zoneinfo import ZoneInfo

    from bordertwin.border.models import Patrol, Segment

    admin = review.world.admin
    segment = save_record(Segment(partnership=review.partnership, name="Đoạn mốc 525–526"), acting_user=admin)
    started = datetime.datetime(2023, 8, 15, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    save_record(Patrol(partnership=review.partnership, segment=segment, started_at=started, vn_people=6, la_people=5), acting_user=admin)


def test_the_border_section_counts_patrols_for_a_border_officer(review):
    add_patrol(review)
    data = build(review, review.world.vn_border_officer, language="en")
    facts = {fact.label: fact.value for fact in data.border}
    assert facts["Joint patrols held"] == "1"


def test_the_border_section_leaves_out_patrol_counts_a_reader_may_not_see(review):
    add_patrol(review)
    data = build(review, review.world.vn_province_editor, language="en")
    labels = [fact.label for fact in data.border]
    assert "Joint patrols held" not in labels
    assert "Boundary markers inspected" in labels
