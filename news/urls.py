from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path, register_converter

from . import bench, caching, feeds, views
from .sitemaps import SITEMAPS, NewsSitemap


class TwoDigitConverter:
    """Months and days as Indonesian news URLs print them: 01 to 31."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("read/<int:year>/<dd:month>/<dd:day>/<int:pk>/<slug:slug>/", views.article_detail, name="article"),
    path("kanal/<slug:slug>/", views.SectionArticleList.as_view(), name="section"),
    path("kanal/<slug:slug>/rss/", feeds.SectionArticles(), name="section_feed"),
    path("kanal/<slug:slug>/atom/", feeds.SectionArticlesAtom(), name="section_atom"),
    path("tag/<slug:slug>/", views.TagArticleList.as_view(), name="tag"),
    path("tag/<slug:slug>/rss/", feeds.TagArticles(), name="tag_feed"),
    path("tag/<slug:slug>/atom/", feeds.TagArticlesAtom(), name="tag_atom"),
    path("ralat/", views.CorrectionList.as_view(), name="corrections"),
    path("pratinjau/<str:token>/", views.shared_preview, name="shared_preview"),
    path("lokasi/<slug:slug>/", views.DatelineArticleList.as_view(), name="dateline"),
    path("penulis/<int:pk>/", views.AuthorArticleList.as_view(), name="author"),
    path("indeks/", views.DayIndex.as_view(), name="index"),
    path("indeks/<int:year>/<dd:month>/<dd:day>/", views.DayIndex.as_view(), name="day_index"),
    path("cari/", views.search, name="search"),
    path("halaman/<slug:slug>/", views.standing_page, name="page"),
    path("v/<int:pk>/", views.pageview, name="pageview"),
    path("rss/", feeds.LatestArticles(), name="feed"),
    path("atom/", feeds.LatestArticlesAtom(), name="atom"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml", caching.shows(caching.LATEST)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "news:sitemap"}, name="sitemap_index",
    ),
    path(
        "sitemap-news.xml", caching.shows(caching.LATEST)(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "news/sitemap_news.xml"}, name="news_sitemap",
    ),
    path("sitemap-<slug:section>.xml", caching.shows(caching.LATEST)(sitemap_views.sitemap), {"sitemaps": SITEMAPS},
         name="sitemap"),
]

if settings.SERVE_MEDIA and not settings.DEBUG:
    # `make run` without DEBUG still shows the sample photos (with DEBUG, detakbanten/urls.py serves them).
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", views.media_file, name="media"))

if settings.BENCHMARK:
    urlpatterns.append(path("bench/bare/", bench.bare, name="bench_bare"))
