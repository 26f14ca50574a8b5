"""Long search terms, the security headers, the API's documentation and the X-Change-Reason header."""

import pytest
from django.test import Client

from bordertwin.accounts.services import issue_token
from bordertwin.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

LONG = "Hương Khê " * 5_000 + "x"  # 50,001 characters


def test_a_50001_character_search_on_a_list_page_answers_with_a_message(client, world):
    assert len(LONG) == 50_001
    client.force_login(world.viewer)
    response = client.get("/partnerships/", {"q": LONG}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "Chỉ tìm tối đa 200 ký tự." in response.content.decode()


def test_a_50001_character_search_in_the_api_answers_400_with_the_reason(api, world):
    api.force_authenticate(world.viewer)
    response = api.get("/api/v1/partnerships/", {"q": LONG}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"q": ["Search for at most 200 characters."]}


def test_the_place_picker_searches_the_start_of_a_50001_character_term(client, world):
    client.force_login(world.viewer)
    response = client.get("/places/choices/", {"q": LONG})
    assert response.status_code == 200
    assert "Hương Khê" in response.content.decode()


def test_a_search_of_200_characters_still_finds(api, world):
    api.force_authenticate(world.viewer)
    term = ("Hương Khê " * 20)[:200]
    response = api.get("/api/v1/partnerships/", {"q": term})
    assert response.status_code == 200
    assert world.hk_nakai.pk in [row["id"] for row in response.json()["results"]]


def test_pages_carry_a_policy_without_inline_script_or_eval(client, world):
    client.force_login(world.viewer)
    policy = client.get("/partnerships/")["Content-Security-Policy"]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in directives["style-src"]


@pytest.mark.parametrize("path", ["/api/v1/partnerships/", "/api/v1/partnerships/{pk}/", "/api/schema/?format=json"])
def test_json_is_never_stored_by_a_cache(api, world, path):
    api.force_authenticate(world.viewer)
    response = api.get(path.format(pk=world.hk_nakai.pk))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_json_errors_are_never_stored_either(api, db):
    response = api.get("/api/v1/partnerships/")
    assert response.status_code == 401
    assert response["Cache-Control"] == "no-store"


def test_the_api_schema_and_its_documentation_require_sign_in(db):
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code == 401
    response = anonymous.get("/api/docs/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_api_documentation_loads_only_its_own_script(client, world):
    client.force_login(world.viewer)
    response = client.get("/api/docs/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in text and "fonts.googleapis.com" not in text
    assert 'src="/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"' in text


@pytest.mark.parametrize("header", [
    "UTF-8''S%E1%BB%ADa%20theo%20bi%C3%AAn%20b%E1%BA%A3n%202024",
    "utf-8'vi'S%E1%BB%ADa%20theo%20bi%C3%AAn%20b%E1%BA%A3n%202024",
    "S%E1%BB%ADa%20theo%20bi%C3%AAn%20b%E1%BA%A3n%202024",
    # Raw UTF-8 bytes, as WSGI hands them over: one Latin-1 character per byte.
    "Sửa theo biên bản 2024".encode().decode("latin-1"),
])
def test_a_vietnamese_change_reason_arrives_whole_however_it_is_encoded(client, world, header):
    token = issue_token(world.vn_province_editor)
    response = client.patch(
        f"/api/v1/partnerships/{world.hk_nakai.pk}/", {"border_length_km": "51"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_CHANGE_REASON=header,
    )
    assert response.status_code == 200, response.content
    latest = Partnership.history.filter(id=world.hk_nakai.pk).latest("history_date")
    assert latest.history_change_reason == "Sửa theo biên bản 2024"


def test_a_plain_reason_with_a_percent_sign_is_kept_as_written(client, world):
    token = issue_token(world.vn_province_editor)
    client.patch(
        f"/api/v1/partnerships/{world.hk_nakai.pk}/", {"border_length_km": "51"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_CHANGE_REASON="Done 50% of the survey",
    )
    latest = Partnership.history.filter(id=world.hk_nakai.pk).latest("history_date")
    assert latest.history_change_reason == "Done 50% of the survey"
