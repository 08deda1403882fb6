"""Old addresses that answer 301 with their new one: a WordPress site's permalinks, ?p=123, its category,
tag, author and feed pages (news.models.Redirect, filled by the WordPress importer or by an admin).

As django.contrib.redirects does, the table is only consulted for a request that would otherwise
answer 404, so pages that exist pay nothing; the one exception is WordPress's plain links on the
home page (/?p=123), which the home page would otherwise answer. A lookup never touches the article
tables and is kept in the cache under a token that any change of a redirect renews, so a redirect
added in the admin or by an import takes effect at once.
"""

import hashlib
import re
from urllib.parse import unquote, urlencode

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponsePermanentRedirect

from . import caching
from .models import Redirect
from .wordpress import normalise_path

TOKEN = "redirects"
MISSING = ""
# WordPress's /page/N/ of any listing, and the feed variants of any feed.
_PAGE = re.compile(r"^(?P<base>.*?)/page/(?P<number>[0-9]{1,6})$")
_FEED = re.compile(r"^(?P<base>.*/feed)/(?:rss2|rss|atom|rdf)$")
# Headers of the 404 a redirect replaces that have nothing to do with its body.
_BODY_HEADERS = {"content-type", "content-length", "cache-control", "etag", "last-modified", "expires", "location"}
CACHE_SECONDS = 24 * 3600


def new_path_for(path, query_p=None):
    """Where an old address goes now (with ?page=N for WordPress's /page/N/), or None."""
    if query_p is not None:
        return _lookup(f"/?p={query_p}") if query_p.isdigit() else None
    typed = unquote(path)
    path = normalise_path(path)
    if found := _lookup(path, typed):
        return found
    if match := _FEED.match(path):
        return _lookup(match["base"])
    if match := _PAGE.match(path):
        base = _lookup(match["base"] or "/")
        if base is not None and match["number"] != "1":
            separator = "&" if "?" in base else "?"
            return f"{base}{separator}{urlencode({'page': match['number']})}"
        return base
    return None


def _lookup(old_path, typed=None):
    """The new path of old_path (normalised: decoded, lower case, no trailing slash), one query at most.

    The importer stores paths normalised; one an admin typed may keep its capitals and trailing slash.
    """
    candidates = [old_path] if "?" in old_path else [old_path, f"{old_path}/"]
    if typed and (base := typed.rstrip("/")) and base != old_path:
        candidates += [base, f"{base}/"]
    token = caching.tokens([TOKEN])[TOKEN]
    key = f"redirect:{token}:{hashlib.sha256(' '.join(candidates).encode()).hexdigest()}"
    found = caches["default"].get(key)
    if found is None:
        rows = dict(Redirect.objects.filter(old_path__in=candidates).values_list("old_path", "new_path"))
        found = next((rows[name] for name in candidates if name in rows), MISSING)
        caches["default"].set(key, found, CACHE_SECONDS)
    return found or None


def redirects_changed(**kwargs):
    """Receiver (and call, after bulk writes): cached lookups are not used again."""
    caching.invalidate_on_commit({TOKEN})


post_save.connect(redirects_changed, sender=Redirect, dispatch_uid="news.redirects.saved")
post_delete.connect(redirects_changed, sender=Redirect, dispatch_uid="news.redirects.deleted")


class RedirectFallbackMiddleware:
    """301 to the new address of an old one that would otherwise be a 404 (or WordPress's /?p=123)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in {"GET", "HEAD"} and (post := request.GET.get("p")):
            if new_path := new_path_for("/", query_p=post):
                return HttpResponsePermanentRedirect(new_path)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in {"GET", "HEAD"}:
            return response
        new_path = new_path_for(request.path)
        if new_path is None or new_path == request.path:
            return response
        redirect = HttpResponsePermanentRedirect(new_path)
        # The security headers the 404 got (HSTS, CSP, nosniff) stay on the redirect.
        for name, value in response.items():
            if name.lower() not in _BODY_HEADERS:
                redirect[name] = value
        return redirect
