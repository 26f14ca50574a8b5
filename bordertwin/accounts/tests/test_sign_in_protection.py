"""Brute force: wrong passwords lock the account and the address for a while, on the sign-in page and the token API."""

import logging

import pytest
from django.test import Client

from bordertwin.accounts.models import SignInEvent
from bordertwin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def token(client, username, password, address="10.0.0.1"):
    return client.post("/api/v1/auth/token/", {"username": username, "password": password},
                       content_type="application/json", REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_five_wrong_passwords_lock_the_account_and_then_even_the_right_one_waits(client, world, caplog):
    for _ in range(4):
        assert sign_in(client, "viewer", "wrong").status_code == 200
    with caplog.at_level(logging.WARNING, logger="bordertwin.accounts"):
        locked = sign_in(client, "viewer", "wrong")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    assert "Hãy thử lại sau 15 phút" in locked.content.decode()  # in the default language, Vietnamese
    assert not locked.context["form"].errors  # the lock alone is said, not also that the password was wrong
    assert any("locked" in record.getMessage() and "viewer" in record.getMessage() for record in caplog.records)
    refused = sign_in(client, "viewer", PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    # Another address does not help: the account itself is locked.
    assert sign_in(Client(), "viewer", PASSWORD, address="10.9.9.9").status_code == 429
    assert SignInEvent.objects.filter(username="viewer", outcome="failed").count() == 5
    assert SignInEvent.objects.filter(user=world.viewer, outcome="locked", detail="account").count() == 1


def test_the_lock_message_is_in_the_readers_language(client, world):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "viewer", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="lo")
    assert response.status_code == 429
    assert "ເຂົ້າສູ່ລະບົບຜິດຫຼາຍເທື່ອເກີນໄປ" in response.content.decode()


def test_the_lock_ends_after_its_time(client, world, monkeypatch):
    import time

    for _ in range(5):
        sign_in(client, "viewer", "wrong")
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert sign_in(client, "viewer", PASSWORD).status_code == 302


def test_a_right_password_clears_the_accounts_failures(client, world):
    for _ in range(4):
        sign_in(client, "viewer", "wrong")
    assert sign_in(client, "viewer", PASSWORD).status_code == 302
    other = Client()
    for _ in range(4):
        assert sign_in(other, "viewer", "wrong").status_code == 200


def test_twenty_failures_from_one_address_lock_that_address_for_every_account(client, world):
    for number in range(19):
        assert sign_in(client, f"guess-{number}", "wrong").status_code == 200
    assert sign_in(client, "guess-19", "wrong").status_code == 429
    assert sign_in(client, "vn-province-editor", PASSWORD).status_code == 429
    assert sign_in(Client(), "vn-province-editor", PASSWORD, address="10.0.0.2").status_code == 302
    assert SignInEvent.objects.filter(outcome="locked", detail="address").count() == 1


def test_the_token_api_counts_failures_and_answers_429_with_retry_after(client, world):
    for _ in range(4):
        assert token(client, "vn-province-editor", "wrong").status_code == 400
    locked = token(client, "vn-province-editor", "wrong")
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(15 * 60)
    assert "Too many failed sign-ins" in locked.json()["detail"]
    assert token(client, "vn-province-editor", PASSWORD).status_code == 429
    assert SignInEvent.objects.filter(username="vn-province-editor", channel="api", outcome="failed").count() == 5


def test_the_page_and_the_api_share_the_count(client, world):
    for _ in range(3):
        sign_in(client, "viewer", "wrong")
    token(client, "viewer", "wrong")
    assert token(client, "viewer", "wrong").status_code == 429
    assert sign_in(client, "viewer", PASSWORD).status_code == 429


def test_sign_ins_and_sign_outs_are_recorded_with_the_address(client, world):
    assert sign_in(client, "viewer", PASSWORD, address="192.0.2.7").status_code == 302
    client.post("/accounts/logout/", REMOTE_ADDR="192.0.2.7")
    events = list(SignInEvent.objects.filter(user=world.viewer).order_by("at", "pk").values_list("outcome", "address", "channel"))
    assert events == [("signed_in", "192.0.2.7", "web"), ("signed_out", "192.0.2.7", "web")]


def test_administrators_read_the_audit_of_their_users_only(client, world):
    sign_in(Client(), "la-district-editor", "wrong")
    sign_in(Client(), "vn-province-editor", "wrong")
    sign_in(Client(), "nobody-at-all", "wrong")
    client.force_login(world.la_administrator)
    page = client.get("/accounts/sign-ins/").content.decode()
    assert "la-district-editor" in page
    assert "vn-province-editor" not in page and "nobody-at-all" not in page
    client.force_login(world.admin)
    page = client.get("/accounts/sign-ins/?outcome=failed").content.decode()
    assert "vn-province-editor" in page and "nobody-at-all" in page
    client.force_login(world.vn_province_editor)
    assert client.get("/accounts/sign-ins/").status_code == 403


def test_sessions_last_eight_hours(client, world):
    response = sign_in(client, "viewer", PASSWORD)
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600


@pytest.mark.redis
def test_with_redis_every_worker_shares_the_count(world, settings):
    import uuid

    from django.core.cache import cache

    settings.CACHES = {"default": {
        "BACKEND": "bordertwin.operations.cache.ForgivingRedisCache", "LOCATION": "redis://127.0.0.1:6379/7",
        "KEY_PREFIX": f"bt-accounts-test-{uuid.uuid4().hex}",
    }}
    try:
        workers = [Client(), Client(), Client()]  # requests served by different processes read the same counters
        for number in range(5):
            response = sign_in(workers[number % 3], "viewer", "wrong")
        assert response.status_code == 429
        assert sign_in(workers[0], "viewer", PASSWORD).status_code == 429
    finally:
        cache.clear()  # Redis database 7 is this area's own
