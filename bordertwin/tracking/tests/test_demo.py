import io
from decimal import Decimal

import pytest

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
    boat_race = Activity.objects.get(kind="sport_event")
    assert boat_race.commitments.count() == 1
    assert ExchangeRate.objects.get(currency="USD", to_currency="LAK").rate == Decimal("21391")
