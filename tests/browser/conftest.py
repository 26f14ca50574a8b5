"""What every browser test shares: Debian's chromium (never a downloaded one), an officer's page, numbered screenshots.

The tests run against pytest-django's live server; each walk leaves full-page screenshots in
artifacts/browser/<walk>/ for someone to look at.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
TIMEOUT_MS = 15_000  # the machine is shared: give slow pages time, never sleep


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian chromium (`make system-deps`); browser tests do not skip.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def officer_page(chromium: Browser) -> Iterator[Page]:
    """A Vietnamese officer's browser tab; it may download files."""
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


class Steps:
    """Numbered screenshots of one walk through the pages."""

    def __init__(self, page: Page, name: str) -> None:
        self.page, self.count = page, 0
        self.folder = SHOTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()

    def shot(self, label: str) -> None:
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.count:02d}-{label}.png"), full_page=True)
