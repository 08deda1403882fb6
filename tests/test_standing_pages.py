"""The standing pages (Tentang Kami, Redaksi, Pedoman Media Siber, Kontak, Disclaimer): made by a migration,
read at /halaman/<slug>/, linked from every page's footer, and an admin's change shows at once."""

import re

from django.contrib.auth.models import User
from django.test import TestCase, override_settings
from django.urls import reverse

from news.models import Page

from .factories import assert_steady_queries, make_article, make_section

STANDING = [
    ("tentang-kami", "Tentang Kami"),
    ("redaksi", "Redaksi"),
    ("pedoman-media-siber", "Pedoman Media Siber"),
    ("kontak", "Kontak"),
    ("disclaimer", "Disclaimer"),
]
# The sections of Dewan Pers's Pedoman Pemberitaan Media Siber (2012), as media siber publish it.
PEDOMAN_SECTIONS = [
    "1. Ruang Lingkup", "2. Verifikasi dan Keberimbangan Berita", "3. Isi Buatan Pengguna",
    "4. Ralat, Koreksi, dan Hak Jawab", "5. Pencabutan Berita", "6. Iklan", "7. Hak Cipta",
    "8. Pencantuman Pedoman", "9. Sengketa",
]


def footer_links(page):
    footer = page[page.index('<footer class="site-footer">'):]
    return re.findall(r'<li><a href="(/halaman/[^"]+)">([^<]+)</a></li>', footer)


@override_settings(PAGE_CACHE_SECONDS=300)
class StandingPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(section=make_section(name="Serang", slug="serang"))

    def test_the_migration_made_the_five_pages_in_footer_order(self):
        self.assertEqual(list(Page.objects.values_list("slug", "title")), STANDING)

    def test_each_page_is_public_with_its_title_and_text(self):
        for slug, title in STANDING:
            response = self.client.get(reverse("news:page", kwargs={"slug": slug}))
            self.assertEqual(response.status_code, 200, slug)
            page = response.content.decode()
            self.assertIn(f"<h1>{title}</h1>", page)
            self.assertIn(f"<title>{title} - detakbanten.com</title>", page)
            self.assertIn(f'<link rel="canonical" href="http://testserver/halaman/{slug}/">', page)

    def test_pedoman_media_siber_carries_the_guidelines_sections(self):
        page = self.client.get(reverse("news:page", kwargs={"slug": "pedoman-media-siber"})).content.decode()
        headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
        self.assertEqual([h.split(" (")[0] for h in headings[:9]], PEDOMAN_SECTIONS)
        for words in ("Pada prinsipnya setiap berita harus melalui verifikasi", "2 x 24 jam",
                      "tidak dapat dicabut karena alasan penyensoran", "Jakarta, 3 Februari 2012"):
            self.assertIn(words, page)

    def test_an_unknown_page_is_404(self):
        self.assertEqual(self.client.get("/halaman/tidak-ada/").status_code, 404)

    def test_every_page_links_them_from_its_footer(self):
        for url in (reverse("news:home"), self.story.get_absolute_url(), "/halaman/kontak/", "/tidak/ada/"):
            links = footer_links(self.client.get(url).content.decode())
            self.assertEqual(links, [(f"/halaman/{slug}/", title) for slug, title in STANDING], url)

    def test_a_standing_page_runs_one_query_and_a_second_read_none(self):
        with self.settings(PAGE_CACHE_SECONDS=0):
            assert_steady_queries(self, 1, "/halaman/redaksi/")  # the page
        self.client.get("/halaman/redaksi/")
        with self.assertNumQueries(0):
            self.client.get("/halaman/redaksi/")

    def test_an_admins_edit_shows_at_once_on_cached_pages(self):
        home, page_url = reverse("news:home"), "/halaman/redaksi/"
        self.client.get(home), self.client.get(page_url), self.client.get(self.story.get_absolute_url())
        redaksi = Page.objects.get(slug="redaksi")
        self.client.force_login(User.objects.create_superuser("admin-halaman", "a@example.com", "x"))
        response = self.client.post(reverse("admin:news_page_change", args=[redaksi.pk]), {
            "title": "Susunan Redaksi", "slug": "redaksi", "body": "<p>Pemimpin Redaksi: Siti Aminah</p>",
            "in_footer": "on", "position": 2,
        })
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        hidden = Page.objects.get(slug="disclaimer")
        self.client.post(reverse("admin:news_page_change", args=[hidden.pk]), {
            "title": hidden.title, "slug": hidden.slug, "body": hidden.body, "position": hidden.position,
        })
        self.client.logout()
        self.assertContains(self.client.get(page_url), "Pemimpin Redaksi: Siti Aminah")
        for url in (home, self.story.get_absolute_url()):
            links = dict((title, href) for href, title in footer_links(self.client.get(url).content.decode()))
            self.assertEqual(links.get("Susunan Redaksi"), "/halaman/redaksi/", url)
            self.assertNotIn("Disclaimer", links, url)
        # A page out of the footer is still there for those who have its address.
        self.assertEqual(self.client.get("/halaman/disclaimer/").status_code, 200)
