"""The report pages in a real browser, offline: the vendored Chart.js draws every chart.

Runs Debian's chromium against pytest-django's live server, with every request to another
host blocked, and leaves screenshots in artifacts/browser/reports/ for someone to look at.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from bordertwin.reports.tests.conftest import build_review
from bordertwin.testing import PASSWORD, build_world

from .conftest import SHOTS as ALL_SHOTS

SHOTS = ALL_SHOTS / "reports"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server, officer_page: Page) -> Iterator[Page]:
    """The officer's tab, offline: only the live server answers."""
    officer_page.context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
    )
    yield officer_page


def drawn(page: Page, chart_id: str) -> bool:
    """Whether the canvas of a chart has something painted on it."""
    return page.evaluate(
        """id => { const c = document.querySelector(`canvas[data-chart="${id}"]`);
                   if (!c || !window.Chart || !Chart.getChart(c)) return false;
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false; }""",
        chart_id,
    )


def test_an_officer_sees_the_charts_and_downloads_the_review_offline(live_server, page: Page) -> None:
    review = build_review(build_world())
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = live_server.url
    page.goto(f"{url}/accounts/login/?next=/reports/")
    page.fill("#id_username", review.world.vn_province_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_contain_text("Tổng quan")
    for chart_id in ("chart-status", "chart-aid", "chart-activities"):
        page.wait_for_function("id => !!(window.Chart && Chart.getChart(document.querySelector(`canvas[data-chart='${id}']`)))", arg=chart_id)
        assert drawn(page, chart_id), chart_id
    page.screenshot(path=str(SHOTS / "01-overview.png"), full_page=True)

    page.goto(f"{url}/reports/partnerships/{review.partnership.pk}/")
    page.wait_for_function("() => !!(window.Chart && Chart.getChart(document.querySelector(`canvas[data-chart='chart-aid']`)))")
    assert drawn(page, "chart-aid") and drawn(page, "chart-status")
    expect(page.locator(".report-timeline")).to_contain_text("Hội đàm thường niên")
    page.screenshot(path=str(SHOTS / "02-dashboard.png"), full_page=True)

    page.get_by_role("link", name="Báo cáo phục vụ hội đàm").click()
    page.fill("input[name='from']", "2022-06-25")
    page.fill("input[name='to']", "2024-06-22")
    page.click(".filters button")
    expect(page.locator("body")).to_contain_text("Bò nái sinh sản")
    page.screenshot(path=str(SHOTS / "03-review.png"), full_page=True)
    page.get_by_role("link", name="Word (DOCX)").click()
    # The document is made by a background job; its page leads to the file when it is done.
    expect(page.locator("#job-status")).to_have_attribute("data-state", "done")
    with page.expect_download() as download:
        page.locator("#job-result").click()
    assert download.value.suggested_filename.endswith("-vi.docx")
