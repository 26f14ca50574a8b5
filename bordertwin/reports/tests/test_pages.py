"""The report pages: overview, dashboard and the review page, as officers open them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_the_reports_menu_entry_leads_to_the_overview(client, world):
    client.force_login(world.vn_province_editor)
    response = client.get("/partnerships/")
    assert b'href="/reports/"' in response.content
    assert client.get("/reports/").status_code == 200


def test_the_overview_shows_only_partnerships_in_the_users_scope(client, review):
    client.force_login(review.world.vn_province_editor)
    response = client.get("/reports/")
    shown = [row["partnership"] for row in response.context["rows"]]
    assert review.partnership in shown and review.world.nghean_xieng not in shown
    row = next(r for r in response.context["rows"] if r["partnership"] == review.partnership)
    assert row["value"] == 1330000000  # every VND delivery, the 2025 Tết gifts included
    assert b"reports/chart.umd.min.js" in response.content


def test_the_overview_narrows_to_one_province(client, review):
    from bordertwin.places.models import Place

    client.force_login(review.world.viewer)
    ha_tinh = Place.objects.get(key="VN-2008-P42")
    response = client.get("/reports/", {"province": ha_tinh.pk})
    assert [r["partnership"] for r in response.context["rows"]] == [review.partnership]
    assert client.get("/reports/", {"province": "abc"}).status_code == 400


def test_the_dashboard_charts_commitments_activities_and_aid(client, review):
    client.force_login(review.world.la_district_editor)
    response = client.get(f"/reports/partnerships/{review.partnership.pk}/")
    assert response.status_code == 200
    context = response.context
    assert context["status_chart"]["labels"]  # domains
    assert context["aid_chart"]["labels"] == ["2023", "2025"]
    assert len(context["aid_category_chart"]["series"]) == 2  # livestock and cash, in VND
    assert [year for year, _items in context["timeline"]] == [2024]
    assert b'data-chart="chart-aid"' in response.content and b'id="chart-aid"' in response.content


def test_an_outsider_gets_no_dashboard_and_no_review_page(client, review):
    client.force_login(review.world.outsider)
    assert client.get(f"/reports/partnerships/{review.partnership.pk}/").status_code == 404
    assert client.get(f"/reports/partnerships/{review.partnership.pk}/review/").status_code == 404
    client.force_login(review.world.vn_province_editor)
    assert client.get(f"/reports/partnerships/{review.world.nghean_xieng.pk}/").status_code == 404


def test_the_review_page_defaults_to_the_period_since_the_previous_talks(client, review):
    client.force_login(review.world.vn_province_editor)
    response = client.get(f"/reports/partnerships/{review.partnership.pk}/review/")
    assert response.status_code == 200
    assert response.context["date_from"].isoformat() == "2024-06-22"
    assert b"review.docx?from=2024-06-22" in response.content


def test_the_review_page_shows_the_period_asked_for(client, review):
    client.force_login(review.world.vn_province_editor)
    response = client.get(f"/reports/partnerships/{review.partnership.pk}/review/", {"from": "2022-06-25", "to": "2024-06-22", "lang": "lo"})
    assert response.status_code == 200
    assert "Bò nái sinh sản" in response.content.decode()
    assert b"review.pdf?from=2022-06-25&amp;to=2024-06-22&amp;lang=lo" in response.content


def test_the_review_page_refuses_a_period_that_ends_before_it_begins(client, review):
    client.force_login(review.world.vn_province_editor)
    response = client.get(f"/reports/partnerships/{review.partnership.pk}/review/", {"from": "2024-06-22", "to": "2022-06-25"})
    assert response.status_code == 400


def test_an_unknown_format_is_not_found(client, review):
    client.force_login(review.world.vn_province_editor)
    assert client.get(f"/reports/partnerships/{review.partnership.pk}/review.odt").status_code == 404


def add_more(review, count):
    import datetime
    from decimal import Decimal

    from bordertwin.core.services import save_record
    from bordertwin.partnerships.models import Commitment
    from bordertwin.tracking.models import Activity, Delivery

    admin = review.world.admin
    for n in range(count):
        save_record(Commitment(agreement=review.world.hk_memorandum, domain="health", text=f"Khám bệnh đợt {n}"), acting_user=admin)
        save_record(Activity(partnership=review.partnership, kind="exchange", title=f"Giao lưu {n}",
                             started_on=datetime.date(2023, 3, n + 1)), acting_user=admin)
        save_record(Delivery(partnership=review.partnership, category="medical", item=f"Thuốc {n}", value=Decimal(1000),
                             currency="USD", giver_side="VN", delivered_on=datetime.date(2023, 4, n + 1)), acting_user=admin)


def test_the_review_page_checks_its_partnership_once(client, review):
    client.force_login(review.world.vn_province_editor)
    url = f"/reports/partnerships/{review.partnership.pk}/review/?from=2022-06-25&to=2024-06-22"
    client.get(url)  # the session and the reader's scope, as on any earlier page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    read = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT") and 'FROM "partnerships_partnership"' in q["sql"]]
    assert len(read) == 1


@pytest.mark.parametrize("more", [0, 12])
def test_report_pages_run_a_constant_number_of_queries(client, review, django_assert_max_num_queries, more):
    add_more(review, more)
    client.force_login(review.world.vn_province_editor)
    pk = review.partnership.pk
    # The first page of a session also reads the sign-in policy and the two-factor device (cached after);
    # the figures, kept per access scope (core.caching), read the user's roles once more to name the scope.
    with django_assert_max_num_queries(16):
        assert client.get("/reports/").status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(f"/reports/partnerships/{pk}/").status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(f"/reports/partnerships/{pk}/review/?from=2022-06-25&to=2024-06-22").status_code == 200
    with django_assert_max_num_queries(33):
        # The annex is made by a job (run at once in tests): its queries (about a dozen) count with the request's.
        assert client.get(f"/reports/partnerships/{pk}/review.xlsx?from=2022-06-25&to=2024-06-22").status_code == 302
