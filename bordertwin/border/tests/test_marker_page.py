"""A marker's page lists its inspections a page at a time, in as many queries for thousands as for a few."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bordertwin.border.models import MarkerInspection

pytestmark = pytest.mark.django_db
ROW = re.compile(r"<tr><td>\d\d/\d\d/\d{4}</td>")  # a row of the inspections table


def inspect(marker, days, side="VN"):
    first = datetime.date(2020, 1, 1)
    MarkerInspection.objects.bulk_create([
        MarkerInspection(marker=marker, inspected_on=first + datetime.timedelta(days=day), condition="good", recorded_by_side=side)
        for day in range(days)
    ])


def test_a_busy_marker_shows_a_page_of_its_inspections(client, world, border):
    busy, quiet = border.markers[0], border.markers[1]
    inspect(busy, 120)
    inspect(quiet, 2)
    client.force_login(world.admin)
    counts = []
    for marker in (busy, quiet):
        client.get(f"/border/markers/{marker.pk}/")
        with CaptureQueriesContext(connection) as captured:
            page = client.get(f"/border/markers/{marker.pk}/", {"per_page": "50"}).content.decode()
        counts.append(len(captured.captured_queries))
        if marker is busy:
            assert len(ROW.findall(page)) == 50
            assert "29/04/2020" in page and "11/03/2020" in page and "10/03/2020" not in page  # the newest 50 of 120 days
            assert "page=2" in page
    assert counts[0] == counts[1]
    last = client.get(f"/border/markers/{busy.pk}/", {"per_page": "50", "page": "3"}).content.decode()
    assert len(ROW.findall(last)) == 20 and "01/01/2020" in last
