"""What search engines read: sitemap index, its sitemaps, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news import sitemaps
from news.models import Article

from .factories import assert_steady_queries, make_article, make_section, make_tag

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.used_tag, cls.unused_tag = make_tag(name="Banjir"), make_tag(name="Tak terpakai")
        cls.fresh = make_article(section=cls.section, headline="Kabar & Berita <Segar>", tags=[cls.used_tag],
                                 published_at=timezone.now() - timedelta(hours=3))
        cls.old = make_article(section=cls.section, headline="Kabar tiga hari lalu",
                               published_at=timezone.now() - timedelta(days=3))
        cls.draft = make_article(section=cls.section, headline="Draf", tags=[cls.unused_tag], status=Article.Status.DRAFT)
        cls.scheduled = make_article(section=cls.section, headline="Terjadwal", published_at=timezone.now() + timedelta(hours=2))

    def xml(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return ET.fromstring(response.content)

    def locations(self, url):
        return [loc.text for loc in self.xml(url).iterfind(".//sm:loc", NS)]

    def test_index_lists_articles_sections_tags(self):
        self.assertEqual(reverse("news:sitemap_index"), "/sitemap.xml")
        self.assertEqual(
            self.locations(reverse("news:sitemap_index")),
            [f"http://testserver/sitemap-{name}.xml" for name in ("berita", "kanal", "tag")],
        )

    def test_article_sitemap_has_published_articles_only(self):
        self.assertEqual(
            self.locations(reverse("news:sitemap", kwargs={"section": "berita"})),
            ["http://testserver" + article.get_absolute_url() for article in (self.fresh, self.old)],
        )

    def test_tag_sitemap_skips_tags_without_published_articles(self):
        self.assertEqual(
            self.locations(reverse("news:sitemap", kwargs={"section": "tag"})),
            ["http://testserver" + self.used_tag.get_absolute_url()],
        )

    def test_index_pages_a_large_archive(self):
        original = sitemaps.ArticleSitemap.limit
        sitemaps.ArticleSitemap.limit = 1
        try:
            locations = self.locations(reverse("news:sitemap_index"))
            self.assertIn("http://testserver/sitemap-berita.xml?p=2", locations)
            page_two = self.locations(reverse("news:sitemap", kwargs={"section": "berita"}) + "?p=2")
            self.assertEqual(page_two, ["http://testserver" + self.old.get_absolute_url()])
        finally:
            sitemaps.ArticleSitemap.limit = original
        self.assertEqual(self.client.get("/sitemap-berita.xml?p=9").status_code, 404)
        self.assertEqual(self.client.get("/sitemap-berita.xml?p=x").status_code, 404)
        self.assertEqual(self.client.get("/sitemap-lain.xml").status_code, 404)

    def test_google_news_sitemap_last_48_hours(self):
        root = self.xml(reverse("news:news_sitemap"))
        urls = root.findall("sm:url", NS)
        self.assertEqual([url.find("sm:loc", NS).text for url in urls], ["http://testserver" + self.fresh.get_absolute_url()])
        news = urls[0].find("news:news", NS)
        self.assertEqual(news.find("news:publication/news:name", NS).text, "detakbanten.com")
        self.assertEqual(news.find("news:publication/news:language", NS).text, "id")
        self.assertEqual(news.find("news:title", NS).text, "Kabar & Berita <Segar>")
        self.assertRegex(news.find("news:publication_date", NS).text, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")

    def test_google_news_sitemap_stops_at_1000(self):
        self.assertEqual(sitemaps.NEWS_LIMIT, 1000)
        Article.objects.bulk_create(
            Article(headline=f"Kilat {n}", slug=f"kilat-{n}", body="<p>Isi.</p>", section=self.section,
                    status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(minutes=n + 1))
            for n in range(1005)
        )
        assert_steady_queries(self, 2, reverse("news:news_sitemap"))  # count, page
        root = self.xml(reverse("news:news_sitemap"))
        self.assertEqual(len(root.findall("sm:url", NS)), 1000)

    def test_robots_txt_names_both_sitemaps(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        self.assertIn("Sitemap: http://testserver/sitemap-news.xml", lines)
        self.assertIn("Disallow: /redaksi/", lines)
