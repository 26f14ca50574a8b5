"""A Lao provincial administrator creates an officer and grants a role; the officer chooses a password and sets up two-factor sign-in."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from bordertwin.access import Role
from bordertwin.accounts.models import User
from bordertwin.testing import PASSWORD, ensure_reference, make_user

from .conftest import Steps
from .test_partnership_flow import pick_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEMPORARY, OWN = "tam-thoi-khammouane-1", "mat-khau-rieng-nakai-2026"


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user)
    device.last_t = -1  # a code already used in this 30-second step would be taken for a replay
    device.save()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button.primary")


def sign_out(page: Page) -> None:
    """Sign out and wait for the sign-in page: the page first clears this user's offline data, then leaves."""
    page.click("button:has-text('Đăng xuất')")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_an_administrator_creates_an_officer_who_then_signs_in_with_two_factor(live_server, officer_page: Page) -> None:
    page, url = officer_page, live_server.url
    ensure_reference()
    make_user("khammouane-admin", "LA", Role.ADMINISTRATOR, "LA-P-KHAMMOUANE")
    steps = Steps(page, "accounts")
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)

    sign_in(page, url, "khammouane-admin", PASSWORD)
    page.click("header >> text=Người dùng")
    expect(page.locator("h1")).to_have_text("Người dùng")
    page.click("text=Người dùng mới")
    page.fill("#id_username", "la-nakai-officer")
    page.fill("#id_first_name", "Somphone")
    page.fill("#id_password1", TEMPORARY)
    page.fill("#id_password2", TEMPORARY)
    steps.shot("new-user")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("la-nakai-officer")
    page.select_option("#id_role", Role.EDITOR)
    pick_place(page, "place", "nakai", "Nakai")
    page.click("button:has-text('Cấp')")
    expect(page.locator(".messages")).to_contain_text("Đã cấp vai trò")
    steps.shot("user-with-role")
    officer = User.objects.get(username="la-nakai-officer")
    assert [(m.role, m.place.key) for m in officer.memberships.all()] == [("editor", "LA-D-NAKAI")]
    sign_out(page)

    sign_in(page, url, "la-nakai-officer", TEMPORARY)
    expect(page).to_have_url(re.compile(r"/accounts/password/"))
    page.fill("#id_old_password", TEMPORARY)
    page.fill("#id_new_password1", OWN)
    page.fill("#id_new_password2", OWN)
    steps.shot("choose-password")
    page.click("button.primary")

    page.goto(f"{url}/accounts/two-factor/")
    qr = page.locator("img.qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 0  # the data: image is allowed by the Content-Security-Policy
    steps.shot("two-factor-setup")
    page.fill("#id_code", current_code(officer))
    page.click("button.primary")
    expect(page.locator(".messages")).to_contain_text("Đã cài đặt đăng nhập hai lớp")
    sign_out(page)

    sign_in(page, url, "la-nakai-officer", OWN)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    steps.shot("two-factor-code")
    page.fill("#id_code", current_code(officer))
    page.click("button.primary")
    expect(page.locator("h1")).not_to_contain_text("Đăng nhập hai lớp")
    page.goto(f"{url}/accounts/")
    steps.shot("my-account")
    expect(page.locator("table.records")).to_contain_text("Đã đăng nhập")
    assert not refused, refused
