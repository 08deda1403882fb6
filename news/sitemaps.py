"""Sitemaps for search engines, and the Google News sitemap of the last 48 hours."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Article, Section, Tag

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per sitemap.


class ArticleSitemap(Sitemap):
    # Smaller files than the protocol's 50,000 keep each request short.
    limit = 1000

    def items(self):
        return Article.objects.published().only("pk", "slug", "published_at", "created_at", "updated_at")

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)

    def get_latest_lastmod(self):
        # Django's default reads every article to find the newest date; the index can do without.
        return None


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class TagSitemap(Sitemap):
    limit = 5000

    def items(self):
        # A tag page without a published article would be an empty page to crawl.
        return Tag.objects.filter(Exists(Article.objects.published().filter(tags=OuterRef("pk")))).order_by("pk")


class NewsSitemap(Sitemap):
    """The articles of the last 48 hours; the template adds the news: elements."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return Article.objects.published().filter(published_at__gte=since)[:NEWS_LIMIT]

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)


SITEMAPS = {"berita": ArticleSitemap, "kanal": SectionSitemap, "tag": TagSitemap}
