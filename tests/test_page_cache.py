"""Anonymous readers' pages come from the page cache, and every change of a story reaches exactly its pages at once."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article

from .factories import article_form_data, make_article, make_dateline, make_section, make_tag

ROOT = Path(__file__).resolve().parent.parent


@override_settings(PAGE_CACHE_SECONDS=300)
class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tangsel = make_section(name="Tangsel", slug="tangsel")
        cls.politik = make_section(name="Politik", slug="politik")
        cls.tag = make_tag(name="Banjir")
        cls.story = make_article(section=cls.tangsel, headline="Banjir di Pamulang", tags=[cls.tag],
                                 dateline=make_dateline(name="PAMULANG"))
        cls.other = make_article(section=cls.politik, headline="Rapat paripurna DPRD",
                                 published_at=timezone.now() - timedelta(days=200))
        cls.editor = User.objects.create_user("abc", is_staff=True)
        cls.editor.groups.add(Group.objects.get(name="Redaktur"))

    def warm(self, *urls):
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_second_read_costs_no_query_and_carries_cache_headers(self):
        for url in (reverse("news:home"), self.story.get_absolute_url(), self.tangsel.get_absolute_url(),
                    self.tag.get_absolute_url(), reverse("news:feed"), reverse("news:sitemap_index")):
            first = self.client.get(url)
            with self.assertNumQueries(0):
                second = self.client.get(url)
            self.assertEqual(second.content, first.content, url)
            self.assertEqual(second["ETag"], first["ETag"])
            self.assertIn("Last-Modified", second)
            control = second["Cache-Control"]
            for part in ("public", "max-age=0", "s-maxage=5", "stale-while-revalidate=60", "stale-if-error=86400"):
                self.assertIn(part, control, url)
            self.assertFalse(second.cookies, url)

    def test_a_conditional_request_gets_304_without_a_query(self):
        url = self.story.get_absolute_url()
        etag = self.client.get(url)["ETag"]
        with self.assertNumQueries(0):
            response = self.client.get(url, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response["ETag"], etag)
        self.assertEqual(self.client.get(url, HTTP_IF_NONE_MATCH='"lain"').status_code, 200)

    def test_an_edit_of_a_live_story_renews_its_pages_and_leaves_the_others(self):
        pages = [reverse("news:home"), self.story.get_absolute_url(), self.tangsel.get_absolute_url(),
                 self.tag.get_absolute_url(), reverse("news:feed")]
        self.warm(*pages, self.other.get_absolute_url(), self.politik.get_absolute_url())
        self.client.force_login(self.editor)
        response = self.client.post(reverse("admin:news_article_change", args=[self.story.pk]),
                                    article_form_data(self.story, headline="Banjir surut di Pamulang"))
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        for url in pages:
            self.assertContains(self.client.get(url), "Banjir surut di Pamulang", msg_prefix=url)
        # A story of another section, months away, showed it only in its side column ("Terbaru"): made
        # again from its row alone, what else it shows still kept. Its section's list is still served from the cache.
        with self.assertNumQueries(1):
            self.assertContains(self.client.get(self.other.get_absolute_url()), "Banjir surut di Pamulang")
        with self.assertNumQueries(0):
            self.client.get(self.politik.get_absolute_url())

    def test_publishing_unpublishing_retracting_and_a_correction_reach_the_pages_at_once(self):
        home, section = reverse("news:home"), self.tangsel.get_absolute_url()
        draft = make_article(section=self.tangsel, headline="Jembatan baru diresmikan", status=Article.Status.DRAFT)
        self.warm(home, section)
        workflow.publish(draft, self.editor)
        for url in (home, section, reverse("news:feed")):
            self.assertContains(self.client.get(url), "Jembatan baru diresmikan", msg_prefix=url)
        workflow.unpublish(draft, self.editor)
        self.assertNotContains(self.client.get(home), "Jembatan baru diresmikan")
        url = self.story.get_absolute_url()
        self.warm(url)
        workflow.add_correction(self.story, self.editor, kind="ralat", text="Kecamatan yang benar: Pamulang Barat.")
        self.assertContains(self.client.get(url), "Kecamatan yang benar: Pamulang Barat.")
        workflow.retract(self.story, self.editor, "Sumber membantah.")
        self.assertEqual(self.client.get(url).status_code, 410)
        self.assertNotContains(self.client.get(home), "Banjir di Pamulang")

    def test_a_scheduled_story_appears_when_its_time_comes_without_any_job(self):
        home = reverse("news:home")
        when = timezone.now() + timedelta(hours=2)
        scheduled = make_article(section=self.tangsel, headline="Pengumuman CPNS", status=Article.Status.DRAFT)
        workflow.schedule(scheduled, self.editor, at=when)
        self.assertNotContains(self.client.get(home), "Pengumuman CPNS")
        with self.assertNumQueries(0):
            self.client.get(home)
        later = when + timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assertContains(self.client.get(home), "Pengumuman CPNS")
            self.assertContains(self.client.get(scheduled.get_absolute_url()), "Pengumuman CPNS")

    def test_a_section_or_tag_change_renews_the_pages(self):
        self.warm(reverse("news:home"), self.story.get_absolute_url())
        self.client.force_login(User.objects.create_superuser("admin", "a@example.com", "x"))
        self.client.post(reverse("admin:news_section_change", args=[self.tangsel.pk]), {
            "name": "Tangerang Selatan", "slug": "tangsel", "description": "", "position": 0, "show_in_nav": "on",
        })
        self.client.logout()
        for url in (reverse("news:home"), self.story.get_absolute_url(), self.other.get_absolute_url()):
            self.assertContains(self.client.get(url), "Tangerang Selatan", msg_prefix=url)

    def test_staff_previews_share_links_search_and_the_admin_are_never_cached(self):
        page = self.story.get_absolute_url()
        self.client.force_login(self.editor)
        staff_page = self.client.get(page)
        self.assertIn("private", staff_page["Cache-Control"])
        # What staff were served never went into the cache: a reader's first request renders.
        self.client.logout()
        self.assertGreater(self.count_queries(page), 0)
        draft = make_article(section=self.tangsel, headline="Draf rahasia", status=Article.Status.DRAFT)
        share = reverse("news:shared_preview", kwargs={"token": workflow.share_token(draft)})
        for url in (share, reverse("news:search") + "?q=banjir"):
            self.client.get(url)
            self.assertGreater(self.count_queries(url), 0, url)
            self.assertNotIn("public", self.client.get(url).get("Cache-Control", ""), url)
        self.assertIn("private", self.client.get(share)["Cache-Control"])

    def test_tracking_parameters_share_one_cached_page(self):
        url = self.story.get_absolute_url()
        self.warm(url)
        with self.assertNumQueries(0):
            self.assertEqual(self.client.get(url, {"utm_source": "whatsapp", "fbclid": "abc"}).status_code, 200)

    def count_queries(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.client.get(url)
        return len(captured)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    """gunicorn with two workers, each with its own in-memory cache (the default CACHE_URL)."""
    tmp = tmp_path_factory.mktemp("page-cache")
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        SECRET_KEY="page-cache-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", STATIC_ROOT=str(tmp / "static"), MEDIA_ROOT=str(tmp / "media"),
        CACHE_DIR=str(tmp / "cache"), ALLOWED_HOSTS="127.0.0.1", PAGE_CACHE_SECONDS="300", CACHE_URL="locmem://",
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_samples", "--no-photos"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--no-control-socket", "detakbanten.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    yield base, env
    server.terminate()
    server.wait(timeout=20)


def read(url):
    request = urllib.request.Request(url, headers={"Connection": "close"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()


def test_no_worker_serves_a_stale_home_page_after_a_publish(two_workers):
    base, env = two_workers
    # Both workers have the home page in their own memory.
    pids = set()
    for _ in range(40):
        headers, _ = read(base + "/")
        pids.add(headers["ETag"])
    headline = "Gubernur Resmikan Pelabuhan Baru di Bojonegara"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from news import workflow; from news.models import Article, Section;"
         f"workflow.create(Article(headline={headline!r}, body='<p>Isi.</p>', section=Section.objects.first(),"
         " status=Article.Status.PUBLISHED), None)"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )
    pages = [read(base + "/")[1] for _ in range(40)]
    assert all(headline in page for page in pages)
    assert len(pids) == 1 and re.match(r'^"[0-9a-f]{20}"$', pids.pop())


class PreparedOnPublishTests(TransactionTestCase):
    """A story's page is made ready when it goes out: the first reader of a shared link waits no longer than the next."""

    def test_the_first_read_of_a_just_published_story_costs_one_query(self):
        section = make_section(name="Tangsel", slug="tangsel")
        make_article(section=section, headline="Berita sebelumnya", tags=[make_tag(name="Banjir")])
        story = workflow.create(Article(headline="Banjir susulan di Ciputat", section=section, body="<p>Isi.</p>",
                                        status=Article.Status.PUBLISHED), None)
        self.client.get(reverse("news:home"))  # the menu, as any earlier page would have kept it
        with self.assertNumQueries(1):  # the story's row; what its page shows besides was made on publishing
            self.assertContains(self.client.get(story.get_absolute_url()), "Berita sebelumnya")
