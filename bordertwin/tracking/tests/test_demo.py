import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation

from bordertwin.partnerships.models import Commitment, Partnership
from bordertwin.tracking import services
from bordertwin.tracking.models import Activity, Delivery, ExchangeRate

pytestmark = pytest.mark.django_db


def test_the_demo_enters_what_the_articles_report_once(db):
    from bordertwin.partnerships import demo as partnerships_demo
    from bordertwin.testing import make_user
    from bordertwin.tracking import demo

    make_user("admin", superuser=True)
    partnerships_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (Activity.objects.count(), Delivery.objects.count(), ExchangeRate.objects.count())
    demo.load(io.StringIO())
    assert (Activity.objects.count(), Delivery.objects.count(), ExchangeRate.objects.count()) == counts
    cows = Delivery.objects.get(item="Bò nái")
    assert cows.quantity == Decimal(9) and cows.commitment.text == "Hỗ trợ 9 con bò nái"
    hk = cows.partnership
    assert services.total_value(Delivery.objects.filter(partnership=hk), "VND").amount == Decimal("1300000000")
    assert services.measured_progress([cows.commitment])[cows.commitment_id] == Decimal(100)
    assert ExchangeRate.objects.get(currency="USD", to_currency="LAK").rate == Decimal("21391")


def load_seed_demo():
    from bordertwin.partnerships import demo as partnerships_demo
    from bordertwin.testing import make_user
    from bordertwin.tracking import demo

    admin = make_user("admin", superuser=True)
    partnerships_demo.load(io.StringIO())
    demo.load(io.StringIO())
    return admin


def test_the_demo_dates_nothing_the_article_leaves_undated(db):
    """Seed 000 says the Tết visits happen "hằng năm" and names no year for the boat race of 2/9."""
    load_seed_demo()
    assert not Activity.objects.filter(kind__in=["tet_visit", "sport_event"]).exists()
    assert not Activity.objects.filter(started_on=datetime.date(2023, 9, 2)).exists()
    assert not Activity.objects.filter(title__icontains="Tết").exists()
    talks = Activity.objects.get(kind="talks", started_on=datetime.date(2024, 6, 22))
    assert "hằng năm" in talks.summary and "không nêu năm" in talks.summary
    # The undertakings themselves stay, as the memorandum states them.
    assert Commitment.objects.filter(text__startswith="Hằng năm thành lập đoàn lãnh đạo huyện đi chúc Tết").exists()


def test_the_demo_withdraws_the_dated_tet_visits_and_boat_race_an_earlier_load_invented(db):
    from bordertwin.core.services import save_record
    from bordertwin.partnerships import demo as partnerships_demo
    from bordertwin.testing import make_user
    from bordertwin.tracking import demo

    admin = make_user("admin", superuser=True)
    partnerships_demo.load(io.StringIO())
    hk = Partnership.objects.get(vn_place__key="VN-2008-D444", la_place__key="LA-D-NAKAI", level="district")
    for title, day in demo.UNDATED_IN_THE_ARTICLE:
        save_record(Activity(partnership=hk, kind="tet_visit", title=title, started_on=day), acting_user=admin)
    demo.load(io.StringIO())
    assert not Activity.objects.filter(title__in=[title for title, _day in demo.UNDATED_IN_THE_ARTICLE]).exists()
    assert Activity.all_objects.filter(title__in=[title for title, _day in demo.UNDATED_IN_THE_ARTICLE]).count() == 3


def test_about_600_people_keeps_its_qualifier_on_the_page_and_in_the_api(client, api):
    admin = load_seed_demo()
    medicine = Delivery.objects.get(item="Cấp phát thuốc miễn phí")
    assert (medicine.beneficiary_count, medicine.beneficiary_count_qualifier) == (600, "approximately")
    client.force_login(admin)
    with translation.override("vi"):
        page = client.get(medicine.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Khoảng 600" in page or "khoảng 600" in page.lower()
    api.force_authenticate(admin)
    row = api.get(f"/api/v1/deliveries/{medicine.pk}/").json()
    assert (row["beneficiary_count"], row["beneficiary_count_qualifier"]) == (600, "approximately")
    assert row["is_example"] is False


def test_the_border_guard_units_twinning_is_a_partnership_of_its_own(db):
    load_seed_demo()
    guards = Partnership.objects.get(level="border_guard")
    assert (guards.vn_organisation.name_vi, guards.la_organisation.name_vi) == ("Đồn Biên phòng Phú Gia", "Đại đội biên phòng 311")
    assert guards.parent == Partnership.objects.get(vn_place__key="VN-2008-D444", level="district")
    assert (guards.vn_place.key, guards.la_place.key) == ("VN-2008-D444", "LA-D-NAKAI")
    with translation.override("vi"):
        assert str(guards) == "Đồn Biên phòng Phú Gia – Đại đội biên phòng 311"
