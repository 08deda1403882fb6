import mimetypes

from django.apps import AppConfig
from django.core.signals import request_finished
from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save


def refresh_planner_statistics(using="default", vacuum=False, **kwargs):
    """ANALYZE on SQLite, which keeps no statistics by itself (and on PostgreSQL after a bulk load).

    Without them SQLite walks the date index through every published story to find ten by
    id. PostgreSQL's autovacuum does this on its own, in time; right after a bulk load,
    vacuum=True also empties the search index's pending list, which the planner would
    otherwise price so high that it scans the table instead.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql" and vacuum and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE news_article")


def chrome_changed(sender, **kwargs):
    """A standing page or the site settings changed: the footer (and header links) of every page show them."""
    from . import caching

    caching.invalidate_on_commit({caching.SITE})


def breaking_changed(sender, instance, update_fields=None, **kwargs):
    """A story saved while it carries, or just lost, the banner shown on every page; and its end noted as due."""
    from . import caching

    fields = None if update_fields is None else set(update_fields)
    if instance.breaking_banner or (fields is not None and "breaking_banner" in fields):
        # Its headline, its status or the banner itself changed: every page shows the banner.
        caching.invalidate_on_commit({caching.SITE})
    if (fields is None or "breaking_until" in fields) and instance.is_breaking():
        # The first request after it ends takes the label and the banner away (news.caching.release_due_stories).
        caching.scheduled_at(instance.breaking_until)


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "Redaksi"

    def ready(self):
        from . import caching, pageviews, photos
        from .models import Article, Author, Dateline, Page, Photo, Section, SiteSettings, Source, Tag

        # Storages (local serving, S3 uploads) take a file's Content-Type from
        # its extension; older mime tables lack the newer image formats.
        mimetypes.add_type("image/webp", ".webp")
        mimetypes.add_type("image/avif", ".avif")
        post_delete.connect(photos.forget_files, sender=Photo, dispatch_uid="news.photo.files")
        request_finished.connect(pageviews.flush_if_due, dispatch_uid="news.pageviews.flush_if_due")
        post_migrate.connect(refresh_planner_statistics, sender=self, dispatch_uid="news.planner_statistics")
        # Sections, tags, datelines, authors, sources and photos show on many pages (the menu,
        # breadcrumbs, cards, bylines, captions) and change rarely: a change renews every page.
        for model in (Section, Tag, Dateline, Author, Source, Photo):
            for signal in (post_save, post_delete):
                signal.connect(caching.site_changed, sender=model, dispatch_uid=f"news.caching.{model.__name__}.{signal}")
        for model in (Page, SiteSettings):
            for signal in (post_save, post_delete):
                signal.connect(chrome_changed, sender=model, dispatch_uid=f"news.chrome.{model.__name__}.{signal}")
        post_save.connect(breaking_changed, sender=Article, dispatch_uid="news.caching.breaking")
