"""The review of what the reader proposes beyond records: places the registry lacks, and a
day and month whose year the text does not give."""

import datetime

import pytest

from bordertwin.intake.choices import DocumentStatus
from bordertwin.intake.models import ProposalLink
from bordertwin.intake.services import submit_document
from bordertwin.partnerships.models import Agreement, Partnership
from bordertwin.places.models import Place

from .test_views import review_data, signed_in

pytestmark = pytest.mark.django_db

# Two villages the registry lacks, in a commune and a village cluster it holds; no year anywhere.
VILLAGES_TEXT = (
    "Kết nghĩa bản Pa Lạ và bản Na Phào\n"
    "Chiều 22/6, bản Pa Lạ, xã Thượng Trạch (Việt Nam) và bản Na Phào, cụm bản Noỏng Mạ (Lào) ký kết "
    "biên bản ghi nhớ kết nghĩa. Hai bên thống nhất phối hợp tuần tra đường biên giới.\n"
)


@pytest.fixture
def villages(world):
    return submit_document(acting_user=world.la_province_editor, text=VILLAGES_TEXT, title="Pa Lạ – Na Phào")


def test_the_review_shows_a_day_without_a_year_and_the_places_with_their_parents(client, world, villages):
    page = signed_in(client, world.admin).get(f"/intake/{villages.pk}/").content.decode()
    assert "22/6 (year unknown)" in page and 'name="event_year"' in page
    assert 'name="place-0-accept"' in page and 'value="Pa Lạ"' in page and 'value="Na Phào"' in page
    commune = Place.objects.get(name_vi="Thượng Trạch", level="commune", country="VN", valid_to__isnull=True)
    assert f'<option value="{commune.pk}" selected>' in page  # the parent, matched in the registry


def test_an_administrator_adds_the_places_and_twins_them_in_the_year_given(client, world, villages):
    data = review_data(villages, world.admin, **{
        "place-0-accept": "on", "place-1-accept": "on", "new-vn_place": "", "new-la_place": "", "event_year": "2024",
    })
    response = signed_in(client, world.admin).post(f"/intake/{villages.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    pa_la, na_phao = Place.objects.get(name_vi="Pa Lạ"), Place.objects.get(name_vi="Na Phào")
    assert (pa_la.country, pa_la.level, pa_la.unit_type, pa_la.parent.name_vi) == ("VN", "village", "Bản", "Thượng Trạch")
    assert (na_phao.country, na_phao.parent.name_vi) == ("LA", "Noỏng Mạ")
    partnership = Partnership.objects.get(vn_place=pa_la)
    assert partnership.la_place == na_phao
    assert Agreement.objects.get(partnership=partnership).signed_on == datetime.date(2024, 6, 22)
    assert ProposalLink.objects.filter(document=villages, field="proposed_places").count() == 2
    assert ProposalLink.objects.get(document=villages, field="vn_parties").text == "bản Pa Lạ"


def test_a_year_out_of_range_is_refused_and_nothing_is_added(client, world, villages):
    data = review_data(villages, world.admin, **{"place-0-accept": "on", "new-vn_place": "", "event_year": "1800"})
    response = signed_in(client, world.admin).post(f"/intake/{villages.pk}/", data)
    assert response.status_code == 400 and "greater than or equal to 1950" in response.content.decode()
    assert not Place.objects.filter(name_vi="Pa Lạ").exists()


def test_an_editor_sees_the_places_as_suggestions_and_cannot_add_them(client, world, villages):
    client = signed_in(client, world.la_province_editor)
    page = client.get(f"/intake/{villages.pk}/").content.decode()
    assert "Only an administrator can add places to the registry" in page
    assert "bản Na Phào" in page and 'name="place-0-accept"' not in page
    data = review_data(villages, world.la_province_editor, **{"place-1-accept": "on", "new-la_place": ""})
    response = client.post(f"/intake/{villages.pk}/", data)
    assert response.status_code == 400 and not Place.objects.filter(name_vi="Na Phào").exists()
    villages.refresh_from_db()
    assert villages.status == DocumentStatus.PENDING


def test_the_api_answers_the_proposed_places_and_accepts_them(api, world, villages):
    api.force_authenticate(world.admin)
    proposals = api.get(f"/api/v1/intake/{villages.pk}/").json()["proposals"]
    assert proposals["event_partial"]["value"] == "--06-22" and proposals["event_date"] is None
    assert [(p["name"], p["country"], p["parent"]["name"]) for p in proposals["proposed_places"]] == [
        ("Pa Lạ", "VN", "Thượng Trạch"), ("Na Phào", "LA", "Noỏng Mạ"),
    ]
    body = {**review_data(villages, world.admin), "place-0-accept": True, "place-1-accept": True,
            "new-vn_place": None, "new-la_place": None, "event_year": 2024}
    response = api.post(f"/api/v1/intake/{villages.pk}/accept/", body, format="json")
    assert response.status_code == 201
    assert [r["record_type"] for r in response.json()["created"]][:3] == ["place", "place", "partnership"]


def test_the_api_ignores_a_place_accepted_by_an_editor(api, world, villages):
    api.force_authenticate(world.la_province_editor)
    body = {**review_data(villages, world.la_province_editor), "place-1-accept": True, "new-la_place": None}
    response = api.post(f"/api/v1/intake/{villages.pk}/accept/", body, format="json")
    assert response.status_code == 400 and "new-la_place" in response.json()
    assert not Place.objects.filter(name_vi="Na Phào").exists()
