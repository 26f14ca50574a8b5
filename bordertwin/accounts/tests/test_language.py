"""The interface language: a signed-in officer keeps their choice on every device; a visitor keeps a cookie."""

import pytest
from django.conf import settings

from bordertwin.accounts.models import User

pytestmark = pytest.mark.django_db


def test_switching_to_lao_is_kept_on_the_user_and_serves_the_next_page_in_lao(client, world):
    client.force_login(world.vn_province_editor)
    response = client.post("/language/", {"language": "lo", "next": "/partnerships/"})
    assert response.status_code == 302 and response["Location"] == "/partnerships/"
    assert User.objects.get(pk=world.vn_province_editor.pk).language == "lo"
    other_device = type(client)()
    other_device.force_login(world.vn_province_editor)
    for browser in (client, other_device):
        page = browser.get("/partnerships/")
        assert page["Content-Language"] == "lo"
        assert '<html lang="lo">' in page.content.decode()


def test_a_visitor_switching_language_gets_a_cookie(client):
    response = client.post("/language/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/accounts/login/")
    assert '<html lang="en">' in page.content.decode()


def test_an_unknown_language_or_foreign_next_page_changes_nothing(client, world):
    client.force_login(world.viewer)
    response = client.post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert User.objects.get(pk=world.viewer.pk).language == ""


def test_the_default_language_is_vietnamese(client, world):
    client.force_login(world.viewer)
    assert '<html lang="vi">' in client.get("/partnerships/").content.decode()
