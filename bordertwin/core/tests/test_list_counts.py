"""Lists count per filter; the whole of a big table on PostgreSQL shows PostgreSQL's estimate and pages by next/previous."""

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bordertwin import access
from bordertwin.core import paging
from bordertwin.places.models import Place
from bordertwin.testing import PASSWORD
from bordertwin.tracking.models import Delivery

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_only_an_unfiltered_list_of_everything_is_the_whole_table(world: Any) -> None:
    assert paging.whole_table(Delivery.objects.restrict(world.admin, access.VIEW).select_related("partnership"))
    assert not paging.whole_table(Delivery.objects.filter(partnership=world.hk_nakai))
    # A scoped user's list is never the whole table: its size would tell what they may not see.
    assert not paging.whole_table(Delivery.objects.restrict(world.vn_commune_editor, access.VIEW))


def test_a_filtered_list_is_counted_exactly(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", 0)
    page = signed_in(world.admin).get(reverse("places:place_list"), {"country": "LA", "per_page": "5"}).content.decode()
    laos = Place.objects.filter(country="LA").count()
    assert f"{laos:,} records" in page
    assert re.search(r"Page 1 of \d+", page)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL keeps the estimate")
def test_the_whole_of_a_big_table_shows_an_estimate_and_pages_by_next(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", 0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE places_place")
    client = signed_in(world.admin)
    url = reverse("places:place_list")
    first = client.get(url, {"per_page": "5"}).content.decode()
    assert re.search(r"About [\d,]+ records", first)
    assert "Page 1<" in first and "Page 1 of" not in first and "page=2" in first

    total = Place.objects.count()
    last_number = (total + 4) // 5
    last = client.get(url, {"per_page": "5", "page": str(last_number)}).content.decode()
    assert f"page={last_number - 1}" in last and f"page={last_number + 1}" not in last
    assert client.get(url, {"per_page": "5", "page": str(last_number + 1)}).status_code == 404
    assert client.get(url, {"per_page": "5", "page": "x"}).status_code == 404
