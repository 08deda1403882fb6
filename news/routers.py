"""A read replica for readers' pages (DATABASE_REPLICA_URL), the primary for everything else.

Readers' GET requests read from the replica. Writes, the admin, anyone with a session
(staff, who must see what they just saved) and every read inside a transaction go to the
primary, so nothing that was written is read back stale by the person who wrote it.
"""

import contextvars

from django.conf import settings
from django.db import connections

primary_only = contextvars.ContextVar("primary_only", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if primary_only.get() or connections["default"].in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by replication, never by migrate.
        return db == "default"


class PrimaryDatabaseMiddleware:
    """Marks the requests that must read from the primary (see ReplicaRouter)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = (
            request.method not in {"GET", "HEAD"}
            or request.path.startswith("/redaksi/")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        token = primary_only.set(primary)
        try:
            return self.get_response(request)
        finally:
            primary_only.reset(token)
