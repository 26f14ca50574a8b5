"""A Vietnamese border officer shares a one-sided patrol; the Lao border officer then reads it, without its names.

Before sharing the Lao officer's link to the patrol answers "not found". Each step leaves a
full-page screenshot in artifacts/browser/patrol_sharing/.
"""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from bordertwin.access import Role
from bordertwin.border import services
from bordertwin.border.models import Patrol
from bordertwin.places.models import Organisation
from bordertwin.testing import PASSWORD, build_world, ensure_reference, make_user

from .conftest import Steps
from .test_patrol_map import build_segment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINDINGS = "Phát hiện đường mòn mới qua mốc 522"
NAMES = "Đại úy Lê Văn Cường"


def sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")


def test_a_shared_one_sided_patrol_reaches_the_other_side_without_its_names(live_server, chromium: Browser, officer_page: Page) -> None:
    ensure_reference()
    world = build_world()
    segment = build_segment(world)
    la_officer = make_user("la-border-officer", "LA", Role.BORDER_OFFICER, "LA-P-KHAMMOUANE")
    patrol = services.save_patrol(Patrol(
        partnership=world.hk_nakai, segment=segment, kind="one_sided",
        started_at=datetime.datetime(2026, 11, 20, 7, 30, tzinfo=datetime.UTC),
        vn_unit=Organisation.objects.get(name_vi="Đồn Biên phòng Phú Gia"), vn_people=5, vn_names=NAMES, findings=FINDINGS,
    ), acting_user=world.vn_border_officer)
    url, page = live_server.url, officer_page

    lao = chromium.new_context(locale="lo-LA", viewport={"width": 1280, "height": 900}).new_page()
    lao_steps = Steps(lao, "patrol_sharing_la")
    sign_in(lao, url, la_officer.username)
    response = lao.goto(f"{url}/border/patrols/{patrol.pk}/")
    assert response is not None and response.status == 404
    lao_steps.shot("not-found-before-sharing")

    steps = Steps(page, "patrol_sharing")
    sign_in(page, url, world.vn_border_officer.username)
    page.goto(f"{url}/border/patrols/{patrol.pk}/")
    expect(page.locator("dl.facts")).to_contain_text(NAMES)
    expect(page.locator("dl.facts")).to_contain_text("chưa thông báo cho phía bạn")
    steps.shot("before-sharing")
    page.fill("#id_change_reason", "Thông báo phía Bạn theo quy chế")
    page.get_by_role("button", name="Thông báo cho phía bạn").click()
    expect(page.locator("body")).to_contain_text("Đã thông báo chuyến tuần tra cho phía bạn.")
    expect(page.get_by_role("button", name="Thông báo cho phía bạn")).to_have_count(0)
    steps.shot("shared")

    lao.goto(f"{url}/border/patrols/{patrol.pk}/")
    expect(lao.locator("main")).to_contain_text(FINDINGS)
    expect(lao.locator("main")).not_to_contain_text(NAMES)
    expect(lao.locator(f"a[href='/border/patrols/{patrol.pk}/edit/']")).to_have_count(0)
    lao_steps.shot("shared-read-without-names")
    lao.context.close()
