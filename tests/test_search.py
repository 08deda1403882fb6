"""Searching as a reader does: the search page, on PostgreSQL (Indonesian full text) and on SQLite."""

import re
import unittest
from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news.models import Article

from .factories import assert_steady_queries, make_article, make_section

on_postgresql = unittest.skipUnless(
    connection.vendor == "postgresql", "full-text search with the `indonesian` configuration needs PostgreSQL"
)
on_sqlite = unittest.skipUnless(connection.vendor == "sqlite", "the LIKE fallback is what SQLite uses")

ODD_QUERIES = [
    '"', "'", '"Wali Kota', "-", "!!!", "&", "|", "a & b | !c", "<script>alert(1)</script>",
    "'; DROP TABLE news_article; --", "1 OR 1=1", "\\", "%", "_", "(", ")", "*", ":*", "pelayanan:*",
    "\x00", "kota\x00serang", "\u200b", "🙂 banjir", "Ünïcödé", "warga " * 300, "x" * 5000, "   ",
]


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = make_section(name="Tangsel", slug="tangsel")
        cls.service = make_article(
            section=section, headline="Warga Keluhkan Pelayanan Puskesmas Pamulang",
            body="<p>Antrean panjang membuat warga kesal.</p>", published_at=timezone.now() - timedelta(days=3),
        )
        cls.served = make_article(
            section=section, headline="Camat Turun ke Lapangan",
            body="<p>Warga dilayani langsung oleh camat di kantor kelurahan Pondok Aren.</p>",
            published_at=timezone.now() - timedelta(days=1),
        )
        cls.flood = make_article(section=section, headline="Banjir Rendam Perumahan di Ciputat",
                                 body="<p>Air setinggi lutut orang dewasa.</p>")
        cls.draft = make_article(section=section, headline="Draf pelayanan rahasia", status=Article.Status.DRAFT)

    def search(self, **params):
        return self.client.get(reverse("news:search"), params)

    def headlines(self, response):
        return re.findall(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())

    def test_empty_search_is_a_form(self):
        for params in ({}, {"q": ""}, {"q": "   "}):
            response = self.search(**params)
            self.assertContains(response, "<h1>Cari berita</h1>", html=True)
            self.assertContains(response, 'name="q"')
        assert_steady_queries(self, 0, reverse("news:search"))  # the menu is kept between requests

    def test_finds_words_in_headline_and_body_and_never_drafts(self):
        self.assertEqual(self.headlines(self.search(q="puskesmas")), [self.service.headline])
        self.assertEqual(self.headlines(self.search(q="kelurahan")), [self.served.headline])
        self.assertEqual(self.headlines(self.search(q="rahasia")), [])

    def test_matches_are_marked_in_the_snippet(self):
        response = self.search(q="kelurahan")
        self.assertRegex(response.content.decode(), r'<p class="card-lead">[^<]*<mark>kelurahan</mark>')

    def test_snippet_keeps_paragraphs_apart(self):
        make_article(section=self.service.section, headline="Dua paragraf",
                     body="<p>Rapat berakhir sore.</p><p>Wali Kota &amp; camat hadir.</p>")
        response = self.search(q="camat hadir")
        self.assertContains(response, "sore. Wali Kota &amp; <mark>camat</mark>")

    def test_no_result_is_a_normal_page(self):
        response = self.search(q="gempa")
        self.assertContains(response, "Tidak ada berita yang cocok dengan “gempa”.")

    def test_odd_queries_give_a_normal_page(self):
        for text in ODD_QUERIES:
            for order in ("relevan", "terbaru", "aneh"):
                response = self.search(q=text, urut=order)
                # No page takes a NUL character: the site's own 400 page says so.
                self.assertEqual(response.status_code, 400 if "\x00" in text else 200, (text, order))
                if "\x00" in text:
                    self.assertContains(response, "Permintaan tidak dapat diproses", status_code=400)

    def test_however_many_match_only_the_newest_few_hundred_are_counted_ranked_and_paged(self):
        section = self.flood.section
        for n in range(8):
            make_article(section=section, headline=f"Banjir susulan {n}", body="<p>Banjir lagi.</p>",
                         published_at=timezone.now() - timedelta(minutes=n + 1))
        with mock.patch("news.search.MAX_RESULTS", 5):
            first = self.search(q="banjir")
            self.assertContains(first, "Lebih dari 5 berita ditemukan")
            # Candidates are the newest matches: the oldest never show, on any page.
            found = self.headlines(first)
            self.assertNotIn("Banjir Rendam Perumahan di Ciputat", found)
            self.assertEqual(len(found), 6)
            with mock.patch("news.views.PAGE_SIZE", 4):
                self.assertEqual(len(self.headlines(self.search(q="banjir", page=2))), 2)
                self.assertEqual(self.search(q="banjir", page=3).status_code, 404)

    @on_postgresql
    def test_the_newest_matches_are_the_candidates_whichever_window_holds_them(self):
        section = self.flood.section
        # Matches far apart among stories that do not match: the first windows hold too few of them.
        for n in range(12):
            make_article(section=section, headline=f"Rapat {n}", body="<p>Tidak ada air.</p>",
                         published_at=timezone.now() - timedelta(minutes=n + 1))
            if n % 3 == 0:
                make_article(section=section, headline=f"Banjir susulan {n}", body="<p>Banjir lagi.</p>",
                             published_at=timezone.now() - timedelta(minutes=n + 1, seconds=30))
        everything = self.headlines(self.search(q="banjir", urut="terbaru"))
        self.assertEqual(len(everything), 5)
        for windows in [(2, 4, 8), (3, 30, 300), (100, 200, 300)]:
            with self.subTest(windows=windows), mock.patch("news.search.WINDOWS", windows), \
                    mock.patch("news.search.MAX_RESULTS", 2):
                # The newest three matches, whichever window first holds them (the last one: the archive).
                self.assertEqual(self.headlines(self.search(q="banjir", urut="terbaru")), everything[:3])

    def test_query_shown_back_is_escaped_and_bounded(self):
        response = self.search(q="<b>banjir</b>")
        self.assertNotContains(response, "<b>banjir</b>")
        self.assertContains(response, "&lt;b&gt;banjir&lt;/b&gt;")
        long = self.search(q="banjir " * 100)
        self.assertNotContains(long, "banjir " * 40)

    def test_sorting_by_newest(self):
        response = self.search(q="warga", urut="terbaru")
        self.assertEqual(self.headlines(response), [self.served.headline, self.service.headline])
        self.assertContains(response, '<option value="terbaru" selected>Terbaru</option>', html=True)

    def test_pages_of_results_and_404_beyond(self):
        self.assertEqual(self.search(q="warga", page=2).status_code, 404)
        self.assertEqual(self.search(q="warga", page="x").status_code, 404)
        self.assertEqual(self.search(q="tidakada", page=1).status_code, 200)

    def test_query_count(self):
        assert_steady_queries(self, 2, reverse("news:search") + "?q=warga")  # count, page

    @on_postgresql
    def test_indonesian_stemming_brings_word_forms_together(self):
        # "dilayani", "melayani" and "pelayanan" share the stem "layan".
        for text in ("dilayani", "melayani", "layanan"):
            found = set(self.headlines(self.search(q=text)))
            self.assertEqual(found, {self.service.headline, self.served.headline}, text)

    @on_postgresql
    def test_headline_outranks_body(self):
        # "pelayanan" is in one headline; "dilayani" in the other's body. Relevance puts the headline first
        # although the other article is newer.
        self.assertEqual(self.headlines(self.search(q="pelayanan")), [self.service.headline, self.served.headline])

    @on_postgresql
    def test_phrases_and_exclusions(self):
        self.assertEqual(self.headlines(self.search(q='"pondok aren"')), [self.served.headline])
        self.assertEqual(self.headlines(self.search(q="warga -puskesmas")), [self.served.headline])

    @on_postgresql
    def test_search_vector_follows_edits(self):
        Article.objects.filter(pk=self.flood.pk).update(headline="Longsor Tutup Jalan di Ciputat")
        self.assertEqual(self.headlines(self.search(q="longsor")), ["Longsor Tutup Jalan di Ciputat"])
        self.assertEqual(self.headlines(self.search(q="banjir")), [])

    @on_sqlite
    def test_fallback_needs_every_word(self):
        self.assertEqual(self.headlines(self.search(q="warga puskesmas")), [self.service.headline])
        self.assertEqual(self.headlines(self.search(q="warga gempa")), [])

    @on_sqlite
    def test_fallback_puts_headline_matches_first(self):
        self.assertEqual(self.headlines(self.search(q="warga")), [self.service.headline, self.served.headline])
