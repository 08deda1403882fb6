"""Page views: counted by a beacon the article page sends once a reader sees it, written in batches.

A page served from a cache never reaches the article view, so the view cannot count. The
page's script (static/js/pageview.js) posts to /v/<id>/ once the page is shown (not for
prerendering or link prefetch), at most once an hour per story and browser; the server
counts one reader (address, browser) once an hour per story as well, so reloading is not
reading again. Crawlers and link-preview fetchers are not readers.

Counts wait in the shared cache, one counter per story and hour: with Redis, a hash every
app server adds to, so their counts add up and a server that dies loses nothing; with the
embedded default, in the process (a killed process loses at most one interval). Once
PAGEVIEWS_FLUSH_SECONDS have passed, the request that happens to finish next writes the
waiting counts in one upsert, after its response has gone out; with Redis one server at a
time takes the hash whole (RENAME), so no count is written twice.
"""

import atexit
import hashlib
import logging
import re
import secrets
import threading
import time
from collections import Counter
from datetime import datetime
from datetime import timezone as dt_timezone

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from .cache_backends import RedisCache
from .models import Article, ViewCount
from .security import client_ip

logger = logging.getLogger(__name__)

# Crawlers and the link-preview fetchers of chat apps are not readers.
NOT_A_READER = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|telegram|curl|wget", re.I)
READER_SECONDS = 3600
PENDING = "pageviews:pending"
FLUSH_LOCK = "pageviews:flushing"

_last_flush = time.monotonic()


def is_reader(request):
    """A person's browser showing the page: not a crawler, not a prefetch or prerender."""
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    return not NOT_A_READER.search(request.headers.get("User-Agent", "")) and "prefetch" not in purpose


def record(request, article_id):
    """Count one read of the story unless this reader was counted for it in the last hour; True when counted."""
    if not is_reader(request):
        return False
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    reader = "|".join((client_ip(request) or "", request.headers.get("User-Agent", ""),
                       request.headers.get("Accept-Language", ""), str(article_id)))
    seen = "pageviews:seen:" + hashlib.sha256(reader.encode()).hexdigest()[:32]
    if not caches["default"].add(seen, 1, READER_SECONDS):
        return False
    counts().add(article_id, hour)
    return True


class LocalCounts:
    """Counts waiting in this process (the embedded setup's cache is the process's own memory)."""

    def __init__(self):
        self.lock, self.waiting = threading.Lock(), Counter()

    def add(self, article_id, hour):
        with self.lock:
            self.waiting[(article_id, hour.timestamp())] += 1

    def take(self):
        with self.lock:
            batch = dict(self.waiting)
            self.waiting.clear()
        return batch

    def put_back(self, batch):
        with self.lock:
            self.waiting.update(batch)

    def pending(self):
        with self.lock:
            return sum(self.waiting.values())

    def discard(self):
        self.take()


class RedisCounts:
    """Counts waiting in Redis, in one hash every app server adds to."""

    def __init__(self, cache):
        self.cache = cache

    def client(self):
        return self.cache._cache.get_client(write=True)

    def key(self, name):
        return self.cache.make_key(name)

    def add(self, article_id, hour):
        self.client().hincrby(self.key(PENDING), f"{article_id}:{int(hour.timestamp())}", 1)

    def take(self):
        from redis.exceptions import ResponseError

        taking = self.key(f"{PENDING}:{secrets.token_hex(8)}")
        client = self.client()
        try:
            # Atomic: counts added from now on go into a new hash, and no other server gets these.
            client.rename(self.key(PENDING), taking)
        except ResponseError:  # "no such key": nothing waits
            return {}
        raw = client.hgetall(taking)
        client.delete(taking)
        batch = {}
        for field, views in raw.items():
            article_id, hour = field.decode().split(":")
            batch[(int(article_id), float(hour))] = int(views)
        return batch

    def put_back(self, batch):
        pipe = self.client().pipeline()
        for (article_id, hour), views in batch.items():
            pipe.hincrby(self.key(PENDING), f"{article_id}:{int(hour)}", views)
        pipe.execute()

    def pending(self):
        return sum(int(views) for views in self.client().hvals(self.key(PENDING)))

    def discard(self):
        self.client().delete(self.key(PENDING))


_local = LocalCounts()


def counts():
    cache = caches["default"]
    return RedisCounts(cache) if isinstance(cache, RedisCache) else _local


def pending():
    return counts().pending()


def discard():
    """Forget waiting counts (tests start each case from zero)."""
    counts().discard()


def flush():
    """Write every waiting count to the database; returns how many views were written."""
    global _last_flush
    _last_flush = time.monotonic()
    store = counts()
    batch = store.take()
    if not batch:
        return 0
    try:
        _add_views(batch)
    except Exception:
        # Keep the counts for the next try rather than lose them with the database.
        logger.exception("Gagal menyimpan jumlah baca; dicoba lagi nanti")
        store.put_back(batch)
        return 0
    return sum(batch.values())


def flush_if_due(**kwargs):
    """request_finished receiver: flush when the interval has passed (one server at a time)."""
    global _last_flush
    interval = settings.PAGEVIEWS_FLUSH_SECONDS
    if interval is None or time.monotonic() - _last_flush < interval:
        return
    if interval and not caches["default"].add(FLUSH_LOCK, 1, interval):
        _last_flush = time.monotonic()  # another server flushes this time
        return
    flush()


def _add_views(batch):
    # Articles deleted since they were read would break the foreign key.
    existing = set(Article.objects.filter(pk__in={pk for pk, _ in batch}).values_list("pk", flat=True))
    rows = [
        (pk, connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(hour, tz=dt_timezone.utc)), views)
        for (pk, hour), views in batch.items()
        if pk in existing
    ]
    table = connection.ops.quote_name(ViewCount._meta.db_table)
    # An upsert that adds to the stored count: the ORM's bulk_create(update_conflicts=True)
    # can only overwrite. The same statement runs on PostgreSQL and SQLite 3.24+.
    sql = (
        f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, %s) "
        f"ON CONFLICT (hour, article_id) DO UPDATE SET views = {table}.views + excluded.views"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


atexit.register(lambda: _local.pending() and flush())
