"""The deliveries page sums what it lists in SQL, to the same cent as each delivery converted on its own."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from bordertwin.testing import PASSWORD
from bordertwin.tracking import services, views
from bordertwin.tracking.models import Delivery

from .conftest import make_delivery, make_rate

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def deliveries(world):
    admin = world.admin
    make_rate(admin, "USD", "VND", "24000.5", D(2023, 8, 24))
    make_rate(admin, "LAK", "VND", "1.15", D(2024, 7, 1))
    # Values whose conversions round: summed first and converted once they would differ by a cent.
    for day in (1, 1, 1, 2):
        make_delivery(world.hk_nakai, admin, value=Decimal("0.03"), currency="USD", delivered_on=D(2023, 9, day))
    make_delivery(world.hk_nakai, admin, value=Decimal("5000000"), currency="LAK", delivered_on=D(2024, 6, 22))
    make_delivery(world.tt_noongma, admin, value=Decimal("7"), currency="VND", delivered_on=D(2024, 6, 22), value_qualifier="more_than")


def test_the_sum_in_sql_is_the_sum_of_each_delivery(world, deliveries, django_assert_max_num_queries):
    for currency in ("VND", "USD", "LAK"):
        for rows in (Delivery.objects.all(), Delivery.objects.filter(partnership=world.hk_nakai)):
            with django_assert_max_num_queries(2):
                summed = services.queryset_total(rows, currency)
            one_by_one = services.total_value(list(rows), currency)
            assert (summed.amount, summed.counted, summed.approximate) == (one_by_one.amount, one_by_one.counted, one_by_one.approximate)
            assert sorted(summed.missing) == sorted(one_by_one.missing)  # newest first; a day's currencies in any order
    # 0.03 USD is 720.015 VND, 720.02 once rounded: four of them make 2,880.08 (not 0.12 USD converted once: 2,880.06).
    assert services.queryset_total(Delivery.objects.all(), "VND").amount == Decimal("2880.08") + Decimal("7")


def test_the_page_sums_a_narrowed_list_and_says_why_not_a_long_one(world, deliveries, monkeypatch):
    world.admin.language = "en"
    world.admin.save(update_fields=["language"])
    client = Client()
    client.login(username=world.admin.username, password=PASSWORD)
    page = client.get(reverse("tracking:delivery_list"), {"partnership": world.hk_nakai.pk}).content.decode()
    assert "2,880.08 VND" in page
    assert "Not counted:" in page  # the LAK delivery predates its rate

    monkeypatch.setattr(views, "TOTAL_LIMIT", 3)
    page = client.get(reverse("tracking:delivery_list")).content.decode()
    assert "The total is shown for at most 3 deliveries" in page
