import pytest

pytestmark = pytest.mark.django_db


def test_a_malformed_restore_request_is_not_found_and_changes_nothing(client, world):
    client.force_login(world.admin)
    response = client.post("/records/deleted/", {"content_type": "abc", "pk": "1"})
    assert response.status_code == 404


def test_a_restore_reference_to_a_record_of_no_kind_is_not_found(client, world):
    client.force_login(world.admin)
    response = client.post("/records/deleted/", {"content_type": "999999", "pk": "1"})
    assert response.status_code == 404


def test_the_deleted_records_page_lists_every_deleted_record_across_pages(client, world):
    from bordertwin.core.services import delete_record, save_record
    from bordertwin.partnerships.models import Commitment

    made = [
        save_record(Commitment(agreement=world.hk_memorandum, domain="health", text=f"Cam kết {n}"), acting_user=world.admin)
        for n in range(230)
    ]
    for commitment in made:
        delete_record(commitment, acting_user=world.admin)
    client.force_login(world.admin)
    first = client.get("/records/deleted/", {"per_page": 100})
    assert first.context["page_obj"].paginator.count == 230
    last = client.get("/records/deleted/", {"per_page": 100, "page": 3})
    assert len(last.context["page_obj"].object_list) == 30
