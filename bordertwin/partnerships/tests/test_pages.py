import pytest

pytestmark = pytest.mark.django_db


def test_every_page_of_a_partnership_renders_for_its_editor(client, world):
    client.force_login(world.vn_province_editor)
    for url in [
        "/", "/partnerships/", f"/partnerships/{world.hk_nakai.pk}/", f"/partnerships/{world.hk_nakai.pk}/edit/",
        "/partnerships/agreements/", f"/partnerships/agreements/{world.hk_memorandum.pk}/",
        "/partnerships/commitments/", f"/partnerships/commitments/{world.hk_commitment.pk}/",
        "/partnerships/new/", "/partnerships/agreements/new/", "/partnerships/commitments/new/",
        "/places/", f"/places/{world.hk_nakai.vn_place_id}/", "/places/organisations/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_search_without_diacritics_finds_the_partnership(client, world):
    client.force_login(world.viewer)
    response = client.get("/partnerships/", {"q": "huong khe"})
    found = [row["object"] for row in response.context["rows"]]
    assert found == [world.hk_nakai]


def test_the_partnership_page_leads_to_its_activities_deliveries_border_and_reports(client, world):
    client.force_login(world.vn_province_editor)
    response = client.get(f"/partnerships/{world.hk_nakai.pk}/")
    urls = [url for url, _label in response.context["related_pages"]]
    assert f"/tracking/activities/?partnership={world.hk_nakai.pk}" in urls
    assert f"/reports/partnerships/{world.hk_nakai.pk}/" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url
