"""The filters of partnership, agreement and commitment lists: same answers on pages and in the API."""

import datetime

import pytest

from bordertwin.core import services
from bordertwin.partnerships.models import Commitment

pytestmark = pytest.mark.django_db


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def page_objects(response):
    return [row["object"] for row in response.context["rows"]]


def test_the_filter_drop_downs_only_offer_records_the_user_may_see(client, world):
    client.force_login(world.vn_province_editor)
    for url in ("/partnerships/", "/partnerships/agreements/", "/partnerships/commitments/"):
        response = client.get(url)
        form = response.context["filterset"].form
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model.__name__ in ("Partnership", "Agreement", "Commitment"):
                assert world.nghean_xieng not in queryset and world.nghean_agreement not in queryset, (url, name)
        assert str(world.nghean_xieng) not in response.content.decode(), url
        assert str(world.nghean_agreement) not in response.content.decode(), url


def test_filtering_by_a_partnership_outside_the_scope_is_refused_in_the_api(api, world):
    api.force_authenticate(world.vn_province_editor)
    response = api.get("/api/v1/commitments/", {"partnership": world.nghean_xieng.pk})
    assert response.status_code == 400
    assert "partnership" in response.json()


def test_partnerships_filter_by_level_status_and_province(api, client, world):
    api.force_authenticate(world.viewer)
    client.force_login(world.viewer)
    ha_tinh = world.hk_nakai.vn_place.parent
    cases = [
        ({"level": "district"}, {world.hk_nakai}),
        ({"level": "commune"}, {world.tt_noongma}),
        ({"vn_province": ha_tinh.pk}, {world.hk_nakai}),
        ({"status": "ended"}, set()),
        ({"q": "xieng khoang"}, {world.nghean_xieng}),
        ({"q": "NAKAI"}, {world.hk_nakai}),
    ]
    for params, expected in cases:
        assert ids(api.get("/api/v1/partnerships/", params)) == {p.pk for p in expected}, params
        assert set(page_objects(client.get("/partnerships/", params))) == expected, params


def test_agreements_filter_by_kind_dates_and_partnership(api, world):
    api.force_authenticate(world.viewer)
    cases = [
        ({"kind": "memorandum"}, {world.hk_memorandum}),
        ({"signed_after": "2024-01-01"}, {world.tt_regulation, world.nghean_agreement}),
        ({"signed_before": "2023-01-01"}, {world.hk_memorandum}),
        ({"partnership": world.tt_noongma.pk}, {world.tt_regulation}),
        ({"q": "quy che"}, {world.tt_regulation}),
    ]
    for params, expected in cases:
        assert ids(api.get("/api/v1/agreements/", params)) == {a.pk for a in expected}, params


def test_commitments_filter_by_partnership_domain_status_and_due_date(api, world):
    later = services.save_record(
        Commitment(agreement=world.tt_regulation, domain="health", text="Khám chữa bệnh miễn phí cho 600 người",
                   status="in_progress", due_date=datetime.date(2024, 12, 31)),
        acting_user=world.admin,
    )
    api.force_authenticate(world.viewer)
    cases = [
        ({"partnership": world.hk_nakai.pk}, {world.hk_commitment}),
        ({"domain": "health"}, {later}),
        ({"status": "in_progress"}, {later}),
        ({"due_before": "2025-01-01"}, {later}),
        ({"agreement": world.hk_memorandum.pk}, {world.hk_commitment}),
        ({"q": "kham chua benh"}, {later}),
    ]
    for params, expected in cases:
        assert ids(api.get("/api/v1/commitments/", params)) == {c.pk for c in expected}, params


def test_a_bad_filter_value_shows_nothing_on_the_page_and_400_in_the_api(api, client, world):
    client.force_login(world.viewer)
    response = client.get("/partnerships/", {"established_after": "2024-13-45"})
    assert response.status_code == 200
    assert page_objects(response) == []
    assert response.context["filterset"].form.errors
    api.force_authenticate(world.viewer)
    assert api.get("/api/v1/partnerships/", {"established_after": "2024-13-45"}).status_code == 400
    assert api.get("/api/v1/partnerships/", {"level": "galaxy"}).status_code == 400
