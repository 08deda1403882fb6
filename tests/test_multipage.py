"""Multi-page stories: ?halaman=N shows one page with "Halaman 1 2 3" and "Tampilkan semua", each page with its
own canonical URL; JSON-LD, feeds and search carry the whole text; a page that is not there answers 404."""

import json
import re

from django.test import TestCase, override_settings
from django.urls import reverse

from news.models import PAGE_BREAK

from .factories import assert_steady_queries, make_article, make_dateline, make_section, make_source

PAGES = [
    "<p>Pemerintah Provinsi Banten menyiapkan anggaran perbaikan jalan di selatan.</p>",
    "<p>Di Kecamatan Cikeusik, warga menunggu perbaikan jembatan gantung sejak tahun lalu.</p>",
    "<p>Dinas terkait menjanjikan lelang proyek rampung sebelum musim hujan berikutnya.</p>",
]


def canonical(page):
    return re.search(r'<link rel="canonical" href="([^"]+)">', page)[1]


def json_ld(page):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])[0]


@override_settings(PAGE_CACHE_SECONDS=300)
class MultiPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Pandeglang", slug="pandeglang")
        cls.story = make_article(
            section=cls.section, headline="Jalan Rusak di Selatan Banten", body=PAGE_BREAK.join(PAGES),
            source=make_source(name="detakbanten.com"), dateline=make_dateline(name="PANDEGLANG"),
        )
        cls.url = cls.story.get_absolute_url()
        cls.single = make_article(section=cls.section, headline="Berita satu halaman")

    def get(self, query=""):
        return self.client.get(self.url + query)

    def test_the_plain_address_shows_the_first_page_with_its_lead_in_and_a_pager(self):
        page = self.get().content.decode()
        self.assertIn("Pemerintah Provinsi Banten", page)
        self.assertIn('<strong class="leadin">detakbanten.com PANDEGLANG</strong>', page)
        self.assertNotIn("jembatan gantung", page[page.index('class="story-body"'):page.index('class="page-pager"')])
        pager = page[page.index('class="page-pager"'):page.index("</nav>", page.index('class="page-pager"'))]
        self.assertIn('<span aria-current="page">1</span>', pager)
        self.assertIn(f'<a href="{self.url}?halaman=2">2</a>', pager)
        self.assertIn(f'<a href="{self.url}?halaman=3">3</a>', pager)
        self.assertIn(f'<a href="{self.url}?halaman=semua">Tampilkan semua</a>', pager)
        self.assertEqual(canonical(page), "http://testserver" + self.url)
        self.assertIn(f'<link rel="next" href="http://testserver{self.url}?halaman=2">', page)

    def test_page_two_alone_with_its_own_canonical_and_title(self):
        page = self.get("?halaman=2").content.decode()
        body = page[page.index('class="story-body"'):page.index('class="page-pager"')]
        self.assertIn("jembatan gantung", body)
        self.assertNotIn("Pemerintah Provinsi Banten", body)
        self.assertNotIn("lelang proyek", body)
        self.assertNotIn('class="leadin"', body)
        self.assertEqual(canonical(page), f"http://testserver{self.url}?halaman=2")
        self.assertIn("<title>Jalan Rusak di Selatan Banten (Halaman 2) - detakbanten.com</title>", page)
        self.assertIn(f'<a href="{self.url}">1</a>', page)
        self.assertIn(f'<link rel="prev" href="http://testserver{self.url}">', page)
        data = json_ld(page)
        self.assertEqual(data["mainEntityOfPage"], f"http://testserver{self.url}?halaman=2")
        self.assertEqual(data["url"], "http://testserver" + self.url)

    def test_show_all_has_every_page_and_the_plain_canonical(self):
        page = self.get("?halaman=semua").content.decode()
        for text in ("Pemerintah Provinsi Banten", "jembatan gantung", "lelang proyek"):
            self.assertIn(text, page)
        self.assertEqual(canonical(page), "http://testserver" + self.url)
        self.assertIn('<span aria-current="page">Tampilkan semua</span>', page)

    def test_json_ld_carries_the_whole_text_on_every_page(self):
        for query in ("", "?halaman=2", "?halaman=3", "?halaman=semua"):
            body = json_ld(self.get(query).content.decode())["articleBody"]
            self.assertIn("di selatan. Di Kecamatan Cikeusik", body, query)
            for text in ("Pemerintah Provinsi Banten", "jembatan gantung", "lelang proyek"):
                self.assertIn(text, body, query)

    def test_a_page_that_is_not_there_answers_404_and_is_not_kept(self):
        for query in ("?halaman=4", "?halaman=0", "?halaman=01", "?halaman=abc", "?halaman=-1", "?halaman=",
                      "?halaman=²", "?halaman=99999999999999999999", "?halaman=" + "9" * 5000):
            self.assertEqual(self.get(query).status_code, 404, query)
            # Not served from the page cache the second time either: asked again, the view answers again.
            self.assertEqual(self.get(query).status_code, 404, query)
        self.assertEqual(self.client.get(self.single.get_absolute_url() + "?halaman=2").status_code, 404)
        self.assertEqual(self.client.get(self.single.get_absolute_url() + "?halaman=1").status_code, 200)
        self.assertNotIn('class="page-pager"', self.client.get(self.single.get_absolute_url()).content.decode())

    def test_each_page_is_kept_apart_in_the_page_cache(self):
        first, second = self.get().content, self.get("?halaman=2").content
        self.assertNotEqual(first, second)
        with self.assertNumQueries(0):
            self.assertEqual(self.get("?halaman=2").content, second)
            self.assertEqual(self.get().content, first)

    def test_every_page_runs_the_queries_of_a_single_story(self):
        with self.settings(PAGE_CACHE_SECONDS=0):
            for query in ("", "?halaman=2", "?halaman=semua"):
                assert_steady_queries(self, 1, self.url + query)

    def test_feeds_and_search_carry_the_whole_text(self):
        for url in (reverse("news:feed"), reverse("news:atom"), self.section.get_feed_url()):
            feed = self.client.get(url).content.decode()
            for text in ("Pemerintah Provinsi Banten", "jembatan gantung", "lelang proyek"):
                self.assertIn(text, feed, url)
        found = self.client.get(reverse("news:search") + "?q=lelang+proyek").content.decode()
        self.assertIn("Jalan Rusak di Selatan Banten", found)
