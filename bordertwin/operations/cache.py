"""Redis as the shared cache, bypassed while Redis cannot be reached: pages keep working, only slower.

Every call that fails to reach Redis answers as a cache miss (get → default, set and add
→ not kept, incr → ValueError as for a missing key), and Redis is left alone for
DOWN_SECONDS before it is tried again, so a dead Redis costs one failed connection every
few seconds, not one per call.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("bordertwin.cache")
DOWN_SECONDS = 5.0


class ForgivingClient(RedisCacheClient):
    down_until: dict[tuple[str, ...], float] = {}  # per server list, shared by the clients of one process

    def _try(self, call: Callable[[], Any], fallback: Any) -> Any:
        servers = tuple(self._servers)  # type: ignore[attr-defined]  # Django's Redis client keeps its server list here
        if time.monotonic() < self.down_until.get(servers, 0.0):
            return fallback
        try:
            return call()
        except (RedisError, OSError):
            logger.warning("Redis cannot be reached: the cache is bypassed for %s s", DOWN_SECONDS, exc_info=True)
            self.down_until[servers] = time.monotonic() + DOWN_SECONDS
            return fallback

    def add(self, key: Any, value: Any, timeout: Any) -> Any:
        return self._try(lambda: super(ForgivingClient, self).add(key, value, timeout), False)

    def get(self, key: Any, default: Any) -> Any:
        return self._try(lambda: super(ForgivingClient, self).get(key, default), default)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self._try(lambda: super(ForgivingClient, self).set(key, value, timeout), None)

    def touch(self, key: Any, timeout: Any) -> Any:
        return self._try(lambda: super(ForgivingClient, self).touch(key, timeout), False)

    def delete(self, key: Any) -> Any:
        return self._try(lambda: super(ForgivingClient, self).delete(key), False)

    def get_many(self, keys: Any) -> Any:
        return self._try(lambda: super(ForgivingClient, self).get_many(keys), {})

    def has_key(self, key: Any) -> Any:
        return self._try(lambda: super(ForgivingClient, self).has_key(key), False)

    def incr(self, key: Any, delta: int) -> Any:
        missing = object()
        value = self._try(lambda: super(ForgivingClient, self).incr(key, delta), missing)
        if value is missing:
            raise ValueError(f"Key {key!r} not found")
        return value

    def set_many(self, data: Any, timeout: Any) -> None:
        self._try(lambda: super(ForgivingClient, self).set_many(data, timeout), None)

    def delete_many(self, keys: Any) -> None:
        self._try(lambda: super(ForgivingClient, self).delete_many(keys), None)

    def clear(self) -> Any:
        return self._try(lambda: super(ForgivingClient, self).clear(), False)


class ForgivingRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ForgivingClient

    def reachable(self) -> bool:
        """Whether Redis answers now (for /health/), whatever the bypass."""
        try:
            return bool(RedisCacheClient.get_client(self._cache).ping())
        except (RedisError, OSError):
            return False
