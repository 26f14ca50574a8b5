import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the reference places once per test database; tests run inside transactions on top of them."""
    from bordertwin.testing import ensure_reference

    with django_db_blocker.unblock():
        ensure_reference()


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    from bordertwin.testing import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):  # type: ignore[no-untyped-def]
    """Background jobs run as they are asked for; tests of the queue itself choose the database or Redis."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    """The world makes ten users per test: the production hasher costs seconds, MD5 milliseconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api():  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache: a rolled-back test must not leave what roles covered."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
