"""The front page and the side column as editors arrange them: headlines in their order, Pilihan Redaksi,
Terpopuler and the latest beside every story, breaking labels and a banner that ends by itself, the SEO
title and description, site settings in the footer; each through the public pages, and cached pages
showing every change at once."""

import html
import json
import re
from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import Group, User
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article, SiteSettings, ViewCount

from .factories import assert_steady_queries, make_article, make_section


def editor():
    user = User.objects.create_user("redaktur-depan", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktur"))
    return user


def headline_links(page):
    """Headlines of the cards in the top block (the lead and the headline row), in page order."""
    top = page[page.index('aria-label="Berita utama"'):page.index('class="side"')]
    return [html.unescape(text) for text in re.findall(r'class="card-title[^"]*"><a href="[^"]+">([^<]+)</a>', top)]


def block(page, heading_id):
    start = page.index(f'id="{heading_id}"')
    return page[start:page.index("</section>", start)]


@override_settings(PAGE_CACHE_SECONDS=300)
class FrontPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Serang", slug="serang")
        now = timezone.now()
        cls.stories = [
            make_article(section=cls.section, headline=f"Kabar ke-{n}", published_at=now - timedelta(minutes=10 + n))
            for n in range(20)
        ]
        # Editors' order first (1, 2, 3), newest first within the same number.
        cls.second = make_article(section=cls.section, headline="Utama kedua", is_headline=True, headline_order=2,
                                  published_at=now - timedelta(hours=5))
        cls.first = make_article(section=cls.section, headline="Utama pertama", is_headline=True, headline_order=1,
                                 published_at=now - timedelta(hours=9))
        cls.third_newer = make_article(section=cls.section, headline="Utama ketiga baru", is_headline=True,
                                       headline_order=3, published_at=now - timedelta(hours=6))
        cls.third_older = make_article(section=cls.section, headline="Utama ketiga lama", is_headline=True,
                                       headline_order=3, published_at=now - timedelta(hours=7))
        cls.fifth = make_article(section=cls.section, headline="Utama kelima", is_headline=True, headline_order=5,
                                 published_at=now - timedelta(minutes=1))
        cls.pick_b = make_article(section=cls.section, headline="Pilihan kedua", is_editors_pick=True, pick_order=2,
                                  published_at=now - timedelta(days=3))
        cls.pick_a = make_article(section=cls.section, headline="Pilihan pertama", is_editors_pick=True, pick_order=1,
                                  published_at=now - timedelta(days=4))
        cls.draft_pick = make_article(section=cls.section, headline="Pilihan draf", is_editors_pick=True,
                                      status=Article.Status.DRAFT)
        cls.editor = editor()

    def test_headlines_lead_in_the_editors_order_then_newest(self):
        page = self.client.get(reverse("news:home")).content.decode()
        self.assertEqual(headline_links(page), ["Utama pertama", "Utama kedua", "Utama ketiga baru", "Utama ketiga lama"])
        self.assertIn("card--lead", page[page.index('aria-label="Berita utama"'):page.index("Utama pertama")])
        # The fifth is shown where its time puts it (it is the newest); no story is shown twice.
        self.assertEqual(page.count(">Utama kelima<"), 1)
        self.assertIn("Utama kelima", block(page, "samping-terbaru"))
        self.assertEqual(page.count(">Kabar ke-0<"), 1)
        self.assertIn("Kabar ke-0", block(page, "samping-terbaru"))

    def test_without_enough_headlines_the_newest_fill_the_top(self):
        Article.objects.exclude(pk=self.fifth.pk).update(is_headline=False)
        page = self.client.get(reverse("news:home")).content.decode()
        self.assertEqual(headline_links(page), ["Utama kelima", "Kabar ke-0", "Kabar ke-1", "Kabar ke-2"])

    def test_pilihan_redaksi_on_the_home_page_and_beside_every_story_in_the_editors_order(self):
        for url in (reverse("news:home"), self.stories[5].get_absolute_url()):
            picks = block(self.client.get(url).content.decode(), "pilihan-redaksi")
            self.assertLess(picks.index("Pilihan pertama"), picks.index("Pilihan kedua"), url)
            self.assertNotIn("Pilihan draf", picks, url)

    def test_the_article_page_has_the_side_column_without_the_story_itself(self):
        ViewCount.objects.bulk_create(
            ViewCount(article=story, hour=timezone.now().replace(minute=0, second=0, microsecond=0), views=100 - n)
            for n, story in enumerate(self.stories[:3])
        )
        page = self.client.get(self.stories[0].get_absolute_url()).content.decode()
        latest = block(page, "samping-terbaru")
        self.assertNotIn(">Kabar ke-0<", latest)
        self.assertIn(">Kabar ke-1<", latest)
        popular = block(page, "terpopuler")
        self.assertLess(popular.index("Kabar ke-0"), popular.index("Kabar ke-1"))
        self.assertIn("Pilihan pertama", block(page, "pilihan-redaksi"))

    def test_query_counts_stay_fixed(self):
        assert_steady_queries(self, 0, reverse("news:home"))
        # With the page cache off, every page is made again from its fragments.
        with self.settings(PAGE_CACHE_SECONDS=0):
            assert_steady_queries(self, 0, reverse("news:home"))
            assert_steady_queries(self, 1, self.stories[3].get_absolute_url())  # the story (no "Baca juga" cards)
            self.assertEqual(assert_steady_queries(self, 0, "/tidak-ada/").status_code, 404)
            assert_steady_queries(self, 0, reverse("news:search"))

    def test_curating_shows_at_once_on_cached_pages(self):
        home, article = reverse("news:home"), self.stories[8].get_absolute_url()
        self.client.get(home), self.client.get(article)
        story = self.stories[12]
        workflow.curate(story, self.editor, is_editors_pick=True)
        for url in (home, article):
            self.assertIn(story.headline, block(self.client.get(url).content.decode(), "pilihan-redaksi"), url)
        workflow.curate(self.stories[15], self.editor, is_headline=True, headline_order=0)
        self.assertEqual(headline_links(self.client.get(home).content.decode())[0], self.stories[15].headline)
        workflow.unpublish(story, self.editor)
        self.assertNotIn(story.headline, self.client.get(article).content.decode())

    def test_a_publish_reaches_the_side_column_of_a_cached_story(self):
        article = self.stories[8].get_absolute_url()
        self.client.get(article)
        fresh = make_article(section=self.section, headline="Kabar paling baru", status=Article.Status.DRAFT)
        workflow.publish(fresh, self.editor)
        self.assertIn("Kabar paling baru", block(self.client.get(article).content.decode(), "samping-terbaru"))

    def test_summaries_end_at_a_word_boundary(self):
        words = "Warga Kasemen mengungsi ke masjid setelah banjir setinggi lutut merendam permukiman " * 6
        story = make_article(section=self.section, headline="Ringkasan panjang", lead=words.strip(),
                             published_at=timezone.now())
        page = self.client.get(self.section.get_absolute_url()).content.decode()
        summary = html.unescape(re.search(r'Ringkasan panjang</a></h2>\s*<p class="card-lead">([^<]+)</p>', page)[1])
        self.assertTrue(summary.endswith("…"))
        self.assertLessEqual(len(summary), 200)
        self.assertIn(summary[:-1].split()[-1], words.split())
        self.assertTrue(story.lead.startswith(summary[:-1]))

    def test_empty_search_and_404_offer_the_latest_stories(self):
        for url, status in ((reverse("news:search"), 200), ("/tidak/ada/", 404)):
            response = self.client.get(url)
            self.assertEqual(response.status_code, status)
            latest = block(response.content.decode(), "berita-terbaru")
            self.assertIn(f'href="{self.stories[0].get_absolute_url()}"', latest, url)
        self.assertNotIn('id="berita-terbaru"', self.client.get(reverse("news:search") + "?q=kabar").content.decode())


@override_settings(PAGE_CACHE_SECONDS=300)
class BreakingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Cilegon", slug="cilegon")
        cls.story = make_article(section=cls.section, headline="Kebakaran Gudang di Cilegon")
        cls.other = make_article(section=make_section(name="Politik", slug="politik"), headline="Rapat DPRD",
                                 published_at=timezone.now() - timedelta(days=30))
        cls.editor = editor()

    def pages(self):
        return [reverse("news:home"), self.story.get_absolute_url(), self.other.get_absolute_url(),
                self.section.get_absolute_url(), reverse("news:page", kwargs={"slug": "kontak"}), "/tidak/ada/"]

    def banner(self, url):
        page = self.client.get(url).content.decode()
        found = re.search(r'<aside class="breaking-banner"[^>]*>(.*?)</aside>', page, re.DOTALL)
        return found[1] if found else None

    def test_the_label_on_cards_and_the_story_while_it_is_breaking(self):
        for url in (reverse("news:home"), self.story.get_absolute_url(), self.section.get_absolute_url()):
            self.assertNotIn('class="label-breaking"', self.client.get(url).content.decode(), url)
        workflow.curate(self.story, self.editor, breaking_until=timezone.now() + timedelta(hours=1))
        home = self.client.get(reverse("news:home")).content.decode()
        self.assertRegex(home, r'(?s)<span class="label-breaking">Breaking</span>(?:(?!</article>).)*Kebakaran Gudang')
        story = self.client.get(self.story.get_absolute_url()).content.decode()
        self.assertIn('<span class="label-breaking">Breaking</span></p>\n    <h1>Kebakaran Gudang di Cilegon</h1>', story)
        # Without the banner flag no page carries the banner.
        self.assertIsNone(self.banner(self.other.get_absolute_url()))

    def test_the_banner_crosses_every_page_and_ends_by_itself(self):
        for url in self.pages():
            self.assertIsNone(self.banner(url), url)  # and now kept in the page cache
        until = timezone.now() + timedelta(hours=1)
        workflow.curate(self.story, self.editor, breaking_until=until, breaking_banner=True)
        for url in self.pages():
            banner = self.banner(url)
            self.assertIsNotNone(banner, url)
            self.assertIn(f'<a href="{self.story.get_absolute_url()}">Kebakaran Gudang di Cilegon</a>', banner)
        # Kept: a second read of the home page asks the database nothing.
        with self.assertNumQueries(0):
            self.client.get(reverse("news:home"))
        with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
            for url in self.pages():
                self.assertIsNone(self.banner(url), url)
            self.assertNotIn('class="label-breaking"', self.client.get(reverse("news:home")).content.decode())

    def test_ending_or_unpublishing_takes_the_banner_away_at_once(self):
        workflow.curate(self.story, self.editor, breaking_until=timezone.now() + timedelta(hours=1), breaking_banner=True)
        self.assertIsNotNone(self.banner(self.other.get_absolute_url()))
        workflow.curate(self.story, self.editor, breaking_banner=False)
        self.assertIsNone(self.banner(self.other.get_absolute_url()))
        workflow.curate(self.story, self.editor, breaking_banner=True)
        self.assertIsNotNone(self.banner(self.other.get_absolute_url()))
        workflow.unpublish(self.story, self.editor)
        self.assertIsNone(self.banner(self.other.get_absolute_url()))


class SeoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(
            section=make_section(), headline="Wali Kota Tangsel: Birokrat Jangan Sibuk Mengurus Diri Sendiri",
            lead="Ringkasan untuk pembaca.", seo_title="Benyamin Minta Birokrat Tangsel Fokus Melayani",
            meta_description="Wali Kota Tangerang Selatan meminta birokrat fokus pada pelayanan publik.",
        )
        cls.plain = make_article(section=make_section(), headline="Judul biasa", lead="Ringkasan biasa.")

    def meta(self, page, attribute, name):
        return html.unescape(re.search(rf'<meta {attribute}="{name}" content="([^"]*)"', page)[1])

    def test_title_meta_open_graph_and_json_ld_use_the_seo_fields_the_h1_the_headline(self):
        page = self.client.get(self.story.get_absolute_url()).content.decode()
        self.assertEqual(re.search(r"<title>(.*?)</title>", page)[1], f"{self.story.seo_title} - detakbanten.com")
        self.assertEqual(re.findall(r"<h1>(.*?)</h1>", page), [self.story.headline])
        for attribute, name in (("property", "og:title"), ("name", "twitter:title")):
            self.assertEqual(self.meta(page, attribute, name), self.story.seo_title)
        for attribute, name in (("name", "description"), ("property", "og:description"), ("name", "twitter:description")):
            self.assertEqual(self.meta(page, attribute, name), self.story.meta_description)
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])[0]
        self.assertEqual((data["headline"], data["description"]), (self.story.seo_title, self.story.meta_description))

    def test_without_them_the_headline_and_summary(self):
        page = self.client.get(self.plain.get_absolute_url()).content.decode()
        self.assertEqual(re.search(r"<title>(.*?)</title>", page)[1], "Judul biasa - detakbanten.com")
        self.assertEqual(self.meta(page, "property", "og:description"), "Ringkasan biasa.")


@override_settings(PAGE_CACHE_SECONDS=300, DEWAN_PERS_NUMBER="", WHATSAPP_CHANNEL_URL="", FACEBOOK_URL="",
                   INSTAGRAM_URL="", X_URL="", YOUTUBE_URL="", TIKTOK_URL="")
class SiteSettingsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_article(section=make_section())

    def footer(self):
        page = self.client.get(reverse("news:home")).content.decode()
        return page[page.index('<footer class="site-footer">'):]

    def test_nothing_set_nothing_shown(self):
        footer = self.footer()
        self.assertNotIn("Dewan Pers:", footer)
        self.assertNotIn("Saluran WhatsApp", footer)

    def test_environment_values_stand_in_for_empty_fields(self):
        with self.settings(DEWAN_PERS_NUMBER="1234/DP-Verifikasi/K/XII/2024",
                           WHATSAPP_CHANNEL_URL="https://whatsapp.com/channel/0029Va", INSTAGRAM_URL="https://instagram.com/detakbanten"):
            footer = self.footer()
            page = self.client.get(reverse("news:home")).content.decode()
        self.assertIn("Terverifikasi Dewan Pers: 1234/DP-Verifikasi/K/XII/2024", footer)
        self.assertIn('<a href="https://whatsapp.com/channel/0029Va" rel="noopener">Saluran WhatsApp</a>', footer)
        self.assertIn('<a href="https://instagram.com/detakbanten" rel="noopener">Instagram</a>', footer)
        self.assertIn('class="header-channel" href="https://whatsapp.com/channel/0029Va"', page)

    def test_an_admins_change_of_the_row_shows_at_once_and_wins_over_the_environment(self):
        self.footer()
        with self.settings(DEWAN_PERS_NUMBER="dari-lingkungan"):
            admin = User.objects.create_superuser("admin-situs", "admin@example.com", "x")
            self.client.force_login(admin)
            response = self.client.post(reverse("admin:news_sitesettings_add"), {
                "dewan_pers_number": "999/DP-Verifikasi/K/I/2025", "whatsapp_channel_url": "",
                "facebook_url": "https://facebook.com/detakbanten", "instagram_url": "", "x_url": "",
                "youtube_url": "", "tiktok_url": "",
            })
            self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
            self.client.logout()
            footer = self.footer()
        self.assertIn("Terverifikasi Dewan Pers: 999/DP-Verifikasi/K/I/2025", footer)
        self.assertIn('<a href="https://facebook.com/detakbanten" rel="noopener">Facebook</a>', footer)
        self.assertEqual(SiteSettings.objects.count(), 1)
        # Kept beside the pages: a page made again asks nothing for it.
        with self.settings(PAGE_CACHE_SECONDS=0):
            assert_steady_queries(self, 0, reverse("news:home"))
