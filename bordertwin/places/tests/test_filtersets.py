"""Finding places without diacritics, in any case, and in either Lao spelling; the place filters."""

import pytest

from bordertwin.places.models import Place
from bordertwin.testing import place

pytestmark = pytest.mark.django_db

SEARCHES = [
    ("huong khe", {"VN-2008-D444", "VN-2008-C18496", "VN-2025-C18496"}),
    ("HUONG KHE", {"VN-2008-D444", "VN-2008-C18496", "VN-2025-C18496"}),
    ("Hương  Khê", {"VN-2008-D444"}),
    ("thuong trach", {"VN-2008-C19147", "VN-2025-C19147"}),
    ("khammouane", {"LA-P-KHAMMOUANE"}),
    ("\u0e84\u0ecd\u0eb2\u0ea1\u0ec8\u0ea7\u0e99", {"LA-P-KHAMMOUANE"}),  # ຄໍາມ່ວນ, "am" as NIKHAHIT + AA
    ("\u0e84\u0eb3\u0ea1\u0ec8\u0ea7\u0e99", {"LA-P-KHAMMOUANE"}),  # ຄຳມ່ວນ, "am" as one code point
    ("nakai", {"LA-D-NAKAI"}),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search_finds_the_place(query, expected):
    found = set(Place.objects.search(query).values_list("key", flat=True))
    assert expected <= found, found


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search_finds_the_place_on_the_page_and_in_the_api(client, api, world, query, expected):
    client.force_login(world.viewer)
    api.force_authenticate(world.viewer)
    page = {row["object"].key for row in client.get("/places/", {"q": query, "per_page": 500}).context["rows"]}
    assert expected <= page
    answer = {row["key"] for row in api.get("/api/v1/places/", {"q": query, "page_size": 500}).json()["results"]}
    assert answer == page


def test_a_search_for_nothing_in_particular_finds_nothing_wrong():
    assert not Place.objects.search("xyzzy huong").exists()
    assert Place.objects.search("").count() == Place.objects.count()


def test_places_filter_by_country_level_existence_and_province(api, world):
    api.force_authenticate(world.viewer)

    def keys(**params):
        return {row["key"] for row in api.get("/api/v1/places/", params | {"page_size": 500}).json()["results"]}

    lao_provinces = keys(country="LA", level="province")
    assert "LA-P-KHAMMOUANE" in lao_provinces and all(k.startswith("LA-P-") for k in lao_provinces)
    within = keys(within=place("VN-2008-P42").pk, level="district")
    assert "VN-2008-D444" in within and all(k.startswith("VN-2008-D") for k in within)
    current = keys(within=place("VN-2008-P42").pk, current="true", level="commune")
    assert "VN-2025-C18544" in current and "VN-2008-C18541" not in current
    former = keys(within=place("VN-2008-P42").pk, current="false", level="district")
    assert "VN-2008-D444" in former


def test_the_place_picker_offers_matching_places_of_one_country(client, world):
    client.force_login(world.vn_province_editor)
    options = client.get("/places/choices/", {"q": "huong khe", "country": "VN"}).context["places"]
    assert {p.key for p in options} >= {"VN-2008-D444"}
    assert all(p.country == "VN" for p in options)
    assert list(client.get("/places/choices/", {"q": "huong khe", "country": "LA"}).context["places"]) == []


def test_the_place_picker_survives_a_nul_character(client, world):
    client.force_login(world.viewer)
    assert client.get("/places/choices/", {"q": "huong\x00khe"}).status_code == 200
