"""Every page against a realistic newsroom: a fixed number of queries, and indexes behind the listings.

300 published articles across sections with sub-sections, 12 datelines, 20 tags and 6 reporters
(tests.factories.make_newsroom), a week of page views, and an article with many tags, authors,
related stories and "Baca juga" links in its body.
"""

import re
import unittest
from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import PAGE_BREAK, Article, Correction, ViewCount

from .factories import assert_steady_queries, make_newsroom

# Each page's queries, in the order they run, as pinned below.
PAGE_QUERIES = {
    # The menu and the related stories are kept between requests (news.caching).
    "home": 0,  # its stories and the most read are kept until a story changes (the most read for a minute)
    # Authors, tags and corrections are kept with the story's token; related, previous, next and
    # "Baca juga" cards come in one query.
    "article": 2,  # article, cards
    "article_page": 2,  # page 2 of a story in three pages: the same
    "section": 4,  # section, count, page, sub-sections
    "tag": 3,  # tag, count, page
    "dateline": 3,  # dateline, count, page
    "author": 3,  # author, count, page
    "day_index": 2,  # count, page
    "search": 2,  # count, page
    # The latest stories they offer are kept with the side column's.
    "search_empty": 0,
    "not_found": 0,
    "standing_page": 1,  # the page
    "feed": 3,  # items, authors, tags
    "section_feed": 4,  # section, items, authors, tags
    "tag_feed": 4,  # tag, items, authors, tags
    "sitemap_index": 3,  # a count for each sitemap
    "sitemap_articles": 2,  # count, page
    "news_sitemap": 2,  # count, page
    "robots": 0,
}


class NewsroomQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        newsroom = make_newsroom(300)
        cls.newsroom = newsroom
        articles = Article.objects.published().order_by("-published_at")
        cls.article = articles[10]
        others = list(articles[20:26])
        cls.article.tags.set(newsroom["tags"][:8])
        cls.article.authors.set(newsroom["authors"])
        links = "".join(f'<p>Baca juga: <a href="{other.get_absolute_url()}">{other.headline}</a></p>' for other in others)
        Article.objects.filter(pk=cls.article.pk).update(body=cls.article.body + links)
        cls.pages_story = articles[12]
        Article.objects.filter(pk=cls.pages_story.pk).update(
            body=PAGE_BREAK.join([cls.pages_story.body, links, "<p>Halaman terakhir.</p>"]))
        for text in ("Nama camat keliru.", "Jumlah korban diperbarui."):
            Correction.objects.create(article=cls.article, text=text)
        hour = timezone.now().replace(minute=0, second=0, microsecond=0)
        ViewCount.objects.bulk_create(
            ViewCount(article=article, hour=hour - timedelta(hours=n * 7), views=30 + n)
            for n, article in enumerate(articles[:24])
        )
        day = timezone.localtime(cls.article.published_at)
        cls.urls = {
            "home": reverse("news:home"),
            "article": cls.article.get_absolute_url(),
            "article_page": cls.pages_story.get_absolute_url() + "?halaman=2",
            "section": newsroom["sections"][0].get_absolute_url(),
            "tag": newsroom["tags"][0].get_absolute_url(),
            "dateline": newsroom["datelines"][0].get_absolute_url(),
            "author": newsroom["authors"][0].get_absolute_url(),
            "day_index": reverse("news:day_index", kwargs={"year": day.year, "month": day.month, "day": day.day}),
            "search": reverse("news:search") + "?q=pelayanan+warga",
            "search_empty": reverse("news:search"),
            "not_found": "/tidak/ada/",
            "standing_page": reverse("news:page", kwargs={"slug": "pedoman-media-siber"}),
            "feed": reverse("news:feed"),
            "section_feed": newsroom["sections"][0].get_feed_url(),
            "tag_feed": newsroom["tags"][0].get_feed_url(),
            "sitemap_index": reverse("news:sitemap_index"),
            "sitemap_articles": reverse("news:sitemap", kwargs={"section": "berita"}),
            "news_sitemap": reverse("news:news_sitemap"),
            "robots": reverse("news:robots"),
        }

    def test_every_page_runs_its_pinned_number_of_queries(self):
        self.assertEqual(set(self.urls), set(PAGE_QUERIES))
        for name, url in self.urls.items():
            with self.subTest(page=name):
                response = assert_steady_queries(self, PAGE_QUERIES[name], url)
                self.assertEqual(response.status_code, 404 if name == "not_found" else 200)

    def test_the_pages_show_what_the_data_holds(self):
        home = self.client.get(self.urls["home"]).content.decode()
        self.assertEqual(home.count('class="section-block"'), 6)
        self.assertIn('id="terpopuler"', home)
        article = self.client.get(self.urls["article"]).content.decode()
        self.assertEqual(article.count('class="baca-juga"'), 6)
        self.assertEqual(article.count('class="author"'), len(self.newsroom["authors"]))
        self.assertEqual(len(re.findall(r'<li><a href="/tag/', article)), 8)
        self.assertIn('id="baca-juga"', article)
        self.assertEqual(article.count('class="correction"'), 2)
        self.assertIn("berita ditemukan", self.client.get(self.urls["search"]).content.decode())

    @unittest.skipUnless(connection.vendor == "postgresql", "query plans are PostgreSQL's")
    def test_listing_queries_are_served_by_an_index(self):
        """With sequential scans priced out, no listing query may still scan an article table."""
        article_tables = ("news_article", "news_article_tags", "news_article_authors", "news_viewcount")
        listing_pages = ["home", "article", "article_page", "not_found", "section", "tag", "dateline", "author", "day_index", "search",
                         "feed", "section_feed", "tag_feed", "sitemap_articles", "news_sitemap"]
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            try:
                for name in listing_pages:
                    with CaptureQueriesContext(connection) as queries:
                        self.client.get(self.urls[name])
                    for query in queries:
                        cursor.execute("EXPLAIN " + query["sql"])
                        plan = "\n".join(row[0] for row in cursor.fetchall())
                        scanned = [table for table in article_tables if re.search(rf"Seq Scan on {table}\b", plan)]
                        self.assertEqual(scanned, [], f"{name}: {query['sql']}\n{plan}")
            finally:
                cursor.execute("SET enable_seqscan = on")
