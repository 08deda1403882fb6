"""What the site keeps between requests, and how it learns that a kept page is out of date.

Everything cached (whole pages for anonymous readers, and the fragments an uncached page
reuses: the menu, an article's related stories, its body with "Baca juga" cards) is stored
under the *tokens* of what it shows: "article:12", "section:3", "tag:7", "latest" (any live
story: the home page, feeds, sitemaps, indexes), "site" (the menu and anything on every
page). news.workflow, the one door for every change of a story, gives those tags new
tokens once its transaction commits; something stored under an old token is never served
again. Tokens live in the "generations" cache, which every app server shares (Redis in
production; a folder on disk for the embedded setup, which every local worker shares), so
no server serves a page after a publish, whatever its own memory holds.

A scheduled story needs no cron job: the time the next one is due is kept beside the
tokens, and the first request after it gives that story's tags new tokens. The end of a
breaking story (its label, its banner) is due the same way.
"""

import contextvars
import functools
import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

SITE = "site"
LATEST = "latest"
NEXT_DUE = "next-due"
# A token store can lose keys (eviction, a restart of Redis): a lost token is made anew,
# which only means one more render, never a stale page.
NO_SCHEDULED = float("inf")


def store():
    return caches["generations"]


def new_token():
    return secrets.token_hex(6)


def tokens(tags):
    """The current token of each tag (a new one for a tag never seen), and scheduled stories released if due."""
    tags = list(dict.fromkeys(tags))
    found = store().get_many([*tags, NEXT_DUE])
    next_due = found.pop(NEXT_DUE, None)
    # The site's one clock (timezone.now), which also decides what published() lets through.
    if next_due is None or next_due <= timezone.now().timestamp():
        release_due_stories(next_due)
        found = store().get_many(tags)
    missing = [tag for tag in tags if tag not in found]
    for tag in missing:
        # add() keeps a token another server made in the meantime.
        store().add(tag, new_token(), timeout=None)
    if missing:
        found.update(store().get_many(missing))
    return found


def invalidate(tags):
    """New tokens for tags: what was cached under the old ones is not served again."""
    store().set_many({tag: new_token() for tag in set(tags)}, timeout=None)


def now_and_on_commit(action):
    """Do action at once and again once the transaction commits.

    Once it commits is what counts: a page rendered in between from what was stored
    before must not stay under the new tokens. At once is for a transaction that is not
    ours to end (a test's, a shell session's).
    """
    action()
    transaction.on_commit(action)


# Inside bulk(): the moments scheduled stories are due, collected instead of noted one by one.
_bulk = contextvars.ContextVar("news_caching_bulk", default=None)


@contextmanager
def bulk():
    """Many stories change at once (an import): their notices are collected, then given once.

    Each story's notice renews its pages' tokens and prepares its page; for thousands of stories
    that is most of the time, and every page changes anyway. At the end every page is renewed at
    once (the "site" and "latest" tokens) and the earliest scheduled story is noted; pages are then
    made by their first readers.
    """
    scheduled = []
    token = _bulk.set(scheduled)
    try:
        yield
    finally:
        _bulk.reset(token)
        invalidate_on_commit({SITE, LATEST})
        if scheduled:
            scheduled_at(min(scheduled))


def invalidate_on_commit(tags):
    tags = set(tags)
    now_and_on_commit(lambda: invalidate(tags))


def site_changed(sender, created=False, **kwargs):
    """Receiver for changes of what every page may show (the menu, bylines, captions).

    A new tag, author or photo is on no page yet (the story it joins renews its own pages);
    a new section may be in the menu.
    """
    if created and sender._meta.model_name != "section":
        return
    invalidate_on_commit({SITE})


def story_tags(article):
    """Tags of every page that shows this story: its own, its lists, and the pages that list the latest."""
    section = article.section
    tags = {LATEST, f"article:{article.pk}", f"section:{article.section_id}"}
    if section.parent_id:
        tags.add(f"section:{section.parent_id}")
    if article.dateline_id:
        tags.add(f"dateline:{article.dateline_id}")
    tags.update(f"tag:{tag.pk}" for tag in article.tags.all())
    tags.update(f"author:{author.pk}" for author in article.authors.all())
    return tags


def page_tags(article):
    """What an article's page shows besides itself: stories of its section, tags and dateline (related, previous, next)."""
    return {tag for tag in story_tags(article) if not tag.startswith("author:") and tag != LATEST}


def story_changed(article_pk, before=()):
    """Once the transaction commits: new tokens for the pages that showed the story (before) and show it now."""
    if _bulk.get() is not None:
        return

    def renew():
        from .models import Article

        article = Article.objects.select_related("section").filter(pk=article_pk).first()
        invalidate({*before, *(story_tags(article) if article else ())})

    def prepare():
        # The story just went out (or changed): what its page keeps is made now, not by the first
        # of the crowd a shared link brings, while nginx holds the others waiting for that page.
        from .views import prepare_article

        prepare_article(article_pk)

    now_and_on_commit(renew)
    # robust: a page that could not be made now is made by its first reader, the publish still stands.
    transaction.on_commit(prepare, robust=True)


def scheduled_at(moment):
    """A story is due at moment: the first request after it releases it."""
    if (pending := _bulk.get()) is not None:
        pending.append(moment)
        return

    def note():
        due = store().get(NEXT_DUE)
        if due is None or moment.timestamp() < due:
            store().set(NEXT_DUE, moment.timestamp(), timeout=None)

    now_and_on_commit(note)


def release_due_stories(next_due):
    """New tokens for the stories whose time came since next_due, and note when the next one is due."""
    from .models import Article

    if next_due is None:
        # The note was lost (a new cache, an eviction): anything that came out while pages could
        # have been kept is released again, which costs a render, never a stale page.
        since = timezone.now() - timedelta(seconds=max(settings.PAGE_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS))
    else:
        since = datetime.fromtimestamp(next_due, tz=dt_timezone.utc)
    due = Article.objects.published().filter(published_at__gte=since).select_related("section")
    for article in due.prefetch_related("tags", "authors"):
        invalidate(story_tags(article) | ({SITE} if article.breaking_banner else set()))
    # A story stops being breaking on its own as well: its label leaves its pages and cards, its
    # banner every page (the site's token).
    ended = Article.objects.published().filter(breaking_until__gte=since, breaking_until__lte=timezone.now())
    for article in ended.select_related("section").prefetch_related("tags", "authors"):
        invalidate(story_tags(article) | {SITE})
    upcoming = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    ending = Article.objects.breaking().order_by("breaking_until").values_list("breaking_until", flat=True).first()
    upcoming = min((moment for moment in (upcoming, ending) if moment), default=None)
    store().set(NEXT_DUE, upcoming.timestamp() if upcoming else NO_SCHEDULED, timeout=None)


@functools.cache
def code_version():
    """A digest of the templates and the app's code: a deploy that changes them never meets fragments of the old."""
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(__file__).resolve().parent]
    for path in sorted(file for root in roots for file in root.rglob("*") if file.suffix in {".html", ".py", ".xml"}):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Recent:
    """What this process used last (pages, fragments), beside the shared cache, for a while.

    Whoever keeps things here checks them against the current tokens on every use: keeping
    them here only saves fetching (and unpickling) them from Redis again.
    """

    def __init__(self, size=500):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key, entry, seconds):
        with self.lock:
            self.entries[key] = (time.monotonic() + seconds, entry)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


recent_fragments = Recent(size=5000)


def fragment(name, tags, build, *, request=None, timeout=None):
    """A piece of a page kept in the shared cache under the tokens of tags; build() makes it when missing.

    With the request, the tokens its page declared (depends_on) serve, without asking again.
    The process keeps the pieces it used last as well: the key carries the tokens, so a
    piece found there is as current as one from the shared cache, without unpickling it.
    Pieces are read, never changed, by the pages that use them.
    """
    known = getattr(request, "page_tokens", None) or {}
    current = {tag: known[tag] for tag in tags} if all(tag in known for tag in tags) else tokens(tags)
    key = f"fragment:{code_version()}:{name}:" + ":".join(current[tag] for tag in sorted(current))
    seconds = timeout or settings.FRAGMENT_CACHE_SECONDS
    value = recent_fragments.get(key)
    if value is None:
        value = caches["default"].get(key)
        if value is None:
            value = build()
            caches["default"].set(key, value, seconds)
        recent_fragments.put(key, value, seconds)
    return value


# The page cache.

# Parameters no page reads: links shared from WhatsApp and Facebook carry them.
TRACKING = ("utm_", "fbclid", "gclid", "igshid", "mc_")
NOT_CACHED_PREFIXES = ("/redaksi/", "/pratinjau/", "/health/", "/v/", "/media/", "/static/")


def depends_on(request, tags):
    """A view declares what its page shows; returns the tokens (with the site's), for fragments too."""
    current = tokens({SITE, *tags})
    request.page_tokens = current
    return current


def shows(*tags):
    """Decorator for a view (a sitemap, say) whose page shows what tags name."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            depends_on(request, tags)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def page_key(request):
    params = sorted(
        (name, value) for name, values in request.GET.lists() for value in values if not name.startswith(TRACKING)
    )
    query = "&".join(f"{name}={value}" for name, value in params)
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"page:{code_version()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def etag_for(key, current):
    digest = hashlib.sha256((key + "".join(f"{tag}={current[tag]};" for tag in sorted(current))).encode())
    return f'"{digest.hexdigest()[:20]}"'


def is_reader_request(request):
    """An anonymous reader's GET of a public page: the only requests the page cache answers or stores."""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NOT_CACHED_PREFIXES)
    )


recent_pages = Recent()


class PageCacheMiddleware:
    """Anonymous readers' pages from the cache, each checked against the tokens of what it shows.

    First in MIDDLEWARE: a hit skips every other middleware, whose headers (security, CSP)
    were stored with the page. It costs one round trip to the token store and no query. A
    conditional request whose ETag still matches gets 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(("/redaksi/", "/static/", "/media/")):
            return self.get_response(request)
        reader = is_reader_request(request)
        key = page_key(request) if reader else None
        if reader and settings.PAGE_CACHE_SECONDS:
            entry = recent_pages.get(key)
            if entry is None:
                entry = caches["default"].get(key)
                if entry is not None:
                    recent_pages.put(key, entry, settings.PAGE_CACHE_SECONDS)
            if entry is not None and tokens(entry["tokens"]) == entry["tokens"]:
                return self.answer(request, entry)
        response = self.get_response(request)
        current = getattr(request, "page_tokens", None)
        if not reader:
            patch_cache_control(response, private=True)
            return response
        if current is None or response.status_code != 200 or response.has_header("Set-Cookie") or response.streaming:
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, max_age=0, private=True)
            return response
        response["ETag"] = etag_for(key, current)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.FRONT_CACHE_SECONDS,
            stale_while_revalidate=60, stale_if_error=86400,
        )
        entry = {
            "tokens": current, "status": response.status_code, "content": response.content,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in {"date", "set-cookie"}],
            "etag": response["ETag"],
        }
        if settings.PAGE_CACHE_SECONDS:
            caches["default"].set(key, entry, settings.PAGE_CACHE_SECONDS)
            recent_pages.put(key, entry, settings.PAGE_CACHE_SECONDS)
        return self.answer(request, entry) if self.not_modified(request, entry) else response

    @staticmethod
    def not_modified(request, entry):
        wanted = request.headers.get("If-None-Match", "")
        return entry["etag"] in {tag.strip() for tag in wanted.split(",")} or wanted.strip() == "*"

    def answer(self, request, entry):
        if self.not_modified(request, entry):
            response = HttpResponseNotModified()
            for name, value in entry["headers"]:
                if name.lower() in {"etag", "cache-control", "last-modified", "vary", "expires"}:
                    response[name] = value
            return response
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        return response
