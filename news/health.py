"""When the database or the cache is away: /health/ for load balancers, and a 503 instead of a 500.

The error pages rendered here read nothing from the database: the menu, the user and the
messages, which the context processors would load, are given as empty values instead.
"""

import functools
import logging
import secrets
import sys

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Crawlers and browsers come back after this; a database restart or failover takes about as long.
RETRY_AFTER_SECONDS = 120
UNAVAILABLE_MESSAGE = "Sistem sedang tidak tersedia untuk sementara. Coba lagi beberapa menit lagi."
# Exceptions are chained (raise ... from, or raised while handling another); a few links are plenty.
MAX_CHAIN = 10


def connection_lost():
    """True when a database driver reports that its connection is closed (psycopg's `closed`)."""
    for wrapper in connections.all(initialized_only=True):
        raw = wrapper.connection
        if raw is not None and getattr(raw, "closed", False):
            return True
    return False


def database_unavailable(error):
    """True when error, or what caused it, says the database cannot be reached (not that a query is wrong)."""
    for _ in range(MAX_CHAIN):
        if error is None:
            return False
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        # psycopg reports some broken connections ("SSL SYSCALL error: EOF detected") as a
        # plain DatabaseError; the connection it leaves behind is closed.
        if isinstance(error, DatabaseError) and connection_lost():
            return True
        error = error.__cause__ or error.__context__
    return False


def unavailable_context():
    """What the context processors would read from the database, given without it."""
    return {"nav_sections": [], "user": AnonymousUser(), "messages": [], "perms": {}}


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: 503 with Retry-After while the database is away, Django's 500 page for everything else."""
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request, template_name)
    try:
        if request.path.startswith(reverse("admin:index")):
            context = {
                **unavailable_context(),
                "title": "Sistem tidak tersedia",
                "site_header": admin.site.site_header,
                "site_title": admin.site.site_title,
                "message": UNAVAILABLE_MESSAGE,
            }
            response = render(request, "admin/503.html", context, status=503)
        else:
            # Jinja2 applies context processors over the given context: the menu, and the footer's
            # pages, settings and banner (news.context_processors.chrome), are settled here.
            request._news_navigation = []
            request._news_chrome = {}
            response = render(request, "503.html", unavailable_context(), status=503)
    except Exception:
        # The page about an outage must not fail with it (a template that starts reading
        # the database, say): readers still get the status and the message.
        logger.exception("Halaman 503 gagal ditampilkan")
        response = HttpResponse(UNAVAILABLE_MESSAGE, content_type="text/plain; charset=utf-8", status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither a browser nor a front cache may keep the outage once it is over.
    add_never_cache_headers(response)
    return response


def first_line(error):
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"


def check_database(alias="default"):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        # One line per probe: a load balancer asks every few seconds for as long as the outage lasts.
        logger.warning("Pemeriksaan kesehatan: basis data tidak menjawab (%s)", first_line(error))
        return False
    return True


def check_cache():
    key, value = f"health:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=30)
        answered = cache.get(key) == value
        cache.delete(key)
    except Exception as error:
        logger.warning("Pemeriksaan kesehatan: cache tidak menjawab (%s)", first_line(error))
        return False
    if not answered:
        logger.warning("Pemeriksaan kesehatan: cache tidak menyimpan nilai yang ditulis")
    return answered


@never_cache
@require_safe
def health(request):
    """200 when the database and the cache answer, else 503 naming which did not; for load balancers."""
    checks = {"database": check_database(), "cache": check_cache()}
    if "replica" in settings.DATABASES:
        checks["replica"] = check_database("replica")
    return JsonResponse(
        {name: "ok" if answered else "gagal" for name, answered in checks.items()},
        status=200 if all(checks.values()) else 503,
    )


def needs_database(view):
    """Answer the 503 page before view when the database is away, for a view that would not notice itself."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # Raising (rather than returning a page) sends the error through handler500, like any other.
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return view(request, *args, **kwargs)

    return wrapper
