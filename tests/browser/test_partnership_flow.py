"""A Vietnamese provincial officer records a partnership in a real browser, then reads it in Lao.

Runs Debian's chromium (never a downloaded one) against pytest-django's live server. Each
step leaves a full-page screenshot in artifacts/browser/ for someone to look at.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from bordertwin.access import Role
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.testing import PASSWORD, ensure_reference, make_user

from .conftest import Steps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick_place(page: Page, field: str, typed: str, expected: str) -> None:
    """Type into the picker's search box and choose the match from the select below it."""
    picker = page.locator(f".place-picker:has(select[name='{field}'])")
    picker.locator("input.place-search").fill(typed)
    select = picker.locator(f"select[name='{field}']")
    option = select.locator("option", has_text=expected).first
    expect(option).to_be_attached()
    select.select_option(option.get_attribute("value"))


def test_a_vietnamese_editor_records_a_partnership_and_reads_it_in_lao(live_server, officer_page: Page) -> None:
    page = officer_page
    ensure_reference()
    make_user("ha-tinh-editor", "VN", Role.EDITOR, "VN-2008-P42")
    steps = Steps(page, "partnership_flow")
    url = live_server.url

    page.goto(f"{url}/partnerships/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.fill("#id_username", "ha-tinh-editor")
    page.fill("#id_password", PASSWORD)
    steps.shot("login")
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Quan hệ kết nghĩa")

    page.goto(f"{url}/partnerships/new/")
    pick_place(page, "vn_place", "huong khe", "Huyện Hương Khê")
    pick_place(page, "la_place", "nakai", "Huyện Nakai")
    page.select_option("#id_level", "district")
    page.fill("#id_established_on", "2022-06-25")
    page.fill("#id_border_length_km", "51")
    steps.shot("new-partnership")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("Hương Khê")
    expect(page.locator("h1")).to_contain_text("Nakai")
    steps.shot("partnership")
    partnership = Partnership.objects.get()
    assert partnership.vn_place.key == "VN-2008-D444"
    assert partnership.la_place.key == "LA-D-NAKAI"

    page.get_by_role("link", name="Thêm văn bản ký kết").click()
    expect(page.locator("#id_partnership")).to_have_value(str(partnership.pk))
    page.select_option("#id_kind", "memorandum")
    page.fill("#id_title", "Biên bản ghi nhớ hợp tác giai đoạn 2022–2027")
    page.fill("#id_signed_on", "2022-06-25")
    page.fill("#id_signed_at", "Hương Khê")
    steps.shot("new-agreement")
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Biên bản ghi nhớ hợp tác giai đoạn 2022–2027")
    agreement = Agreement.objects.get()

    for domain, text in [
        ("agriculture", "Hỗ trợ 9 con bò cái sinh sản và 1 con bò đực giống"),
        ("defense_security", "Tuần tra song phương đường biên giới và hệ thống mốc quốc giới"),
    ]:
        page.get_by_role("link", name="Thêm cam kết").click()
        expect(page.locator("#id_agreement")).to_have_value(str(agreement.pk))
        page.select_option("#id_domain", domain)
        page.fill("#id_text", text)
        if domain == "agriculture":
            steps.shot("new-commitment")
        page.click("button.primary")
        expect(page.locator("h1")).to_have_text("Cam kết")
        expect(page.locator("p.lead")).to_have_text(text)
        if domain == "agriculture":
            steps.shot("commitment")
        page.locator("p.crumbs a").nth(1).click()
    rows = page.locator("table.records tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Nông nghiệp")
    steps.shot("agreement-vi")
    assert Commitment.objects.filter(agreement=agreement).count() == 2

    page.locator("form.language button[value='lo']").click()
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.locator("section h2").first).to_have_text("ຂໍ້ຜູກພັນ")
    expect(page.get_by_role("link", name="ເພີ່ມຂໍ້ຜູກພັນ")).to_be_visible()
    expect(page.locator("table.records thead")).to_contain_text("ຂົງເຂດ")
    expect(rows.first).to_contain_text("ກະສິກຳ")
    expect(page.locator("nav.mainnav")).to_contain_text("ຄູ່ພີ່ນ້ອງ")
    steps.shot("agreement-lo")

    page.goto(f"{url}/partnerships/")
    expect(page.locator("h1")).to_have_text("ຄູ່ພີ່ນ້ອງ")
    page.fill("input[name='q']", "huong khe")
    page.click("form.filters button[type='submit']")
    expect(page).to_have_url(re.compile(r"q=huong\+khe"))
    found = page.locator("#record-table tbody tr")
    expect(found).to_have_count(1)
    expect(found.first).to_contain_text("ນາກາຍ")
    steps.shot("search-lo")
    found.first.locator("a").first.click()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("ເມືອງ – ເມືອງ")
    expect(facts).to_contain_text("ນາກາຍ")
    expect(facts).not_to_contain_text("(ນາກາຍ)")
    steps.shot("partnership-lo")
