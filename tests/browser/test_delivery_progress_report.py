"""A Hà Tĩnh editor records the cows delivered against a commitment, sees its progress move, downloads the report.

Runs Debian's chromium (never a downloaded one) against pytest-django's live server. Each
step leaves a full-page screenshot in artifacts/browser/ for someone to look at.
"""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import Page, expect

from bordertwin.core.services import save_record
from bordertwin.partnerships.models import Unit
from bordertwin.testing import PASSWORD, build_world

from .conftest import Steps

ITEM = "Bò cái sinh sản giống lai Sind"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def docx_text(content: bytes) -> str:
    """Every paragraph of the document, in its body and in its tables."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_an_editor_records_a_delivery_sees_the_progress_and_downloads_the_report(live_server, officer_page: Page) -> None:
    page = officer_page
    world = build_world()  # loads the reference data first
    head = Unit.objects.get(code="head")
    commitment = world.hk_commitment
    commitment.target_quantity, commitment.target_unit, commitment.status = Decimal(9), head, "agreed"
    commitment = save_record(commitment, acting_user=world.admin)
    partnership = world.hk_nakai
    steps = Steps(page, "delivery_progress_report")
    url = live_server.url

    page.goto(f"{url}{commitment.get_absolute_url()}")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", world.vn_province_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Cam kết")
    expect(page.locator("p.lead")).to_have_text("Hỗ trợ 9 con bò nái")
    facts = page.locator("section.card dl.facts").first
    expect(facts.locator("dd small").first).to_have_text("0%")
    tracking = page.locator("section.tracking-commitment")
    expect(tracking).to_contain_text("Tiến độ tính cả hỗ trợ và hoạt động")
    expect(tracking.locator("dl.facts dd small").first).to_have_text("0%")
    steps.shot("commitment-before")

    tracking.get_by_role("link", name="Thêm khoản hỗ trợ").click()
    expect(page).to_have_url(re.compile(r"/deliveries/new/"))
    expect(page.locator("#id_partnership")).to_have_value(str(partnership.pk))
    expect(page.locator("#id_commitment")).to_have_value(str(commitment.pk))
    page.select_option("#id_category", "livestock")
    page.fill("#id_item", ITEM)
    page.fill("#id_quantity", "9")
    page.select_option("#id_unit", str(head.pk))
    page.select_option("#id_giver_side", "VN")
    page.fill("#id_giver_name", "Huyện Hương Khê")
    page.fill("#id_recipient_group", "Các hộ dân huyện Nakai")
    delivered_on = timezone.localdate() - datetime.timedelta(days=15)  # progress counts deliveries up to today
    page.fill("#id_delivered_on", delivered_on.isoformat())
    steps.shot("new-delivery")
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text(ITEM)
    steps.shot("delivery")

    page.get_by_role("link", name="Hỗ trợ 9 con bò nái").click()
    expect(page.locator("h1")).to_have_text("Cam kết")
    expect(facts.locator("dd small").first).to_have_text("100%")
    expect(tracking.locator("dl.facts dd small").first).to_have_text("100%")
    expect(tracking.locator("ul").first).to_contain_text(ITEM)
    expect(tracking.locator("ul").first).to_contain_text(f"9 con (gia súc) · {delivered_on:%d/%m/%Y}")
    steps.shot("commitment-after")

    page.goto(f"{url}/reports/partnerships/{partnership.pk}/review/")
    expect(page.locator("h1")).to_have_text("Báo cáo đánh giá phục vụ hội đàm thường niên")
    tables = page.locator("table.records")
    cows_row = tables.first.locator("tbody tr", has_text="Hỗ trợ 9 con bò nái")
    expect(cows_row).to_contain_text("100")
    expect(tables.nth(1)).to_contain_text(ITEM)
    steps.shot("review")
    page.get_by_role("link", name="Word (DOCX)").click()
    # The document is made by a background job; its page leads to the file when it is done.
    expect(page.locator("#job-status")).to_have_attribute("data-state", "done")
    expect(page.locator("h1")).to_have_text("Báo cáo đánh giá")
    steps.shot("report-job")
    with page.expect_download() as caught:
        page.locator("#job-result").click()
    download = caught.value
    assert download.suggested_filename.endswith(".docx")
    content = Path(download.path()).read_bytes()
    assert content[:2] == b"PK"
    assert ITEM in docx_text(content)
