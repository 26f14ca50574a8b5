"""An administrator reviews an article on two villages the registry lacks, dated "22/6" with no year:
the page says the year is unknown and asks for it, lists the villages with their parents, and adding
them twins them.

Runs Debian's chromium against pytest-django's live server. Each step leaves a full-page
screenshot in artifacts/browser/intake_new_places/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from bordertwin.intake.services import submit_document
from bordertwin.partnerships.models import Partnership
from bordertwin.places.models import Place
from bordertwin.testing import PASSWORD, build_world, ensure_reference

from .conftest import Steps

ARTICLE = (
    "Kết nghĩa bản Pa Lạ và bản Na Phào\n"
    "Chiều 22/6, bản Pa Lạ, xã Thượng Trạch (Việt Nam) và bản Na Phào, cụm bản Noỏng Mạ (Lào) ký kết "
    "biên bản ghi nhớ kết nghĩa. Hai bên thống nhất phối hợp tuần tra đường biên giới.\n"
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_adds_the_villages_the_article_names_and_gives_the_year(live_server, officer_page: Page) -> None:
    page = officer_page
    ensure_reference()
    world = build_world()
    document = submit_document(acting_user=world.la_province_editor, text=ARTICLE, title="Pa Lạ – Na Phào")
    steps = Steps(page, "intake_new_places")

    page.goto(f"{live_server.url}/intake/{document.pk}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", world.admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")

    review = page.locator("form#intake-review")
    expect(review.locator(".intake-event")).to_contain_text("22/6 (chưa rõ năm)")
    expect(review.locator("#id_event_year")).to_be_visible()
    places = review.locator("fieldset.intake-place-group")
    expect(places).to_have_count(2)
    expect(places.nth(0).locator("#id_place-0-name_vi")).to_have_value("Pa Lạ")
    expect(places.nth(1).locator("#id_place-1-name_vi")).to_have_value("Na Phào")
    expect(places.nth(0).locator("#id_place-0-parent option:checked")).to_contain_text("Thượng Trạch")
    expect(review.locator("#id_commitment-0-agreement option:checked")).to_have_text("22/6 (chưa rõ năm)")
    steps.shot("review")

    page.check("#id_place-0-accept")
    page.check("#id_place-1-accept")
    page.fill("#id_event_year", "2024")
    review.locator("button.primary").click()
    expect(page.locator("ul.messages")).to_be_visible()
    steps.shot("recorded")
    partnership = Partnership.objects.get(vn_place__name_vi="Pa Lạ")
    assert partnership.la_place == Place.objects.get(name_vi="Na Phào")
