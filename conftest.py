import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# What every test runs with (see the autouse fixtures below): jobs run at once, fast password hashing.
TEST_SETTINGS: dict[str, Any] = {
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the reference places once per test database; tests run inside transactions on top of them."""
    from bordertwin.testing import ensure_reference

    with django_db_blocker.unblock():
        ensure_reference()


class ModuleRows:
    """Rows made once for a whole module, as Django's setUpTestData makes them for a class.

    A transaction stays open for the module: a module-scoped fixture writes its rows inside
    `with module_db.writing():` (with the settings every test has, its files in one media
    folder that the module's tests share), each test runs in a savepoint on top of them
    (the `db` fixture) and its own changes are rolled back, and after the module everything is.
    Not for transactional tests (`transaction=True`, `live_server`): they need committed rows.
    """

    def __init__(self, blocker: Any, media: Path) -> None:
        self.blocker, self.media = blocker, media

    @contextmanager
    def writing(self) -> Iterator[None]:
        from django.test import override_settings

        with self.blocker.unblock(), override_settings(**TEST_SETTINGS, MEDIA_ROOT=self.media):
            yield


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    from django.db import transaction

    rows = ModuleRows(django_db_blocker, tmp_path_factory.mktemp("media"))
    with rows.writing():
        kept = transaction.atomic()
        kept.__enter__()
    yield rows
    with rows.writing():
        transaction.set_rollback(True)
        kept.__exit__(None, None, None)


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    from bordertwin.testing import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):  # type: ignore[no-untyped-def]
    """Each test has its own media folder; the tests of a module whose rows are made once share theirs."""
    settings.MEDIA_ROOT = request.getfixturevalue("module_db").media if "module_db" in request.fixturenames else tmp_path / "media"


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):  # type: ignore[no-untyped-def]
    """Background jobs run as they are asked for; tests of the queue itself choose the database or Redis."""
    settings.TASKS = TEST_SETTINGS["TASKS"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    """The world makes ten users per test: the production hasher costs seconds, MD5 milliseconds."""
    settings.PASSWORD_HASHERS = TEST_SETTINGS["PASSWORD_HASHERS"]


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
