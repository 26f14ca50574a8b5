"""/api/v1/notifications/: one's own notifications, in one's language; mark one or all as read."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from bordertwin.accounts.services import issue_token
from bordertwin.notifications import services
from bordertwin.notifications.models import Notification
from bordertwin.tracking.tests.conftest import make_delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def entered(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_delivery(world.hk_nakai, world.vn_province_editor)


def as_user(api, user):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user).key}")
    return api


def test_the_list_holds_only_ones_own_notifications_written_in_ones_language(api, world, entered):
    world.la_district_editor.language = "lo"
    world.la_district_editor.save()
    response = as_user(api, world.la_district_editor).get("/api/v1/notifications/")
    assert response.status_code == 200
    [item] = response.json()["results"]
    mine = Notification.objects.get(recipient=world.la_district_editor)
    assert item["id"] == mine.pk and item["event"] == "awaits_confirmation" and item["read_at"] is None
    assert item["url"] == f"/tracking/deliveries/{entered.pk}/" and item["target_type"] == "tracking.delivery"
    assert item["message"] == services.message(mine, "lo") != services.message(mine, "en")
    english = as_user(api, world.la_district_editor).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["results"][0]["message"] == services.message(mine, "en")
    assert as_user(api, world.vn_province_editor).get("/api/v1/notifications/").json()["results"] == []


def test_one_marks_a_notification_of_ones_own_as_read_and_never_anothers(api, world, entered):
    mine = Notification.objects.get(recipient=world.la_district_editor)
    theirs = Notification.objects.get(recipient=world.la_province_editor)
    client = as_user(api, world.la_district_editor)
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    response = client.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"]
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.get("/api/v1/notifications/?unread=true").json()["results"] == []


def test_mark_all_read_marks_only_ones_own(api, world, entered):
    response = as_user(api, world.la_province_editor).post("/api/v1/notifications/read-all/")
    assert response.json() == {"marked": 1}
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_anonymous_clients_get_401(api):
    assert api.get("/api/v1/notifications/").status_code == 401
    assert api.post("/api/v1/notifications/read-all/").status_code == 401


def test_the_operations_are_in_the_openapi_schema():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert set(paths["/api/v1/notifications/"]) >= {"get"}
    assert "post" in paths["/api/v1/notifications/{id}/read/"]
    assert "post" in paths["/api/v1/notifications/read-all/"]
