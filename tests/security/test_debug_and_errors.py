"""Debug is off unless asked for, the secret key is kept in var/, and no request ever sees a traceback."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from django.views.defaults import server_error
from drf_spectacular.generators import SchemaGenerator

from bordertwin.accounts.services import issue_token

NESTED = "[" * 50_000 + "]" * 50_000


def settings_in_subprocess(tmp_path: Path, expression: str, **env: str) -> str:
    """Evaluate EXPRESSION on freshly read settings, with a var/ of its own and only the given BORDERTWIN_ variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BORDERTWIN_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "bordertwin.settings", "BORDERTWIN_VAR_DIR": str(tmp_path), **env})
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    done = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.strip()


def test_debug_is_off_unless_bordertwin_debug_is_1(tmp_path):
    assert settings_in_subprocess(tmp_path, "settings.DEBUG") == "False"
    assert settings_in_subprocess(tmp_path, "settings.DEBUG", BORDERTWIN_DEBUG="1") == "True"


def test_without_a_secret_key_one_is_generated_once_into_var_readable_by_its_owner_only(tmp_path):
    first = settings_in_subprocess(tmp_path, "settings.SECRET_KEY")
    second = settings_in_subprocess(tmp_path, "settings.SECRET_KEY")
    kept = tmp_path / "secret_key"
    assert first == second == kept.read_text()
    assert len(first) >= 50
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert settings_in_subprocess(tmp_path, "settings.SECRET_KEY", BORDERTWIN_SECRET_KEY="k" * 60) == "k" * 60


@pytest.fixture
def anonymous() -> Client:
    return Client(raise_request_exception=False)


def test_deeply_nested_json_to_the_token_endpoint_answers_400(anonymous, db):
    response = anonymous.post("/api/v1/auth/token/", NESTED, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON lồng nhau quá sâu (tối đa 32 cấp)."


def api_post_paths(takes_body: bool) -> list[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        path for path, operations in schema["paths"].items()
        if "post" in operations and ("requestBody" in operations["post"]) == takes_body
    )


@pytest.mark.parametrize("path", api_post_paths(takes_body=True))
def test_deeply_nested_json_to_any_api_post_answers_400(world, path):
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {issue_token(world.admin).key}")
    response = client.post(path.replace("{id}", "1"), NESTED, content_type="application/json")
    # A path naming a record may first answer that there is no record 1; never a server error.
    assert response.status_code in ((400, 404) if "{id}" in path else (400,)), (path, response.status_code)


@pytest.mark.parametrize("path", api_post_paths(takes_body=False))
def test_an_api_post_that_takes_no_body_ignores_deeply_nested_json_without_a_server_error(world, path):
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {issue_token(world.admin).key}")
    response = client.post(path.replace("{id}", "1"), NESTED, content_type="application/json")
    assert response.status_code < 500, (path, response.status_code)


def test_json_nested_a_little_less_deeply_is_still_refused_as_input_not_as_a_crash(world):
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {issue_token(world.admin).key}")
    body = '{"title": ' + "[" * 40 + "]" * 40 + "}"
    response = client.post("/api/v1/agreements/", body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/no/such/page/", "/api/v1/no-such-resource/", "/partnerships/999999/"])
def test_a_missing_page_is_a_friendly_404_that_never_lists_the_addresses(anonymous, world, path):
    anonymous.force_login(world.viewer)
    response = anonymous.get(path, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 404
    text = response.content.decode()
    assert "URLconf" not in text and "urlpatterns" not in text and "Traceback" not in text
    assert "Không tìm thấy trang" in text


def test_a_missing_page_for_an_anonymous_visitor_lists_nothing_either(anonymous, db):
    response = anonymous.get("/no/such/page/")
    assert response.status_code == 404
    assert "URLconf" not in response.content.decode()


def test_the_server_error_page_is_friendly_and_shows_no_detail(rf):
    with translation.override("en"):
        response = server_error(rf.get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Server error" in text and "Traceback" not in text
