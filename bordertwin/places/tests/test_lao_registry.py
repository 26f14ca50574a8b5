"""The Lao registry grows as partnerships need it: an administrator of the Lao side adds a village cluster under a
Lao district on the places pages; the Vietnamese side cannot. The reference load gives Vietnamese units their Lao names."""

import pytest

from bordertwin.access import Role
from bordertwin.places.models import Place
from bordertwin.testing import make_user, place

pytestmark = pytest.mark.django_db


def cluster(parent: Place, key: str) -> dict[str, object]:
    return {
        "key": key, "country": "LA", "level": "village_cluster", "unit_type": "Cụm bản", "name_vi": "Cụm bản Thử Nghiệm",
        "name_lo": "ກຸ່ມບ້ານທົດລອງ", "name_en": "", "aliases": "", "parent": parent.pk,
    }


def test_a_lao_administrator_adds_a_village_cluster_under_a_lao_district_on_the_page(client, world):
    nakai = place("LA-D-NAKAI")
    client.force_login(world.la_administrator)
    assert client.get("/places/new/").status_code == 200
    response = client.post("/places/new/", cluster(nakai, "LA-VC-THUNGHIEM"))
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Place.objects.get(key="LA-VC-THUNGHIEM")
    assert (added.parent, added.level, added.name_lo) == (nakai, "village_cluster", "ກຸ່ມບ້ານທົດລອງ")
    assert added.path == f"{nakai.path}LA-VC-THUNGHIEM/"


@pytest.mark.parametrize("who", ["vn_administrator", "vn_province_editor"])
def test_the_vietnamese_side_cannot_add_a_lao_village_cluster(client, world, who):
    user = make_user("vn-administrator", "VN", Role.ADMINISTRATOR, "VN-2008-P42") if who == "vn_administrator" else world.vn_province_editor
    client.force_login(user)
    response = client.post("/places/new/", cluster(place("LA-D-NAKAI"), "LA-VC-KHONG"))
    assert response.status_code in (403, 404) or (response.status_code == 200 and "errorlist" in response.content.decode())
    assert not Place.objects.filter(key="LA-VC-KHONG").exists()


def test_the_reference_load_gives_vietnamese_provinces_and_partnership_units_their_lao_names(world):
    assert place("VN-2008-P42").name_lo == "ຮ່າຕິ້ງ"
    assert place("VN-2008-D444").name_lo and place("VN-2008-C19147").name_lo
    assert Place.objects.filter(country="VN", level="province", name_lo="").count() == 0
    assert Place.objects.filter(country="LA", level="district").count() == 85
    assert Place.objects.search("Sầm Nưa").get().key == "LA-D-XAMNEUA"
