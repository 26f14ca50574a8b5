"""/health/ as an operator's monitor reads it, and pages when Redis is gone."""

import json

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db
CLOSED_REDIS = "redis://127.0.0.1:1/5"


def redis_cache(url):
    return {"default": {"BACKEND": "bordertwin.operations.cache.ForgivingRedisCache", "LOCATION": url,
                        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}


def test_health_is_open_to_anyone_and_reports_each_part_without_secrets(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    report = response.json()
    assert report["status"] == "ready"
    assert set(report["checks"]) == {"database", "cache", "queue", "disk"}
    assert report["checks"]["queue"]["waiting"] == 0 and report["checks"]["disk"]["free_bytes"] > 0
    text = response.content.decode()
    db = django_settings.DATABASES["default"]
    for secret in (django_settings.SECRET_KEY, str(db["NAME"]), db.get("PASSWORD") or "never-present", "redis://", "postgres://"):
        assert secret not in text


def test_health_answers_503_when_the_disk_is_full(client, settings):
    settings.BORDERTWIN_HEALTH_MIN_FREE_BYTES = 10**18
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable" and response.json()["checks"]["disk"]["ok"] is False


@pytest.mark.redis
def test_without_redis_pages_still_work_and_health_says_degraded(client, world, settings, caplog):
    settings.CACHES = redis_cache(CLOSED_REDIS)
    settings.REDIS_URL = CLOSED_REDIS
    client.force_login(world.vn_province_editor)
    response = client.get(f"/partnerships/{world.hk_nakai.pk}/")
    assert response.status_code == 200 and "Nakai" in response.content.decode()
    assert client.get("/partnerships/").status_code == 200
    assert "Redis cannot be reached" in caplog.text
    health = client.get("/health/")
    assert health.status_code == 200  # still serving: the cache is bypassed, jobs wait in the database
    assert health.json()["status"] == "degraded"
    assert health.json()["checks"]["cache"]["ok"] is False and health.json()["checks"]["queue"]["ok"] is False


@pytest.mark.redis
def test_redis_is_the_shared_cache_when_it_answers(client, settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/5")
    from django.core.cache import cache

    cache.set("bordertwin-test", {"a": 1})
    assert cache.get("bordertwin-test") == {"a": 1}
    assert json.loads(client.get("/health/").content)["checks"]["cache"] == {"ok": True, "kind": "redis"}
    cache.delete("bordertwin-test")
