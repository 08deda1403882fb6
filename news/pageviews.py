"""Page views, counted in memory and written in batches.

Reading an article never waits on a database write: the article view only
bumps a counter in this process. Once PAGEVIEWS_FLUSH_SECONDS have passed, the
request that happens to finish next writes the whole batch after its response
has gone out (Django's request_finished signal), in one upsert. Each worker
process keeps its own batch; the upsert adds to what is already stored, so
several processes can flush into the same rows. A process that dies loses at
most one interval of counts, which a "most read" list can afford.
"""

import atexit
import logging
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import Article, ViewCount

logger = logging.getLogger(__name__)

# Crawlers and the link-preview fetchers of chat apps are not readers.
NOT_A_READER = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|telegram|curl|wget", re.I)

_lock = threading.Lock()
_pending = Counter()  # (article id, hour) -> views not yet written
_last_flush = time.monotonic()


def record(request, article):
    """Count one read of article, in memory only."""
    if request.method != "GET" or NOT_A_READER.search(request.headers.get("User-Agent", "")):
        return
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    with _lock:
        _pending[(article.pk, hour)] += 1


def pending():
    with _lock:
        return sum(_pending.values())


def flush():
    """Write every pending count to the database; returns how many views were written."""
    global _last_flush
    with _lock:
        batch, _last_flush = dict(_pending), time.monotonic()
        _pending.clear()
    if not batch:
        return 0
    try:
        _add_views(batch)
    except Exception:
        # Keep the counts for the next try rather than lose them with the database.
        logger.exception("Gagal menyimpan jumlah baca; dicoba lagi nanti")
        with _lock:
            _pending.update(batch)
        return 0
    return sum(batch.values())


def flush_if_due(**kwargs):
    """request_finished receiver: flush when the interval has passed."""
    interval = settings.PAGEVIEWS_FLUSH_SECONDS
    if interval is not None and _pending and time.monotonic() - _last_flush >= interval:
        flush()


def discard():
    """Forget pending counts (tests start each case from zero)."""
    with _lock:
        _pending.clear()


def _add_views(batch):
    # Articles deleted since they were read would break the foreign key.
    existing = set(Article.objects.filter(pk__in={pk for pk, _ in batch}).values_list("pk", flat=True))
    rows = [
        (pk, connection.ops.adapt_datetimefield_value(hour), views)
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


atexit.register(flush)
