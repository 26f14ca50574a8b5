"""Several web workers share Redis: a role revoked or granted takes effect on the next request in every worker.

Runs `bordertwin serve` (gunicorn, two worker processes) on a copy of the test database,
with Redis database 5 as the cache.
"""

import socket
import time
import urllib.error
import urllib.request

import pytest
import redis

from bordertwin.jobs.tests import processes

pytestmark = [pytest.mark.django_db, pytest.mark.redis]
REDIS_URL = "redis://127.0.0.1:6379/5"

SESSION = """
from django.conf import settings
from bordertwin.testing import build_world
world = build_world()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from bordertwin.accounts.models import User
user = User.objects.get(username="vn-province-editor")
session = SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key, world.hk_nakai.pk)
"""


REVOKE = """
import json
from bordertwin.accounts.models import Membership
memberships = Membership.objects.filter(user__username="vn-province-editor")
print(json.dumps(list(memberships.values("role", "place_id", "organisation_id"))))
memberships.delete()
"""
GRANT = """
import json
from bordertwin.accounts.models import Membership, User
user = User.objects.get(username="vn-province-editor")
for kept in json.loads('KEPT'):
    Membership.objects.create(user=user, **kept)
"""


@pytest.fixture
def database_url(tmp_path, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), processes.copy_of_test_database(tmp_path, "cache") as url:
        yield url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})  # noqa: S310 (http://127.0.0.1 only)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_revoked_role_stops_working_at_once_in_every_worker(tmp_path, database_url):
    url = database_url
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = processes.environment(url, tmp_path, BORDERTWIN_REDIS_URL=REDIS_URL, DJANGO_SETTINGS_MODULE="bordertwin.settings")
    cookie, partnership = processes.python(env, SESSION).split()
    port = free_port()
    server = processes.start(env, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2")
    page = f"http://127.0.0.1:{port}/api/v1/partnerships/{partnership}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if status(page, cookie) == 200:
                    break
            except OSError:
                time.sleep(0.5)
        assert [status(page, cookie) for _ in range(8)] == [200] * 8  # both workers, their caches warm
        assert redis.Redis.from_url(REDIS_URL).keys("*places-version*")  # what roles cover lives in Redis
        kept = processes.python(env, REVOKE)
        assert [status(page, cookie) for _ in range(8)] == [404] * 8
        processes.python(env, GRANT.replace("KEPT", kept))
        assert [status(page, cookie) for _ in range(8)] == [200] * 8
    finally:
        server.terminate()
        server.wait(timeout=60)
