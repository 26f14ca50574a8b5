"""Two-factor sign-in (TOTP): set up with a scanned code, asked after the password, required by a side for its administrators and border officers."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bordertwin.accounts.models import SignInEvent
from bordertwin.accounts.services import issue_token
from bordertwin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def fresh(device):
    """The device as if a while had passed: the code used is not taken for a replay, a wrong one no longer slows down."""
    device.refresh_from_db()
    device.last_t, device.throttling_failure_count, device.throttling_failure_timestamp = -1, 0, None
    device.save()


def enrol(client, user):
    client.force_login(user)
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    html = page.content.decode()
    assert "otpauth://totp/" in html and 'src="data:image/svg+xml' in html
    assert client.post("/accounts/two-factor/", {"code": code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_after_setting_it_up_signing_in_asks_for_the_code_before_anything_else(world):
    device = enrol(Client(), world.viewer)
    fresh(device)
    client = Client()
    assert sign_in(client, "viewer").status_code == 302
    sent = client.get("/partnerships/")
    assert sent.status_code == 302 and sent["Location"].startswith("/accounts/two-factor/verify/")
    assert client.get("/api/v1/partnerships/").status_code == 403
    wrong = client.post("/accounts/two-factor/verify/", {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and client.get("/partnerships/").status_code == 302
    assert SignInEvent.objects.filter(user=world.viewer, outcome="failed").exists()
    fresh(device)
    right = client.post("/accounts/two-factor/verify/?next=/partnerships/", {"code": code(device)})
    assert right.status_code == 302 and right["Location"] == "/partnerships/"
    assert client.get("/partnerships/").status_code == 200


def test_a_wrong_setup_code_confirms_nothing(client, world):
    client.force_login(world.viewer)
    client.get("/accounts/two-factor/")
    response = client.post("/accounts/two-factor/", {"code": "12345"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=world.viewer, confirmed=True).exists()


def test_a_side_that_requires_it_sends_its_administrators_and_border_officers_to_set_it_up(client, world):
    client.force_login(world.admin)
    assert client.post("/accounts/users/policy/", {"side": "LA", "required": "1"}).status_code == 302
    la_admin = Client()
    la_admin.force_login(world.la_administrator)
    sent = la_admin.get("/partnerships/")
    assert sent.status_code == 302 and sent["Location"].startswith("/accounts/two-factor/")
    editor = Client()
    editor.force_login(world.la_district_editor)
    assert editor.get("/partnerships/").status_code == 200  # editors are not concerned
    vn = Client()
    vn.force_login(world.vn_border_officer)
    assert vn.get("/partnerships/").status_code == 200  # the other side did not ask for it
    enrol(la_admin, world.la_administrator)
    assert la_admin.get("/partnerships/").status_code == 200


def test_only_administrators_of_the_whole_side_switch_the_policy(client, world):
    client.force_login(world.la_administrator)  # administrator of Khammouane only
    assert client.post("/accounts/users/policy/", {"side": "LA", "required": "1"}).status_code == 403
    client.force_login(world.vn_province_editor)
    assert client.post("/accounts/users/policy/", {"side": "VN", "required": "1"}).status_code == 403


def test_the_setting_requires_it_everywhere(client, world, settings):
    settings.BORDERTWIN_TWO_FACTOR_REQUIRED = True
    client.force_login(world.vn_border_officer)
    assert client.get("/partnerships/")["Location"].startswith("/accounts/two-factor/")


def test_the_token_api_asks_for_the_code_of_those_who_have_one(api, world):
    device = enrol(Client(), world.vn_border_officer)
    credentials = {"username": "vn-border-officer", "password": PASSWORD}
    assert api.post("/api/v1/auth/token/", credentials, format="json").status_code == 400
    assert "otp" in api.post("/api/v1/auth/token/", credentials | {"otp": "999999"}, format="json").json()
    fresh(device)
    issued = api.post("/api/v1/auth/token/", credentials | {"otp": code(device)}, format="json")
    assert issued.status_code == 200 and issued.json()["token"]


def test_when_required_the_token_api_refuses_those_without_a_device_and_old_tokens_stop(api, world, settings):
    old = issue_token(world.vn_border_officer)
    settings.BORDERTWIN_TWO_FACTOR_REQUIRED = True
    response = api.post("/api/v1/auth/token/", {"username": "vn-border-officer", "password": PASSWORD}, format="json")
    assert response.status_code == 400 and "otp" in response.json()
    api.credentials(HTTP_AUTHORIZATION=f"Token {old.key}")
    assert api.get("/api/v1/partnerships/").status_code == 401


def test_an_administrator_removes_a_lost_device_and_it_is_in_the_change_log(client, world):
    enrol(Client(), world.la_district_editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(world.la_administrator)
    assert client.post(f"/accounts/users/{world.la_district_editor.pk}/two-factor/remove/").status_code == 302
    assert not TOTPDevice.objects.filter(user=world.la_district_editor).exists()
    entry = world.la_district_editor.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (world.la_administrator, "Two-factor sign-in removed")
