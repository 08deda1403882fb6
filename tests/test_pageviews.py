"""Most read: reads are counted without a database write per request, and "Terpopuler" shows them."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import pageviews
from news.models import ViewCount

from .factories import make_article, make_section

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

    def read(self, article, times, user_agent=PHONE):
        for _ in range(times):
            self.client.get(article.get_absolute_url(), HTTP_USER_AGENT=user_agent)

    def popular(self):
        html = self.client.get(reverse("news:home")).content.decode()
        if 'id="terpopuler"' not in html:
            return None, None
        block = html[html.index('id="terpopuler"'):html.index("</aside>")]
        week_at = block.find("Sepekan")
        day = block[: week_at if week_at >= 0 else None] if "Hari ini" in block else ""
        week = block[week_at:] if week_at >= 0 else ""
        return day, week

    def test_reading_an_article_writes_nothing_to_the_database(self):
        with CaptureQueriesContext(connection) as queries:
            self.read(self.hot, 3)
        self.assertFalse([q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")])
        self.assertEqual(pageviews.pending(), 3)
        self.assertFalse(ViewCount.objects.exists())

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

    def test_crawlers_link_previews_redirects_and_missing_pages_are_not_reads(self):
        for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "WhatsApp/2.23.20.0",
                      "facebookexternalhit/1.1", "TelegramBot (like TwitterBot)", "curl/8.4.0"):
            self.read(self.hot, 1, user_agent=agent)
        outdated = self.hot.get_absolute_url().replace(self.hot.slug, "judul-lama")
        self.client.get(outdated, HTTP_USER_AGENT=PHONE)
        self.client.get("/read/2017/01/05/999999/tidak-ada/", HTTP_USER_AGENT=PHONE)
        self.client.head(self.hot.get_absolute_url(), HTTP_USER_AGENT=PHONE)
        self.assertEqual(pageviews.pending(), 0)

    @override_settings(PAGEVIEWS_FLUSH_SECONDS=0)
    def test_the_batch_is_written_after_a_response_once_the_interval_has_passed(self):
        self.read(self.hot, 1)
        self.assertEqual(pageviews.pending(), 0)
        self.assertEqual(ViewCount.objects.get(article=self.hot).views, 1)

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
