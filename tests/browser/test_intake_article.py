"""A Quảng Trị editor pastes an article on the Thượng Trạch – Noỏng Mạ twinning regulation, accepts what is
proposed, and finds the commitments in the regulation already recorded.

The article is the project's own short text about the signing of June 2024, so the test needs nothing
beside the checkout.

Runs Debian's chromium (never a downloaded one) against pytest-django's live server. Each
step leaves a full-page screenshot in artifacts/browser/intake_article/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from bordertwin.access import Role
from bordertwin.testing import PASSWORD, build_world, ensure_reference, make_user

from .conftest import Steps

ARTICLE = (
    "Xã Thượng Trạch và cụm bản Noỏng Mạ ký quy chế kết nghĩa cụm dân cư\n"
    "Trong dịp hội đàm giữa hai tỉnh Quảng Bình và Khăm Muồn diễn ra tháng 6/2024, xã Thượng Trạch và cụm bản "
    "Noỏng Mạ đã ký kết quy chế kết nghĩa cụm dân cư hai bên biên giới.\n"
    "Theo quy chế, hai bên cùng nhau tuyên truyền để nhân dân chấp hành nghiêm Nghị định thư về đường biên giới "
    "và mốc quốc giới giữa hai nước.\n"
    "Xã và cụm bản cùng vận động nhân dân tham gia với lực lượng chức năng tuần tra, bảo vệ đường biên và hệ thống "
    "mốc quốc giới.\n"
    "Nhân dân hai bên cùng giúp nhau phát triển sản xuất, chuyển đổi cây trồng, vật nuôi để giảm nghèo bền vững.\n"
    "Đồng thời, hai bên tạo điều kiện cho nhân dân qua lại trao đổi hàng hóa và khuyến khích doanh nghiệp đầu tư "
    "vào khu vực biên giới.\n"
    "Hai bên cũng khẳng định quyết tâm đồng hành đưa Vườn Quốc gia Hin Nậm Nô trở thành Di sản thiên nhiên thế giới "
    "liên biên giới.\n"
    "Dịp này, tỉnh Quảng Bình tặng vật tư y tế cho Trạm Y tế cụm bản Noỏng Mạ và cấp thuốc miễn phí cho khoảng "
    "600 người dân hai bên biên giới. Tổng trị giá quà tặng hơn 1,7 tỷ đồng.\n"
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_pastes_the_thuong_trach_article_accepts_the_proposals_and_finds_the_records(
    live_server, officer_page: Page
) -> None:
    article = ARTICLE
    page = officer_page
    ensure_reference()
    world = build_world()
    # Quảng Trị (2025) took in Quảng Bình, and with it the commune of Thượng Trạch.
    make_user("quang-tri-editor", "VN", Role.EDITOR, "VN-2025-P44")
    steps = Steps(page, "intake_article")
    url = live_server.url

    page.goto(f"{url}/intake/new/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", "quang-tri-editor")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Đọc văn bản")

    page.fill("#id_text", article)
    page.fill("#id_document_date", "2024-06-22")
    steps.shot("submit")
    page.click("button.primary")

    title = article.splitlines()[0].strip()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("ul.messages")).to_contain_text("Đã đọc. Hãy xem xét những gì tìm thấy trước khi ghi nhận.")
    expect(page.locator("dl.facts")).to_contain_text("22/06/2024")
    # The text is shown with what was found marked in it.
    body = page.locator(".intake-body")
    expect(body.locator("mark.intake-party", has_text="Thượng Trạch").first).to_be_visible()
    expect(body.locator("mark.intake-party", has_text="Noỏng Mạ").first).to_be_visible()
    expect(body.locator("mark.intake-money", has_text="1,7 tỷ đồng")).to_be_visible()
    expect(body.locator("mark.intake-commitment", has_text="Hin Nậm Nô")).to_be_visible()

    # The proposals: the partnership already recorded, its twinning regulation of June 2024 (already
    # recorded too: commitments go into it), the commitments ticked.
    review = page.locator("form#intake-review")
    expect(review.locator("#id_partnership option:checked")).to_have_text("Xã Thượng Trạch – Cụm bản Noỏng Mạ")
    agreements = review.locator("fieldset.intake-agreement-group")
    expect(agreements).to_have_count(1)
    expect(agreements.first.locator("legend input[type=checkbox]")).to_be_checked()
    expect(agreements.first.locator("select[name='agreement-0-kind'] option:checked")).to_have_text("Quy chế kết nghĩa")
    expect(agreements.first.locator("input[name='agreement-0-title']")).to_have_value("Quy chế kết nghĩa tháng 6/2024")
    expect(agreements.first).to_contain_text("Đã được ghi nhận trong")
    commitments = review.locator("fieldset.intake-commitment-group")
    heritage = commitments.filter(has_text="Hin Nậm Nô")
    expect(heritage).to_have_count(1)
    expect(heritage.locator("legend input[type=checkbox]")).to_be_checked()
    heritage_text = heritage.locator("textarea").input_value()
    assert heritage_text.startswith("đồng hành đưa Vườn Quốc gia Hin Nậm Nô trở thành Di sản thiên nhiên thế giới")
    ticked = review.locator("fieldset.intake-commitment-group legend input[type=checkbox]:checked").count()
    assert ticked == commitments.count() >= 5
    # Deliveries are left for the officer to decide: unticked by default.
    expect(review.locator("fieldset.intake-money-group legend input[type=checkbox]:checked")).to_have_count(0)
    steps.shot("review")

    review.locator("#id_partnership").select_option(label="Xã Thượng Trạch – Cụm bản Noỏng Mạ")
    review.get_by_role("button", name="Ghi nhận các đề xuất đã chấp nhận").click()
    expect(page.locator("ul.messages")).to_contain_text(f"Đã tạo {ticked} hồ sơ từ văn bản.")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("dl.facts")).to_contain_text("Xã Thượng Trạch – Cụm bản Noỏng Mạ")
    expect(page.locator(".intake-proposals h2")).to_have_text("Hồ sơ lấy từ văn bản này")
    taken = page.locator("ul.intake-accepted li")
    expect(taken).to_have_count(1 + ticked)
    expect(taken.filter(has_text="Quy chế kết nghĩa").first).to_be_visible()
    steps.shot("reviewed")

    # The new commitment is found in the commitments list, searched for and filtered by partnership.
    page.goto(f"{url}/partnerships/commitments/")
    expect(page.locator("h1")).to_have_text("Cam kết")
    filters = page.locator("form.filters")
    filters.locator("input[name='q']").fill("di sản thiên nhiên thế giới")
    filters.locator("select[name='partnership']").select_option(label="Xã Thượng Trạch – Cụm bản Noỏng Mạ")
    filters.locator("button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"partnership={world.tt_noongma.pk}"))
    found = page.locator("#record-table tbody tr")
    expect(found).to_have_count(1)
    expect(found.first).to_contain_text("Hin Nậm Nô")
    expect(found.first).to_contain_text("Môi trường")
    expect(found.first).to_contain_text("Quy chế kết nghĩa")
    steps.shot("commitments-found")

    found.first.locator("a").first.click()
    expect(page.locator("h1")).to_have_text("Cam kết")
    expect(page.locator("p.lead")).to_have_text(heritage_text)
    steps.shot("commitment")

    # The regulation already recorded for the partnership now holds the commitments taken from the article.
    page.goto(f"{url}/partnerships/agreements/")
    page.locator("form.filters input[name='q']").fill("Quy chế kết nghĩa")
    page.locator("form.filters button[type='submit']").click()
    rows = page.locator("#record-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Xã Thượng Trạch – Cụm bản Noỏng Mạ")
    rows.first.locator("a").first.click()
    expect(page.locator("h1")).to_have_text("Quy chế kết nghĩa")
    expect(page.locator("table.records tbody tr")).to_have_count(ticked)
    expect(page.locator("table.records tbody")).to_contain_text("Hin Nậm Nô")
    steps.shot("agreement")
