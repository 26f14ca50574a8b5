"""Every API list answers in a number of queries that does not grow with its page size, nor with the data.

The rows are the synthetic whole border of bench/synthetic.py, at a very small scale
(which is also the test that the builder works); the reader is a border officer of the
first province pair, so the access rules are applied as for any officer.
"""

import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bordertwin.access import Role
from bordertwin.testing import ensure_reference, make_user
from bordertwin.tracking.models import Delivery

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import synthetic  # noqa: E402 - the bench folder is not a package

TINY = synthetic.Scale(pairs=synthetic.PAIRS[:2], partnerships=6, years=2, commitments=3, activities=3, deliveries=6,
                       segments=6, markers=12, inspections=2, users=4)
RESOURCES = ["partnerships", "agreements", "commitments", "activities", "deliveries", "exchange-rates", "units", "segments",
             "markers", "patrols", "inspections"]


@pytest.fixture(scope="module")
def border(module_db):
    with module_db.writing():
        ensure_reference()  # a browser test before this module may have emptied the database
        counts = synthetic.generate(scale=TINY, stdout=sys.stderr)
        officer = make_user("syn-test-officer", "VN", Role.BORDER_OFFICER, synthetic.PAIRS[0][0])
    return counts, officer


@pytest.fixture
def api(border):
    client = APIClient()
    client.force_authenticate(border[1])
    return client


def read(api, url):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json(), len(captured)


def rows(body):
    return body.get("results", body.get("features"))


def test_the_builder_writes_every_table_of_the_tiny_border(border):
    counts, _officer = border
    assert counts["partnerships"] == 6
    assert counts["deliveries"] == 6 * 2 * 6
    assert counts["activities"] == 6 * 2 * 3
    assert counts["commitments"] == 6 * 2 * 3
    assert counts["markers"] == 12
    assert counts["patrols"] == 6 * 2 * 2  # two visits a year for two years, per segment
    assert counts["inspections"] == 12 * 2 * 2  # every marker at every visit of its segment
    assert counts["users"] == 4


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_a_list_takes_as_many_queries_for_fifty_rows_as_for_one(api, resource):
    one, queries_for_one = read(api, f"/api/v1/{resource}/?page_size=1")
    many, queries_for_many = read(api, f"/api/v1/{resource}/?page_size=50")
    assert len(rows(one)) == 1
    assert len(rows(many)) > 2, "too few rows to tell"
    assert queries_for_many <= queries_for_one


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_a_record_takes_as_many_queries_whatever_it_holds(api, resource):
    listed = rows(api.get(f"/api/v1/{resource}/?page_size=500").json())
    first, last = listed[0]["id"], listed[-1]["id"]
    _body, queries_for_first = read(api, f"/api/v1/{resource}/{first}/")
    _body, queries_for_last = read(api, f"/api/v1/{resource}/{last}/")
    assert queries_for_first == queries_for_last
    assert queries_for_first <= 8


@pytest.mark.django_db
def test_filtering_by_a_partnership_reads_it_without_its_places(api):
    pair = rows(api.get("/api/v1/partnerships/?page_size=1").json())[0]["id"]
    with CaptureQueriesContext(connection) as captured:
        body = api.get(f"/api/v1/deliveries/?partnership={pair}&page_size=50").json()
    assert body["count"] == Delivery.objects.filter(partnership_id=pair).count() > 0
    assert {row["partnership"] for row in body["results"]} == {pair}
    chosen = [q["sql"] for q in captured if 'FROM "partnerships_partnership"' in q["sql"]]
    assert chosen and all("JOIN" not in sql for sql in chosen)
    assert all("search_text" not in q["sql"] for q in captured if 'FROM "tracking_delivery"' in q["sql"])


@pytest.mark.django_db
def test_a_partnership_the_reader_may_not_see_is_refused_as_before(api, border):
    outsider = make_user("syn-test-outsider", "VN", Role.VIEWER, "VN-2008-P62")
    api.force_authenticate(outsider)
    assert api.get("/api/v1/deliveries/?page_size=1").json()["count"] == 0
    api.force_authenticate(border[1])
    pair = rows(api.get("/api/v1/partnerships/?page_size=1").json())[0]["id"]
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/deliveries/?partnership={pair}").status_code == 400


@pytest.mark.django_db
def test_a_small_list_is_counted_exactly(api, border):
    body = api.get("/api/v1/deliveries/?page_size=5").json()
    assert body["count_exact"] is True
    assert body["count"] == Delivery.objects.restrict(border[1]).count()


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_whole_of_a_big_table_gives_the_estimate_and_still_pages_to_its_end(api, monkeypatch):
    from bordertwin.core import paging

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of .ci/run (DATABASE_URL)")
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", 5)
    api.force_authenticate(make_user("syn-test-admin", superuser=True))
    rows_in_table = Delivery.objects.count()
    first = api.get("/api/v1/deliveries/?page_size=10").json()
    assert first["count_exact"] is False and first["count"] > 0
    assert first["next"] and len(first["results"]) == 10
    last_page = -(-rows_in_table // 10)
    last = api.get(f"/api/v1/deliveries/?page_size=10&page={last_page}").json()
    assert len(last["results"]) == rows_in_table - 10 * (last_page - 1) and last["next"] is None
    assert api.get(f"/api/v1/deliveries/?page_size=10&page={last_page + 1}").status_code == 404
    pair = first["results"][0]["partnership"]
    filtered = api.get(f"/api/v1/deliveries/?partnership={pair}").json()
    assert filtered["count_exact"] is True
    assert filtered["count"] == Delivery.objects.filter(partnership_id=pair).count()


@pytest.mark.django_db
@pytest.mark.postgres
def test_all_of_a_big_scope_is_estimated_and_a_filtered_list_counted(api, border, monkeypatch):
    from bordertwin.core import paging

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of .ci/run (DATABASE_URL)")
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", 5)
    whole = api.get("/api/v1/deliveries/?page_size=10").json()
    assert whole["count_exact"] is False and whole["next"]
    pending = api.get("/api/v1/deliveries/?page_size=10&confirmation=pending").json()
    assert pending["count_exact"] is True
    assert pending["count"] == Delivery.objects.restrict(border[1]).filter(confirmation="pending").count()


@pytest.mark.django_db
def test_a_reader_without_scope_gets_an_empty_list(api):
    api.force_authenticate(make_user("syn-test-nobody", "LA"))
    body = api.get("/api/v1/deliveries/").json()
    assert (body["count"], body["count_exact"], body["results"]) == (0, True, [])
