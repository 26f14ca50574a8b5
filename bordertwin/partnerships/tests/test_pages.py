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


@pytest.mark.parametrize("value", ["abc", "1" * 30, "-1", "1.5"])
def test_a_form_sent_back_with_nonsense_ids_shows_errors_not_a_server_error(client, world, value):
    from bordertwin.partnerships.models import Partnership

    client.force_login(world.admin)
    before = Partnership.all_objects.count()
    response = client.post("/partnerships/new/", {"vn_place": value, "la_place": value, "level": "district",
                                                  "established_on_precision": "day", "status": "active"})
    assert response.status_code == 200
    assert {"vn_place", "la_place"} <= set(response.context["form"].errors)
    assert Partnership.all_objects.count() == before


@pytest.mark.parametrize("value", ["abc", "1" * 30, ""])
def test_a_new_commitment_page_with_a_nonsense_agreement_in_the_address_still_opens(client, world, value):
    client.force_login(world.vn_province_editor)
    assert client.get("/partnerships/commitments/new/", {"agreement": value}).status_code == 200


def test_a_new_commitment_page_for_an_agreement_offers_its_commitments_as_parents(client, world):
    client.force_login(world.vn_province_editor)
    form = client.get("/partnerships/commitments/new/", {"agreement": world.hk_memorandum.pk}).context["form"]
    assert list(form.fields["parent"].queryset) == [world.hk_commitment]


def test_an_editor_records_a_partnership_through_the_form_with_a_reason(client, world):
    from bordertwin.partnerships.models import Partnership
    from bordertwin.testing import place

    client.force_login(world.vn_commune_editor)
    response = client.post("/partnerships/new/", {
        "vn_place": place("VN-2025-C18544").pk, "la_place": place("LA-D-NAKAI").pk, "level": "commune",
        "established_on": "2025-09-02", "established_on_precision": "day", "status": "active",
        "parent": world.hk_nakai.pk, "change_reason": "Kết nghĩa mới sau sắp xếp",
    })
    assert response.status_code == 302
    created = Partnership.objects.get(vn_place__key="VN-2025-C18544")
    assert response["Location"] == f"/partnerships/{created.pk}/"
    assert created.parent == world.hk_nakai and created.created_by == world.vn_commune_editor
    assert created.history.get().history_change_reason == "Kết nghĩa mới sau sắp xếp"
