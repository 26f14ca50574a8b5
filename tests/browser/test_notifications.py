"""A Vietnamese delivery reaches the Lao officer's inbox; they confirm it; the Vietnamese officer reads the confirmation in theirs.

The Lao officer works in Lao, the Vietnamese one in Vietnamese: each reads the notification in
their own language. Each step leaves a full-page screenshot in artifacts/browser/notifications_*/.
"""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from bordertwin.core.services import save_record
from bordertwin.notifications import services
from bordertwin.notifications.models import Notification
from bordertwin.partnerships.models import Unit
from bordertwin.testing import build_world, ensure_reference
from bordertwin.tracking.models import Delivery

from .conftest import Steps
from .test_patrol_sharing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEM = "Bò nái giống"


def test_a_lao_officer_confirms_a_vietnamese_delivery_from_the_inbox_and_the_entering_officer_is_told(
        live_server, chromium: Browser, officer_page: Page) -> None:
    ensure_reference()
    world = build_world()
    world.la_district_editor.language = "lo"
    world.la_district_editor.save()
    delivery = save_record(Delivery(
        partnership=world.hk_nakai, category="livestock", item=ITEM, quantity=Decimal(9), unit=Unit.objects.get(code="head"),
        giver_side="VN", delivered_on=datetime.date(2026, 11, 20),
    ), acting_user=world.vn_province_editor)
    url = live_server.url

    lao = chromium.new_context(locale="lo-LA", viewport={"width": 1280, "height": 900}).new_page()
    lao_steps = Steps(lao, "notifications_la")
    sign_in(lao, url, world.la_district_editor.username)
    expect(lao.locator("header a.inbox .badge")).to_have_text("1")
    lao_steps.shot("unread-count-in-the-header")
    lao.click("header a.inbox")
    told = Notification.objects.get(recipient=world.la_district_editor)
    entry = lao.locator("li.notification.unread")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(services.message(told, "lo"))
    expect(entry).to_contain_text(ITEM)
    lao_steps.shot("inbox-in-lao")
    entry.locator("button[name=open]").click()
    expect(lao).to_have_url(f"{url}/tracking/deliveries/{delivery.pk}/")
    expect(lao.locator("header a.inbox .badge")).to_have_count(0)
    lao.fill("textarea[name=note]", "ໄດ້ຮັບຄົບ 9 ໂຕ")
    lao.locator(".tracking-confirmation button.primary").click()
    expect(lao.locator(".tracking-confirmation .badge")).to_have_class("badge confirmation-confirmed")
    lao_steps.shot("confirmed")
    lao.context.close()

    page = officer_page
    steps = Steps(page, "notifications_vn")
    sign_in(page, url, world.vn_province_editor.username)
    expect(page.locator("header a.inbox .badge")).to_have_text("1")
    page.click("header a.inbox")
    answer = page.locator("li.notification.unread")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text(f"Phía bạn đã xác nhận khoản hỗ trợ “{ITEM}” anh/chị nhập.")
    steps.shot("confirmation-in-the-inbox")
    page.get_by_role("button", name="Đánh dấu tất cả là đã đọc").click()
    expect(page.locator("li.notification.unread")).to_have_count(0)
    expect(page.locator("header a.inbox .badge")).to_have_count(0)
    steps.shot("all-read")
