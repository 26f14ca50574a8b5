"""Place and organisation pages: what they show, and a number of queries that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bordertwin.core import services
from bordertwin.places.models import Organisation, Place
from bordertwin.testing import place

pytestmark = pytest.mark.django_db


def test_the_page_of_a_dissolved_district_names_the_units_that_carry_it_on(client, world):
    client.force_login(world.viewer)
    district = place("VN-2008-D444")
    response = client.get(f"/places/{district.pk}/")
    page = response.content.decode()
    assert len(response.context["current_successors"]) == 7
    for successor in district.current_successors():
        assert successor.get_absolute_url() in page
    assert len(response.context["successions_out"]) == 7
    assert 'class="notice"' in page


def test_the_page_of_a_new_commune_lists_the_communes_merged_into_it(client, world):
    client.force_login(world.viewer)
    commune = place("VN-2025-C18544")
    response = client.get(f"/places/{commune.pk}/")
    predecessors = {s.predecessor.key for s in response.context["successions_in"]}
    assert {"VN-2008-C18541", "VN-2008-C18544", "VN-2008-C18556", "VN-2008-D444"} <= predecessors
    assert place("VN-2008-C18541").get_absolute_url() in response.content.decode()
    assert 'class="notice"' not in response.content.decode()


def test_the_page_of_huong_vinh_points_to_the_new_huong_xuan(client, world):
    client.force_login(world.viewer)
    page = client.get(f"/places/{place('VN-2008-C18541').pk}/").content.decode()
    assert place("VN-2025-C18544").get_absolute_url() in page


def test_the_organisation_filter_offers_only_places_that_have_organisations(client, world):
    services.save_record(Organisation(name_vi="Đồn Biên phòng Bản Giàng", kind="border_guard_post", place=place("VN-2008-D444")),
                         acting_user=world.admin)
    client.force_login(world.viewer)
    offered = list(client.get("/places/organisations/").context["filterset"].form.fields["place"].queryset)
    assert offered == [place("VN-2008-D444")]


def grow(world, start, count):
    parent = place("LA-D-NAKAI")
    for n in range(start, start + count):
        village = services.save_record(
            Place(key=f"LA-V-T{n}", country="LA", level="village", unit_type="Bản", name_vi=f"Bản Thử {n}", parent=parent),
            acting_user=world.admin,
        )
        services.save_record(Organisation(name_vi=f"Trưởng bản Thử {n}", kind="village_authority", place=village),
                             acting_user=world.admin)


@pytest.mark.parametrize("url", [
    "/places/?q=ban+thu", "/places/?country=LA", "/places/organisations/", "/places/organisations/?q=thu",
    "/places/choices/?q=ban+thu&country=LA", "PLACE", "ORGANISATION",
])
def test_place_pages_take_the_same_number_of_queries_for_3n_rows_as_for_n(client, world, url, django_assert_max_num_queries):
    client.force_login(world.la_province_editor)
    grow(world, 0, 4)

    def resolve(url):
        if url == "PLACE":
            return f"/places/{place('LA-D-NAKAI').pk}/"
        if url == "ORGANISATION":
            return f"/places/organisations/{Organisation.objects.order_by('pk').first().pk}/"
        return url

    with CaptureQueriesContext(connection) as captured:
        assert client.get(resolve(url)).status_code == 200
    grow(world, 4, 8)
    with django_assert_max_num_queries(len(captured)):
        assert client.get(resolve(url)).status_code == 200
