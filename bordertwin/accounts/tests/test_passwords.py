"""Passwords: validated wherever they are set, changed by their user, reset by an administrator; a change signs out everywhere."""

import getpass

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from bordertwin.accounts.models import Membership, User
from bordertwin.accounts.services import issue_token
from bordertwin.testing import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "một-mật-khẩu-mới-2026"


def test_grant_role_refuses_a_weak_password_with_the_validators_messages(world):
    with pytest.raises(CommandError) as refused, translation.override("en"):
        call_command("grant_role", "officer-9", "editor", "--place", "LA-D-NAKAI", "--password", "1")
    assert "too short" in str(refused.value) and "too common" in str(refused.value)
    assert not User.objects.filter(username="officer-9").exists()


def test_grant_role_records_the_administrator_given_with_by_in_the_change_log(world):
    call_command("grant_role", "officer-4", "editor", "--place", "LA-D-NAKAI", "--password", "a-long-password-4", "--by", "la-administrator")
    membership = Membership.objects.get(user__username="officer-4")
    assert membership.history.get().history_user == world.la_administrator
    assert User.objects.get(username="officer-4").history.get().history_user == world.la_administrator


def test_grant_role_by_someone_who_may_not_grant_it_is_refused(world):
    with pytest.raises(CommandError, match="grant roles only"), translation.override("en"):
        call_command("grant_role", "la-district-editor", "viewer", "--place", "LA-P-XIENGKHOUANG", "--by", "la-administrator")
    assert not Membership.objects.filter(user=world.la_district_editor, role="viewer").exists()


def test_grant_role_without_by_records_the_system_user_who_ran_it(world):
    call_command("grant_role", "viewer", "editor", "--place", "VN-2008-P42")
    entry = Membership.objects.get(user=world.viewer, role="editor").history.get()
    assert entry.history_user is None
    assert getpass.getuser() in entry.history_change_reason


def test_the_password_page_refuses_a_weak_password_and_changes_a_good_one_signing_out_elsewhere(client, api, world):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    elsewhere = Client()
    elsewhere.force_login(world.viewer)
    token = issue_token(world.viewer)
    client.force_login(world.viewer)
    weak = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    assert User.objects.get(pk=world.viewer.pk).check_password(PASSWORD)
    done = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert User.objects.get(pk=world.viewer.pk).check_password(NEW)
    assert client.get("/partnerships/").status_code == 200  # this session goes on
    assert elsewhere.get("/partnerships/")["Location"].startswith("/accounts/login/")  # the others end
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/partnerships/").status_code == 401
    assert User.objects.get(pk=world.viewer.pk).history.latest().history_change_reason == "Password changed"


def test_an_administrator_resets_a_password_and_the_user_must_choose_their_own(client, world):
    officer = Client()
    officer.force_login(world.la_district_editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(world.la_administrator)
    url = f"/accounts/users/{world.la_district_editor.pk}/password/"
    weak = client.post(url, {"new_password1": "la-district-editor", "new_password2": "la-district-editor"})
    assert "too similar" in weak.content.decode()
    assert client.post(url, {"new_password1": "tam-thoi-2026-xyz", "new_password2": "tam-thoi-2026-xyz"}).status_code == 302
    assert officer.get("/partnerships/")["Location"].startswith("/accounts/login/")  # signed out
    assert officer.post("/accounts/login/", {"username": "la-district-editor", "password": "tam-thoi-2026-xyz"}).status_code == 302
    sent = officer.get("/partnerships/")
    assert sent.status_code == 302 and sent["Location"].startswith("/accounts/password/")
    officer.post("/accounts/password/", {"old_password": "tam-thoi-2026-xyz", "new_password1": NEW, "new_password2": NEW})
    assert officer.get("/partnerships/").status_code == 200
    reasons = list(User.objects.get(pk=world.la_district_editor.pk).history.values_list("history_change_reason", "history_user"))
    assert ("Password reset by an administrator", world.la_administrator.pk) in reasons


def test_a_temporary_password_gets_no_api_token(api, world):
    world.viewer.must_change_password = True
    world.viewer.save()
    response = api.post("/api/v1/auth/token/", {"username": "viewer", "password": PASSWORD}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "temporary" in str(response.json())


def test_the_new_user_form_validates_the_password(client, world):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(world.la_administrator)
    response = client.post("/accounts/users/add/", {"username": "new-la", "password1": "abc", "password2": "abc"})
    assert response.status_code == 200 and "too short" in response.content.decode()
    assert not User.objects.filter(username="new-la").exists()


def test_a_weak_demo_password_is_refused(db, monkeypatch):
    import io

    from django.core.exceptions import ValidationError

    from bordertwin.accounts import demo

    monkeypatch.setenv("BORDERTWIN_DEMO_PASSWORD", "1")
    with pytest.raises(ValidationError):
        demo.load(io.StringIO())
    assert not User.objects.exists()
