"""Django's Redis cache, keeping one client per connection pool.

Django builds a new redis.Redis for every operation, with its table of some 170 response
callbacks: a quarter of a millisecond each time, five or six times per page. One client
per pool is what redis-py intends (clients are thread-safe; the pool hands out connections).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
