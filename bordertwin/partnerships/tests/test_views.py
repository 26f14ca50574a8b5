"""Partnership pages: what they show, and a number of queries that does not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from bordertwin.core import services
from bordertwin.partnerships.models import Agreement, Commitment, Partnership, Unit
from bordertwin.places.models import Organisation
from bordertwin.testing import place

pytestmark = pytest.mark.django_db

VILLAGE_CLUSTERS = ["LA-VC-NOONGMA"]


def grow(world, start, count):
    """Add `count` partnerships of Hương Khê's former communes with Nakai, each with an agreement and parts."""
    unit = Unit.objects.get_or_create(code="head", defaults={"name_vi": "con", "name_en": "head"})[0]
    committee = Organisation.objects.get_or_create(
        name_vi="UBND huyện Nakai", kind="peoples_committee", place=place("LA-D-NAKAI"))[0]
    communes = list(place("VN-2008-D444").children.order_by("path"))
    for n in range(start, start + count):
        pair = services.save_record(
            Partnership(vn_place=communes[n % len(communes)], la_place=place("LA-D-NAKAI"), la_organisation=committee,
                        level="commune", parent=world.hk_nakai, established_on=datetime.date(2023, 1, 1 + n % 28)),
            acting_user=world.admin,
        )
        agreement = services.save_record(
            Agreement(partnership=world.hk_nakai, kind="minutes", title=f"Biên bản {n}", signed_on=datetime.date(2023, 1, 1),
                      follows=world.hk_memorandum), acting_user=world.admin,
        )
        services.save_record(Agreement(partnership=pair, kind="plan", title=f"Kế hoạch {n}", signed_on=datetime.date(2024, 1, 1)),
                             acting_user=world.admin)
        top = services.save_record(Commitment(agreement=agreement, domain="agriculture", text=f"Bò {n}", target_quantity=9,
                                              target_unit=unit, status="in_progress"), acting_user=world.admin)
        services.save_record(Commitment(agreement=agreement, domain="agriculture", text=f"Bò nái {n}", parent=top,
                                        carried_from=None), acting_user=world.admin)
        services.save_record(Commitment(agreement=world.hk_memorandum, domain="health", text=f"Khám {n}", parent=world.hk_commitment),
                             acting_user=world.admin)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def urls(world):
    return [
        "/partnerships/", "/partnerships/?q=huong", "/partnerships/agreements/", "/partnerships/commitments/",
        f"/partnerships/{world.hk_nakai.pk}/", f"/partnerships/agreements/{world.hk_memorandum.pk}/",
        f"/partnerships/commitments/{world.hk_commitment.pk}/",
    ]


@pytest.mark.parametrize("person", ["vn_province_editor", "la_district_editor", "viewer", "admin"])
def test_lists_and_pages_take_the_same_number_of_queries_for_3n_rows_as_for_n(client, world, person, django_assert_max_num_queries):
    client.force_login(getattr(world, person))
    grow(world, 0, 4)
    bounds = {url: queries(client, url) for url in urls(world)}
    grow(world, 4, 8)
    for url, bound in bounds.items():
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200


def test_the_partnership_page_says_who_carries_on_the_dissolved_huong_khe_district(client, world):
    client.force_login(world.viewer)
    page = client.get(f"/partnerships/{world.hk_nakai.pk}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Huyện Hương Khê" in page
    for carrier in world.hk_nakai.vn_carriers():
        assert carrier.get_absolute_url() in page
    assert 'class="notice"' in page


def test_a_partnership_of_a_place_that_still_exists_has_no_notice(client, world):
    services.save_record(Partnership(vn_place=place("VN-2025-C18544"), la_place=place("LA-D-NAKAI"), level="commune"),
                         acting_user=world.admin)
    client.force_login(world.viewer)
    pair = Partnership.objects.get(vn_place__key="VN-2025-C18544")
    assert 'class="notice"' not in client.get(f"/partnerships/{pair.pk}/").content.decode()


def test_the_agreement_page_shows_its_commitments_as_a_tree_with_progress(client, world):
    part = services.save_record(Commitment(agreement=world.hk_memorandum, domain="agriculture", text="9 con bò nái",
                                           parent=world.hk_commitment, status="done"), acting_user=world.admin)
    client.force_login(world.viewer)
    tree = client.get(f"/partnerships/agreements/{world.hk_memorandum.pk}/").context["commitment_tree"]
    assert [(c, depth) for c, depth, _progress in tree] == [(world.hk_commitment, 0), (part, 1)]
    assert [str(progress) for _c, _d, progress in tree] == ["100.0", "100"]


def test_the_agreement_page_shows_only_the_commitments_the_reader_may_see(client, world, monkeypatch):
    hidden = services.save_record(Commitment(agreement=world.hk_memorandum, domain="defense_security", text="Tuần tra chung"),
                                  acting_user=world.admin)
    # A model may narrow its rows further (bordertwin.access): the agreement page reads commitments through that gate.
    monkeypatch.setattr(Commitment, "access_filter", classmethod(lambda cls, user, action: ~Q(domain="defense_security")))
    client.force_login(world.viewer)
    response = client.get(f"/partnerships/agreements/{world.hk_memorandum.pk}/")
    shown = [c for c, _depth, _progress in response.context["commitment_tree"]]
    assert world.hk_commitment in shown and hidden not in shown
    assert "Tuần tra chung" not in response.content.decode()


def test_the_htmx_list_answers_with_the_table_only(client, world):
    client.force_login(world.viewer)
    response = client.get("/partnerships/", {"q": "nakai"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert [row["object"] for row in response.context["rows"]] == [world.hk_nakai]


def test_a_page_size_is_bounded(client, world):
    client.force_login(world.viewer)
    assert len(client.get("/places/", {"per_page": "100000"}).context["rows"]) == 500
    assert len(client.get("/places/", {"per_page": "abc"}).context["rows"]) == 25
    assert len(client.get("/places/", {"per_page": "-4"}).context["rows"]) == 1
    assert client.get("/places/", {"page": "999999"}).status_code == 404
