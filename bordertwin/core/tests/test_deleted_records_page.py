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
