"""Most read: the article page's beacon counts readers (once an hour each), batches reach the database, "Terpopuler" shows them."""

import itertools
import unittest
from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import pageviews
from news.models import ViewCount

from .factories import make_article, make_section

# Every reader of a test from an address of their own.
ADDRESSES = (f"10.{n // 62500}.{n // 250 % 250}.{n % 250 + 1}" for n in itertools.count())
PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


@override_settings(POPULAR_MIN_VIEWS=10)
class PageViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = make_section(name="Tangsel", slug="tangsel")
        cls.hot = make_article(section=section, headline="Berita paling ramai")
        cls.warm = make_article(section=section, headline="Berita cukup ramai")
        cls.quiet = make_article(section=section, headline="Berita sepi pembaca")
        cls.last_week = make_article(section=section, headline="Ramai pekan lalu", published_at=timezone.now() - timedelta(days=5))

    def read(self, article, times, user_agent=PHONE, **headers):
        """times readers (each from an address of their own) whose browsers send the page's beacon."""
        for _ in range(times):
            response = self.client.post(reverse("news:pageview", args=[article.pk]), HTTP_USER_AGENT=user_agent,
                                        REMOTE_ADDR=next(ADDRESSES), **headers)
            self.assertEqual(response.status_code, 204)

    def popular(self):
        html = self.client.get(reverse("news:home")).content.decode()
        if 'id="terpopuler"' not in html:
            return None, None
        block = html[html.index('id="terpopuler"'):html.index("</aside>")]
        week_at = block.find("Sepekan")
        day = block[: week_at if week_at >= 0 else None] if "Hari ini" in block else ""
        week = block[week_at:] if week_at >= 0 else ""
        return day, week

    def test_reading_an_article_touches_no_database(self):
        with CaptureQueriesContext(connection) as queries:
            self.read(self.hot, 3)
        self.assertEqual([q["sql"] for q in queries], [])
        self.assertEqual(pageviews.pending(), 3)
        self.assertFalse(ViewCount.objects.exists())

    def test_the_page_sends_its_beacon_and_readers_are_counted_even_when_it_comes_from_a_cache(self):
        page = self.client.get(self.hot.get_absolute_url(), HTTP_USER_AGENT=PHONE).content.decode()
        self.assertIn(f'data-beacon="{reverse("news:pageview", args=[self.hot.pk])}"', page)
        # Rendering the page counts nothing: only the beacon does.
        self.assertEqual(pageviews.pending(), 0)
        with override_settings(PAGE_CACHE_SECONDS=300):
            for _ in range(2):
                self.client.get(self.hot.get_absolute_url(), HTTP_USER_AGENT=PHONE)
        self.read(self.hot, 2)
        self.assertEqual(pageviews.pending(), 2)

    def test_one_reader_reloading_25_times_is_one_read(self):
        for _ in range(25):
            self.client.post(reverse("news:pageview", args=[self.hot.pk]), HTTP_USER_AGENT=PHONE, REMOTE_ADDR="10.9.9.9")
        self.assertEqual(pageviews.pending(), 1)
        # Another browser behind the same address (a family, an office) is another reader.
        self.client.post(reverse("news:pageview", args=[self.hot.pk]), HTTP_USER_AGENT=PHONE + " Edg/120",
                         REMOTE_ADDR="10.9.9.9")
        self.assertEqual(pageviews.pending(), 2)

    def test_the_beacon_is_a_post_and_never_cached(self):
        url = reverse("news:pageview", args=[self.hot.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url, HTTP_USER_AGENT=PHONE)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertFalse(response.cookies)

    def test_a_flush_writes_the_batch_in_one_go(self):
        self.read(self.hot, 12)
        self.read(self.warm, 4)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(pageviews.flush(), 16)
        writes = [q["sql"] for q in queries if "INSERT" in q["sql"]]
        self.assertEqual(len(writes), 1, writes)  # one executemany for the whole batch
        self.assertEqual(pageviews.pending(), 0)
        counts = dict(ViewCount.objects.values_list("article__headline", "views"))
        self.assertEqual(counts, {"Berita paling ramai": 12, "Berita cukup ramai": 4})

    def test_flushes_add_up_in_the_same_hour(self):
        self.read(self.hot, 2)
        pageviews.flush()
        self.read(self.hot, 3)
        pageviews.flush()
        self.assertEqual(ViewCount.objects.get(article=self.hot).views, 5)

    def test_terpopuler_today_and_this_week_above_the_minimum(self):
        self.read(self.hot, 15)
        self.read(self.warm, 11)
        self.read(self.quiet, 9)  # under the minimum of 10
        pageviews.flush()
        hour = timezone.now().replace(minute=0, second=0, microsecond=0)
        ViewCount.objects.create(article=self.last_week, hour=hour - timedelta(days=3), views=40)
        day, week = self.popular()
        self.assertLess(day.index("Berita paling ramai"), day.index("Berita cukup ramai"))
        self.assertNotIn("Berita sepi pembaca", day)
        self.assertNotIn("Ramai pekan lalu", day)
        self.assertLess(week.index("Ramai pekan lalu"), week.index("Berita paling ramai"))
        self.assertNotIn("Berita sepi pembaca", week)

    def test_a_quiet_site_shows_no_terpopuler(self):
        self.read(self.quiet, 3)
        pageviews.flush()
        self.assertEqual(self.popular(), (None, None))

    def test_old_reads_fall_out(self):
        hour = timezone.now().replace(minute=0, second=0, microsecond=0)
        ViewCount.objects.create(article=self.hot, hour=hour - timedelta(days=8), views=500)
        self.assertEqual(self.popular(), (None, None))

    def test_crawlers_link_previews_and_prefetches_are_not_reads(self):
        for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "WhatsApp/2.23.20.0",
                      "facebookexternalhit/1.1", "TelegramBot (like TwitterBot)", "curl/8.4.0"):
            self.read(self.hot, 1, user_agent=agent)
        self.read(self.hot, 1, HTTP_SEC_PURPOSE="prefetch")
        self.read(self.hot, 1, HTTP_PURPOSE="prefetch")
        self.client.get(self.hot.get_absolute_url(), HTTP_USER_AGENT=PHONE)
        self.assertEqual(pageviews.pending(), 0)

    @override_settings(PAGEVIEWS_FLUSH_SECONDS=0)
    def test_the_batch_is_written_after_a_response_once_the_interval_has_passed(self):
        self.read(self.hot, 1)
        self.assertEqual(pageviews.pending(), 0)
        self.assertEqual(ViewCount.objects.get(article=self.hot).views, 1)


@override_settings(CACHES={
    **settings.CACHES,
    "default": {"BACKEND": "news.cache_backends.RedisCache", "LOCATION": "redis://127.0.0.1:6379/14",
                "KEY_PREFIX": "test-pageviews"},
})
class RedisPageViewTests(PageViewTests):
    """The same, with the counts waiting in Redis, where several app servers add up."""

    @classmethod
    def setUpClass(cls):
        import socket

        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", 6379)):
                raise unittest.SkipTest("Redis tidak berjalan di 127.0.0.1:6379")
        super().setUpClass()

    def setUp(self):
        caches["default"].clear()
        pageviews.discard()

    def test_two_servers_counting_into_one_hash_add_up_and_one_takes_it(self):
        self.read(self.hot, 3)
        other_server = pageviews.RedisCounts(caches["default"])
        other_server.add(self.hot.pk, timezone.now().replace(minute=0, second=0, microsecond=0))
        self.assertEqual(pageviews.pending(), 4)
        self.assertEqual(pageviews.flush(), 4)
        self.assertEqual(other_server.take(), {})
        self.assertEqual(ViewCount.objects.get(article=self.hot).views, 4)

    def test_reads_of_a_deleted_article_are_dropped_and_the_rest_kept(self):
        doomed = make_article(section=self.hot.section, headline="Akan dihapus")
        self.read(doomed, 2)
        self.read(self.hot, 1)
        doomed.delete()
        self.assertEqual(pageviews.flush(), 3)
        self.assertEqual(list(ViewCount.objects.values_list("article_id", "views")), [(self.hot.pk, 1)])

    def test_counts_survive_a_failed_write(self):
        self.read(self.hot, 4)
        with mock.patch.object(pageviews, "_add_views", side_effect=RuntimeError("basis data mati")), \
                self.assertLogs("news.pageviews", "ERROR"):
            self.assertEqual(pageviews.flush(), 0)
        self.assertEqual(pageviews.pending(), 4)
        pageviews.flush()
        self.assertEqual(ViewCount.objects.get(article=self.hot).views, 4)
