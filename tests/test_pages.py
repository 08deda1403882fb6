import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news.models import Article

from .factories import make_article, make_author, make_dateline, make_section, make_source, make_tag


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
        with self.assertNumQueries(3):  # navigation, lead story, latest
            self.client.get(reverse("news:home"))


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
        self.article.save()
        response = self.get()
        self.assertContains(response, "Diperbarui")
        self.assertContains(response, f'datetime="{timezone.localtime(self.article.modified_at).isoformat()}"')

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
        with self.assertNumQueries(5):  # navigation, article, authors, tags, corrections
            self.get()


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
        with self.assertNumQueries(4):  # navigation, section, count, page
            self.client.get(self.politik.get_absolute_url())
        with self.assertNumQueries(4):  # navigation, tag, count, page
            self.client.get(self.tag.get_absolute_url())


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
