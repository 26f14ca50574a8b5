"""API tokens: named, several per user, kept as digests, expiring, listed and revoked by their user or an administrator."""

import datetime

import pytest
from django.utils import timezone

from bordertwin.accounts.models import ApiToken
from bordertwin.accounts.services import issue_token
from bordertwin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def authorised(api, key):
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_the_token_api_issues_a_named_expiring_token_kept_only_as_a_digest(api, world):
    response = api.post("/api/v1/auth/token/", {"username": "vn-province-editor", "password": PASSWORD, "name": "báo cáo tuần"},
                        format="json")
    assert response.status_code == 200
    key = response.json()["token"]
    stored = ApiToken.objects.get(user=world.vn_province_editor)
    assert stored.name == "báo cáo tuần"
    assert key not in {stored.digest, stored.prefix} and stored.digest != key and key.startswith(stored.prefix)
    assert abs(stored.expires_at - (timezone.now() + datetime.timedelta(days=30))) < datetime.timedelta(minutes=1)
    assert authorised(api, key).get("/api/v1/partnerships/").status_code == 200
    assert ApiToken.objects.get(pk=stored.pk).last_used_at is not None


def test_a_user_holds_several_tokens_and_lists_them_without_their_keys(api, world):
    first, second = issue_token(world.viewer, "script"), issue_token(world.viewer, "laptop")
    issue_token(world.vn_province_editor, "not mine")
    listed = authorised(api, first.key).get("/api/v1/auth/tokens/").json()
    assert sorted(t["name"] for t in listed) == ["laptop", "script"]
    assert all(first.key not in str(t) and second.key not in str(t) for t in listed)


def test_an_expired_token_answers_401(api, world):
    token = issue_token(world.viewer)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert authorised(api, token.key).get("/api/v1/partnerships/").status_code == 401


def test_the_token_lifetime_is_a_setting(api, world, settings):
    settings.BORDERTWIN_TOKEN_DAYS = 2
    token = issue_token(world.viewer)
    assert token.expires_at < timezone.now() + datetime.timedelta(days=2, minutes=1)


def test_a_user_revokes_one_token_and_it_answers_401_while_the_other_works(api, world):
    kept, revoked = issue_token(world.viewer, "kept"), issue_token(world.viewer, "revoked")
    assert authorised(api, kept.key).delete(f"/api/v1/auth/tokens/{revoked.pk}/").status_code == 204
    assert authorised(api, revoked.key).get("/api/v1/partnerships/").status_code == 401
    assert authorised(api, kept.key).get("/api/v1/partnerships/").status_code == 200


def test_delete_on_the_list_revokes_every_token_of_the_user(api, world):
    one, two = issue_token(world.viewer), issue_token(world.viewer)
    assert authorised(api, one.key).delete("/api/v1/auth/tokens/").status_code == 204
    assert authorised(api, two.key).get("/api/v1/partnerships/").status_code == 401


def test_nobody_sees_or_revokes_another_users_token_unless_they_manage_them(api, world):
    theirs = issue_token(world.la_district_editor)
    mine = issue_token(world.vn_province_editor)
    assert authorised(api, mine.key).delete(f"/api/v1/auth/tokens/{theirs.pk}/").status_code == 404
    assert authorised(api, mine.key).get("/api/v1/auth/tokens/?user=la-district-editor").status_code == 404
    admin = issue_token(world.la_administrator)
    listed = authorised(api, admin.key).get("/api/v1/auth/tokens/?user=la-district-editor").json()
    assert [t["id"] for t in listed] == [theirs.pk]
    assert authorised(api, admin.key).delete(f"/api/v1/auth/tokens/{theirs.pk}/").status_code == 204
    assert authorised(api, theirs.key).get("/api/v1/partnerships/").status_code == 401
    # The LA administrator does not manage Vietnamese users.
    assert authorised(api, admin.key).delete(f"/api/v1/auth/tokens/{mine.pk}/").status_code == 404


def test_the_tokens_page_creates_a_token_shown_once_and_revokes_it(client, api, world):
    client.force_login(world.viewer)
    response = client.post("/accounts/tokens/", {"name": "máy chủ báo cáo"})
    assert "no-store" in response["Cache-Control"]  # the key is on the page: no cache keeps it
    page = response.content.decode()
    token = ApiToken.objects.get(user=world.viewer)
    key = page.split('class="token-key">')[1].split("<")[0]
    assert authorised(api, key).get("/api/v1/partnerships/").status_code == 200
    listing = client.get("/accounts/tokens/").content.decode()
    assert "máy chủ báo cáo" in listing and key not in listing
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert authorised(api, key).get("/api/v1/partnerships/").status_code == 401


def test_a_deactivated_users_token_answers_401(api, client, world):
    token = issue_token(world.la_district_editor)
    client.force_login(world.la_administrator)
    client.post(f"/accounts/users/{world.la_district_editor.pk}/active/", {"active": "0"})
    assert authorised(api, token.key).get("/api/v1/partnerships/").status_code == 401


def test_a_username_with_a_nul_character_is_refused_with_400_not_a_server_error(api, world):
    admin = issue_token(world.la_administrator)
    answer = authorised(api, admin.key).get("/api/v1/auth/tokens/?user=la-district%00editor")
    assert answer.status_code == 400
    assert "user" in answer.json()
