import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article

from .factories import (
    assert_steady_queries, make_article, make_author, make_dateline, make_section, make_source, make_tag,
)


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.lead = make_article(section=cls.section, headline="Berita utama hari ini", is_headline=True,
                                published_at=timezone.now() - timedelta(days=1))
        cls.latest = [make_article(section=cls.section, headline=f"Kabar ke-{n}") for n in range(3)]
        cls.draft = make_article(section=cls.section, headline="Draf rahasia", status=Article.Status.DRAFT)
        cls.future = make_article(section=cls.section, headline="Berita terjadwal",
                                  published_at=timezone.now() + timedelta(hours=3))

    def test_lead_story_and_latest_each_an_article_linking_to_its_page(self):
        response = self.client.get(reverse("news:home"))
        self.assertContains(response, "card--lead")
        html = response.content.decode()
        self.assertLess(html.index("Berita utama hari ini"), html.index("Kabar ke-0"))
        for article in [self.lead, *self.latest]:
            self.assertContains(response, f'<a href="{article.get_absolute_url()}">{article.headline}</a>', html=True)
        self.assertEqual(html.count("<article"), 4)

    def test_drafts_and_scheduled_stay_off_the_home_page(self):
        response = self.client.get(reverse("news:home"))
        self.assertNotContains(response, "Draf rahasia")
        self.assertNotContains(response, "Berita terjadwal")

    def test_scheduled_article_appears_on_time(self):
        Article.objects.filter(pk=self.future.pk).update(published_at=timezone.now() - timedelta(minutes=1))
        self.assertContains(self.client.get(reverse("news:home")), "Berita terjadwal")

    def test_query_count_is_fixed(self):
        make_article(section=make_section(), authors=[make_author()], tags=[make_tag()])
        # Its stories and the most read are kept until a story changes (the most read for a minute).
        assert_steady_queries(self, 0, reverse("news:home"))


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.tag = make_tag(name="Pemkot Tangsel")
        cls.author = make_author(name="Julius", initials="jls")
        cls.article = make_article(
            section=cls.section,
            headline="Wali Kota Tangsel : Birokrat Jangan Sibuk Mengurus Diri Sendiri",
            body='<p>Awal tahun 2017 menjadi babak baru.</p><p>"Fokus kinerja," tegas Wali Kota.</p>',
            source=make_source(name="detakbanten.com"),
            dateline=make_dateline(name="CIPUTAT"),
            published_at=datetime(2017, 1, 5, 19, 30, tzinfo=ZoneInfo("Asia/Jakarta")),
            authors=[cls.author],
            tags=[cls.tag],
        )

    def get(self):
        return self.client.get(self.article.get_absolute_url())

    def test_url_shape(self):
        self.assertEqual(
            self.article.get_absolute_url(),
            f"/read/2017/01/05/{self.article.pk}/wali-kota-tangsel-birokrat-jangan-sibuk-mengurus-diri-sendiri/",
        )

    def test_headline_is_the_only_h1_and_the_title(self):
        html = self.get().content.decode()
        self.assertEqual(re.findall(r"<h1[^>]*>(.*?)</h1>", html), [self.article.headline])
        self.assertIn(f"<title>{self.article.headline} - detakbanten.com</title>", html)

    def test_leadin_date_signoff_section_tags(self):
        response = self.get()
        self.assertContains(
            response, '<p><strong class="leadin">detakbanten.com CIPUTAT</strong> - Awal tahun 2017 menjadi babak baru.</p>',
            html=True,
        )
        self.assertContains(response, "Kamis, 5 Januari 2017 19:30 WIB")
        self.assertContains(response, 'datetime="2017-01-05T19:30:00+07:00"')
        self.assertContains(response, "Julius (jls)")
        self.assertContains(response, '<p class="signoff">(jls)</p>', html=True)
        self.assertContains(response, f'href="{self.section.get_absolute_url()}"')
        self.assertContains(response, f'href="{self.tag.get_absolute_url()}"')
        self.assertContains(response, '"Fokus kinerja," tegas Wali Kota.')

    def test_modified_time_shows_only_after_a_live_article_changed(self):
        self.assertNotContains(self.get(), "Diperbarui")
        self.article.body = "<p>Awal tahun 2017 menjadi babak baru, kata Wali Kota.</p>"
        workflow.edit(self.article, None, fields=["body"])
        response = self.get()
        self.assertContains(response, "Diperbarui")
        self.assertContains(response, f'datetime="{timezone.localtime(self.article.modified_at).isoformat(timespec="seconds")}"')

    def test_go_to_top_links_to_an_element_at_the_top(self):
        html = self.get().content.decode()
        target = re.search(r'<a href="#([\w-]+)" class="go-top">Kembali ke atas</a>', html).group(1)
        self.assertRegex(html[: html.index("<main")], rf'id="{target}"')

    def test_outdated_slug_and_date_redirect_permanently(self):
        def url(year, month, day, slug):
            kwargs = {"year": year, "month": month, "day": day, "pk": self.article.pk, "slug": slug}
            return reverse("news:article", kwargs=kwargs)

        for outdated in (url(2017, 1, 5, "judul-lama"), url(2016, 12, 31, self.article.slug)):
            self.assertRedirects(self.client.get(outdated), self.article.get_absolute_url(), status_code=301)

    def test_drafts_and_scheduled_answer_404(self):
        draft = make_article(section=self.section, status=Article.Status.DRAFT)
        scheduled = make_article(section=self.section, published_at=timezone.now() + timedelta(days=1))
        for article in (draft, scheduled):
            response = self.client.get(article.get_absolute_url())
            self.assertEqual(response.status_code, 404)
            self.assertContains(response, "Halaman tidak ditemukan", status_code=404)

    def test_query_count_is_fixed_whatever_the_authors_and_tags(self):
        self.article.authors.add(make_author(), make_author())
        self.article.tags.add(make_tag(), make_tag(), make_tag())
        # The article; its authors, tags and corrections are kept; no other story around it, so no card query
        assert_steady_queries(self, 1, self.article.get_absolute_url())


class ListPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.banten = make_section(name="Banten", slug="banten", position=1)
        cls.tangsel = make_section(name="Tangsel", slug="tangsel", parent=cls.banten)
        cls.politik = make_section(name="Politik", slug="politik", position=2)
        cls.hidden = make_section(name="Arsip Lama", slug="arsip", show_in_nav=False)
        cls.tag = make_tag(name="Pilkada")
        cls.in_tangsel = make_article(section=cls.tangsel, headline="Kabar dari Tangsel", tags=[cls.tag])
        cls.in_politik = make_article(section=cls.politik, headline="Kabar politik")
        for n in range(21):
            make_article(section=cls.politik, headline=f"Politik ke-{n}", tags=[cls.tag],
                         published_at=timezone.now() - timedelta(days=2, minutes=n))

    def test_section_page_includes_sub_sections(self):
        response = self.client.get(self.banten.get_absolute_url())
        self.assertContains(response, "<h1>Banten</h1>", html=True)
        self.assertContains(response, "Kabar dari Tangsel")
        self.assertNotContains(response, "Kabar politik")

    def test_section_page_is_paginated(self):
        first = self.client.get(self.politik.get_absolute_url())
        self.assertContains(first, "Halaman 1 dari 2")
        self.assertContains(first, 'href="?page=2"')
        second = self.client.get(self.politik.get_absolute_url(), {"page": 2})
        self.assertContains(second, "Politik ke-20")
        self.assertEqual(self.client.get(self.politik.get_absolute_url(), {"page": 9}).status_code, 404)
        self.assertEqual(self.client.get(self.politik.get_absolute_url(), {"page": "x"}).status_code, 404)

    def test_tag_page(self):
        response = self.client.get(self.tag.get_absolute_url())
        self.assertContains(response, "<h1>Pilkada</h1>", html=True)
        self.assertContains(response, "Kabar dari Tangsel")
        self.assertNotContains(response, "Kabar politik")

    def test_unknown_section_and_tag_404(self):
        self.assertEqual(self.client.get(reverse("news:section", kwargs={"slug": "tidak-ada"})).status_code, 404)
        self.assertEqual(self.client.get(reverse("news:tag", kwargs={"slug": "tidak-ada"})).status_code, 404)

    def test_navigation_follows_sections_in_order(self):
        html = self.client.get(reverse("news:home")).content.decode()
        nav = html[html.index('<nav class="site-nav"'): html.index("</nav>")]
        self.assertLess(nav.index(">Banten<"), nav.index(">Tangsel<"))
        self.assertLess(nav.index(">Tangsel<"), nav.index(">Politik<"))
        self.assertNotIn("Arsip Lama", nav)

    def test_list_query_counts(self):
        assert_steady_queries(self, 4, self.politik.get_absolute_url())  # section, count, page, sub-sections
        assert_steady_queries(self, 3, self.tag.get_absolute_url())  # tag, count, page


class NotFoundTests(TestCase):
    def test_unknown_url_answers_custom_404_in_site_layout(self):
        response = self.client.get("/tidak/ada/halaman/ini/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Halaman tidak ditemukan", status_code=404)
        self.assertContains(response, 'class="site-nav"', status_code=404)

    def test_pages_load_nothing_from_another_host(self):
        make_article(section=make_section())
        html = self.client.get(reverse("news:home")).content.decode()
        self.assertEqual(re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"', html), [])


JAKARTA = ZoneInfo("Asia/Jakarta")


class HomeBlocksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.banten = make_section(name="Banten", slug="banten", position=1)
        cls.tangsel = make_section(name="Tangsel", slug="tangsel", parent=cls.banten)
        cls.politik = make_section(name="Politik", slug="politik", position=2)
        cls.hidden = make_section(name="Arsip Lama", slug="arsip", show_in_nav=False)
        # 17 recent stories fill the headlines (4) and "Terbaru" (12); the older ones can only appear in the section blocks.
        for n in range(17):
            make_article(section=cls.politik, headline=f"Kabar terbaru {n}", published_at=timezone.now() - timedelta(minutes=n + 1))
        cls.in_tangsel = [
            make_article(section=cls.tangsel, headline=f"Kabar Tangsel {n}", published_at=timezone.now() - timedelta(days=2, hours=n))
            for n in range(5)
        ]
        cls.old_politik = make_article(section=cls.politik, headline="Kabar politik lama", published_at=timezone.now() - timedelta(days=3))
        cls.archived = make_article(section=cls.hidden, headline="Kabar arsip", published_at=timezone.now() - timedelta(days=3))

    def test_a_block_per_navigation_section_in_menu_order_with_its_sub_sections(self):
        html = self.client.get(reverse("news:home")).content.decode()
        banten_block = html[html.index('aria-labelledby="kanal-banten"'):html.index('aria-labelledby="kanal-politik"')]
        # The newest four of Banten and its sub-sections; the fifth waits on the section page.
        for article in self.in_tangsel[:4]:
            self.assertIn(article.headline, banten_block)
        self.assertNotIn(self.in_tangsel[4].headline, banten_block)
        self.assertIn(f'href="{self.banten.get_absolute_url()}"', banten_block)
        politik_block = html[html.index('aria-labelledby="kanal-politik"'):]
        self.assertIn("Kabar politik lama", politik_block)
        self.assertNotIn("Kabar terbaru 0", politik_block)  # already shown above
        self.assertNotIn("Kabar arsip", html)

    def test_relative_times_with_the_full_date_on_lists(self):
        html = self.client.get(reverse("news:home")).content.decode()
        self.assertRegex(html, r'<time datetime="[\d\-T:+]+" title="\w+, \d+ \w+ \d{4} \d\d:\d\d WIB">\d+ menit lalu</time>')
        self.assertRegex(html, r'<time datetime="[^"]+" title="[^"]+">2 hari lalu</time>')

    def test_without_a_headline_the_newest_story_leads(self):
        html = self.client.get(reverse("news:home")).content.decode()
        lead = html[html.index('class="card card--lead'):html.index('class="headline-row"')]
        self.assertIn("Kabar terbaru 0", lead)
        self.assertEqual(html.count("Kabar terbaru 0<"), 1)

    def test_every_page_links_the_site_feeds(self):
        html = self.client.get(reverse("news:home")).content.decode()
        self.assertIn(f'<link rel="alternate" type="application/rss+xml" title="detakbanten.com (RSS)" href="{reverse("news:feed")}">', html)
        self.assertIn(f'type="application/atom+xml" title="detakbanten.com (Atom)" href="{reverse("news:atom")}"', html)


class ArticleDiscoveryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.banten = make_section(name="Banten", slug="banten")
        cls.tangsel = make_section(name="Tangsel", slug="tangsel", parent=cls.banten)
        cls.politik = make_section(name="Politik", slug="politik")
        cls.ciputat = make_dateline(name="CIPUTAT")
        cls.serang = make_dateline(name="KOTA SERANG")
        cls.banjir, cls.pemkot = make_tag(name="Banjir"), make_tag(name="Pemkot Tangsel")
        cls.julius = make_author(name="Julius Simanjuntak", initials="jls")
        day = datetime(2024, 3, 12, 9, 0, tzinfo=JAKARTA)
        cls.article = make_article(
            section=cls.tangsel, dateline=cls.ciputat, tags=[cls.banjir, cls.pemkot], authors=[cls.julius],
            headline="Banjir Rendam Ratusan Rumah di Ciputat", published_at=day,
            body="".join(f"<p>{'kata ' * 100}</p>" for _ in range(5)),
        )
        cls.both_tags = make_article(section=cls.politik, tags=[cls.banjir, cls.pemkot], headline="Dua tag sama",
                                     published_at=day - timedelta(days=20))
        cls.one_tag = make_article(section=cls.politik, tags=[cls.banjir], headline="Satu tag sama",
                                   published_at=day - timedelta(days=1))
        cls.same_dateline = make_article(section=cls.politik, dateline=cls.ciputat, headline="Dateline sama",
                                         published_at=day - timedelta(days=2))
        cls.same_section = make_article(section=cls.tangsel, headline="Kanal sama",
                                        published_at=day - timedelta(days=3))
        cls.unrelated = make_article(section=cls.politik, dateline=cls.serang, headline="Tidak berhubungan",
                                     published_at=day - timedelta(days=1))
        cls.next_in_section = make_article(section=cls.tangsel, headline="Sesudahnya di Tangsel",
                                           published_at=day + timedelta(hours=2))

    def get(self):
        return self.client.get(self.article.get_absolute_url())

    def test_baca_juga_ranks_shared_tags_then_dateline_then_section(self):
        html = self.get().content.decode()
        # Up to the side column, which lists the latest stories whatever they are.
        related = html[html.index('id="baca-juga"'):html.index('class="side"')]
        expected = ("Dua tag sama", "Satu tag sama", "Dateline sama", "Sesudahnya di Tangsel")
        order = [related.index(headline) for headline in expected]
        self.assertEqual(order, sorted(order))
        # Four places: the older of the two same-section stories waits; no unrelated story.
        self.assertNotIn("Kanal sama", related)
        self.assertNotIn("Tidak berhubungan", related)

    def test_previous_and_next_in_its_section(self):
        html = self.get().content.decode()
        pager = html[html.index('class="story-pager"'):]
        pager = pager[: pager.index("</nav>")]
        self.assertIn(f'href="{self.same_section.get_absolute_url()}"', pager)
        self.assertIn(f'href="{self.next_in_section.get_absolute_url()}"', pager)
        self.assertIn("Sebelumnya", pager)
        self.assertIn("Berikutnya", pager)

    def test_dateline_authors_tags_and_section_are_links(self):
        response = self.get()
        self.assertContains(response, f'<a class="story-dateline" href="{self.ciputat.get_absolute_url()}">CIPUTAT</a>', html=True)
        self.assertContains(response, f'href="{self.julius.get_absolute_url()}"')
        self.assertContains(response, f'href="{self.banjir.get_absolute_url()}"')
        self.assertContains(response, f'href="{self.tangsel.get_absolute_url()}"')

    def test_breadcrumb_home_section_article(self):
        html = self.get().content.decode()
        crumbs = html[html.index('aria-label="Breadcrumb"'):]
        crumbs = crumbs[: crumbs.index("</nav>")]
        self.assertEqual(
            re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", crumbs),
            ["Beranda", "Banten", "Tangsel", "Banjir Rendam Ratusan Rumah di Ciputat"],
        )
        self.assertIn('<li aria-current="page">', crumbs)

    def test_reading_time(self):
        self.assertContains(self.get(), "<p>3 menit baca</p>", html=True)  # 500 words at 200 a minute

    def test_share_links_are_plain_links_to_the_four_services_and_copy(self):
        html = self.get().content.decode()
        share = html[html.index('class="share"'):]
        share = share[: share.index("</section>")]
        url = "http://testserver" + self.article.get_absolute_url()
        hosts = re.findall(r'href="https://([^/]+)/', share)
        self.assertEqual(hosts, ["wa.me", "www.facebook.com", "x.com", "t.me"])
        self.assertIn(url.replace(":", "%3A").replace("/", "%2F"), share)
        self.assertIn(f'<a class="share-copy" href="{url}" data-copy-link="status-salin">Salin tautan</a>', share)
        # The only scripts are our own, from our own host: the share bar's and the read counter's.
        self.assertEqual(re.findall(r"<script[^>]*src=\"([^\"]+)\"", html), ["/static/js/share.js", "/static/js/pageview.js"])


class MoreListPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.ciputat = make_dateline(name="CIPUTAT")
        cls.julius = make_author(name="Julius Simanjuntak", initials="jls")
        cls.from_ciputat = make_article(section=cls.section, dateline=cls.ciputat, authors=[cls.julius],
                                        headline="Kabar dari Ciputat")
        cls.elsewhere = make_article(section=cls.section, headline="Kabar dari tempat lain")
        cls.draft = make_article(section=cls.section, dateline=cls.ciputat, authors=[cls.julius],
                                 headline="Draf Ciputat", status=Article.Status.DRAFT)

    def test_dateline_page(self):
        response = self.client.get(self.ciputat.get_absolute_url())
        self.assertEqual(self.ciputat.get_absolute_url(), "/lokasi/ciputat/")
        self.assertContains(response, "<h1>Berita dari CIPUTAT</h1>", html=True)
        self.assertContains(response, "Kabar dari Ciputat")
        self.assertNotContains(response, "Kabar dari tempat lain")
        self.assertNotContains(response, "Draf Ciputat")

    def test_author_page(self):
        response = self.client.get(self.julius.get_absolute_url())
        self.assertContains(response, "<h1>Julius Simanjuntak</h1>", html=True)
        self.assertContains(response, "Kabar dari Ciputat")
        self.assertNotContains(response, "Kabar dari tempat lain")
        self.assertNotContains(response, "Draf Ciputat")

    def test_unknown_dateline_and_author_404(self):
        self.assertEqual(self.client.get(reverse("news:dateline", kwargs={"slug": "tidak-ada"})).status_code, 404)
        self.assertEqual(self.client.get(reverse("news:author", kwargs={"pk": 999999})).status_code, 404)

    def test_section_page_lists_its_sub_sections_and_links_its_feeds(self):
        child = make_section(name="Ciputat Timur", slug="ciputat-timur", parent=self.section)
        response = self.client.get(self.section.get_absolute_url())
        self.assertContains(response, f'<a href="{child.get_absolute_url()}">Ciputat Timur</a>', html=True)
        self.assertContains(response, f'type="application/rss+xml" title="Tangsel - detakbanten.com (RSS)" href="{self.section.get_feed_url()}"')

    def test_query_counts(self):
        assert_steady_queries(self, 3, self.ciputat.get_absolute_url())  # dateline, count, page
        assert_steady_queries(self, 3, self.julius.get_absolute_url())  # author, count, page


class DayIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = make_section(name="Tangsel", slug="tangsel")
        cls.morning = make_article(section=section, headline="Pagi di Serang",
                                   published_at=datetime(2017, 1, 5, 7, 0, tzinfo=JAKARTA))
        cls.evening = make_article(section=section, headline="Malam di Ciputat",
                                   published_at=datetime(2017, 1, 5, 23, 30, tzinfo=JAKARTA))
        # 00:30 in Jakarta on the 6th is still the 5th in UTC: the index follows Jakarta.
        cls.next_day = make_article(section=section, headline="Lewat tengah malam",
                                    published_at=datetime(2017, 1, 6, 0, 30, tzinfo=JAKARTA))

    def url(self, year=2017, month=1, day=5):
        return reverse("news:day_index", kwargs={"year": year, "month": month, "day": day})

    def test_one_day_newest_first_in_jakarta_time(self):
        response = self.client.get(self.url())
        self.assertEqual(self.url(), "/indeks/2017/01/05/")
        self.assertContains(response, "<h1>Kamis, 5 Januari 2017</h1>", html=True)
        html = response.content.decode()
        self.assertLess(html.index("Malam di Ciputat"), html.index("Pagi di Serang"))
        self.assertNotIn("Lewat tengah malam", html)

    def test_day_links_and_date_picker(self):
        response = self.client.get(self.url())
        self.assertContains(response, f'href="{self.url(2017, 1, 4)}"')
        self.assertContains(response, f'href="{self.url(2017, 1, 6)}"')
        self.assertContains(response, '<input id="tanggal" type="date" name="tanggal" value="2017-01-05"', html=False)
        picked = self.client.get(reverse("news:index"), {"tanggal": "2017-01-06"})
        self.assertRedirects(picked, self.url(2017, 1, 6))

    def test_without_a_date_shows_today(self):
        make_article(headline="Kabar hari ini", published_at=timezone.now() - timedelta(minutes=1))
        for params in ({}, {"tanggal": "bukan-tanggal"}, {"tanggal": "2017-02-31"}, {"tanggal": "0001-01-01"}):
            response = self.client.get(reverse("news:index"), params)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Kabar hari ini")

    def test_an_empty_day_is_a_normal_page(self):
        response = self.client.get(self.url(2017, 1, 10))
        self.assertContains(response, "Tidak ada berita pada tanggal ini.")

    def test_impossible_dates_answer_404(self):
        for year, month, day in ((2017, 2, 31), (2017, 13, 1), (2017, 0, 10), (9999, 12, 31), (1, 1, 1), (0, 1, 1)):
            self.assertEqual(self.client.get(f"/indeks/{year:04d}/{month:02d}/{day:02d}/").status_code, 404, (year, month, day))
        self.assertEqual(self.client.get(self.url(), {"page": 3}).status_code, 404)

    def test_query_count(self):
        assert_steady_queries(self, 2, self.url())  # count, page


class ReviewFollowUpTests(TestCase):
    def test_future_days_in_the_index_are_404(self):
        tomorrow = timezone.localdate() + timedelta(days=1)
        url = reverse("news:day_index", kwargs={"year": tomorrow.year, "month": f"{tomorrow.month:02d}", "day": f"{tomorrow.day:02d}"})
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(reverse("news:index")).status_code, 200)

    def test_author_without_published_work_is_not_listed(self):
        staff = make_author(name="Redaktur Tanpa Berita")
        make_article(section=make_section(), status=Article.Status.DRAFT, authors=[staff])
        self.assertEqual(self.client.get(reverse("news:author", kwargs={"pk": staff.pk})).status_code, 404)
        make_article(section=make_section(), authors=[staff])
        self.assertEqual(self.client.get(reverse("news:author", kwargs={"pk": staff.pk})).status_code, 200)
