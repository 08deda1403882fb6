"""What share previews and search engines read from an article page's head."""

import html
import json
import re
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import TestCase

from news import workflow
from news.models import Article, Correction

from .factories import TemporaryMediaMixin, make_article, make_author, make_dateline, make_photo, make_section, make_tag

JAKARTA = ZoneInfo("Asia/Jakarta")


class ArticleMetadataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.banten = make_section(name="Banten", slug="banten")
        cls.tangsel = make_section(name="Tangsel", slug="tangsel", parent=cls.banten)
        cls.julius = make_author(name="Julius Simanjuntak", initials="jls")
        cls.article = make_article(
            section=cls.tangsel, dateline=make_dateline(name="CIPUTAT"), authors=[cls.julius],
            tags=[make_tag(name="Pemkot Tangsel"), make_tag(name="Birokrasi")],
            headline='Wali Kota: "Birokrat </script> Jangan Sibuk Urus Diri Sendiri"',
            lead="Awal tahun 2017 menjadi babak baru birokrasi Tangsel.",
            body='<p>Awal tahun 2017.</p><p><img src="/media/foto/lantik.jpg" alt="Pelantikan"></p>',
            published_at=datetime(2017, 1, 5, 19, 30, tzinfo=JAKARTA),
        )
        Article.objects.filter(pk=cls.article.pk).update(modified_at=datetime(2017, 1, 6, 8, 15, tzinfo=JAKARTA))

    def setUp(self):
        self.html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.url = "http://testserver" + self.article.get_absolute_url()

    def meta(self, key):
        return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', self.html)

    def json_ld(self):
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', self.html, re.DOTALL)
        self.assertEqual(len(scripts), 1)
        return json.loads(scripts[0])

    def test_canonical_open_graph_and_twitter(self):
        self.assertIn(f'<link rel="canonical" href="{self.url}">', self.html)
        self.assertEqual(self.meta("og:type"), ["article"])
        self.assertEqual(self.meta("og:url"), [self.url])
        # Escaped in the attribute (neither quote nor angle bracket raw), read back exactly as typed.
        [title] = self.meta("og:title")
        self.assertFalse(set('"<>') & set(title))
        self.assertEqual(html.unescape(title), self.article.headline)
        self.assertEqual(self.meta("og:description"), ["Awal tahun 2017 menjadi babak baru birokrasi Tangsel."])
        self.assertEqual(self.meta("og:image"), ["http://testserver/media/foto/lantik.jpg"])
        self.assertEqual(self.meta("twitter:card"), ["summary_large_image"])
        self.assertEqual(self.meta("twitter:image"), ["http://testserver/media/foto/lantik.jpg"])
        self.assertEqual(self.meta("article:published_time"), ["2017-01-05T19:30:00+07:00"])
        self.assertEqual(self.meta("article:modified_time"), ["2017-01-06T08:15:00+07:00"])
        self.assertEqual(self.meta("article:tag"), ["Birokrasi", "Pemkot Tangsel"])

    def test_share_image_falls_back_to_the_site_card(self):
        plain = make_article(section=self.tangsel, body="<p>Tanpa foto.</p>")
        html = self.client.get(plain.get_absolute_url()).content.decode()
        self.assertIn('<meta property="og:image" content="http://testserver/static/img/share.png">', html)

    def test_news_article_json_ld(self):
        article, breadcrumb = self.json_ld()
        self.assertEqual(article["@type"], "NewsArticle")
        self.assertEqual(article["headline"], self.article.headline)
        self.assertEqual(article["datePublished"], "2017-01-05T19:30:00+07:00")
        self.assertEqual(article["dateModified"], "2017-01-06T08:15:00+07:00")
        self.assertEqual(article["author"], [{"@type": "Person", "name": "Julius Simanjuntak",
                                              "url": "http://testserver" + self.julius.get_absolute_url()}])
        self.assertEqual(article["publisher"]["name"], "detakbanten.com")
        self.assertEqual(article["publisher"]["logo"]["url"], "http://testserver/static/img/logo.png")
        self.assertEqual(article["image"], ["http://testserver/media/foto/lantik.jpg"])
        self.assertEqual(article["dateline"], "CIPUTAT")
        self.assertEqual(article["articleSection"], "Tangsel")
        self.assertEqual(article["keywords"], ["Birokrasi", "Pemkot Tangsel"])
        self.assertEqual(article["mainEntityOfPage"], self.url)
        self.assertEqual(breadcrumb["@type"], "BreadcrumbList")
        self.assertEqual(
            [(item["position"], item["name"]) for item in breadcrumb["itemListElement"]],
            [(1, "Beranda"), (2, "Banten"), (3, "Tangsel"), (4, self.article.headline)],
        )

    def test_corrections_appear_in_json_ld(self):
        self.assertNotIn("correction", self.json_ld()[0])
        with mock.patch("django.utils.timezone.now", return_value=datetime(2017, 1, 7, 9, 0, tzinfo=JAKARTA)):
            correction = workflow.add_correction(
                self.article, None, kind=Correction.Kind.RALAT, text="Nama camat tertulis keliru."
            )
        self.html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertEqual(self.json_ld()[0]["correction"], [{
            "@type": "CorrectionComment", "text": "Ralat: Nama camat tertulis keliru.",
            "datePublished": "2017-01-07T09:00:00+07:00", "url": f"{self.url}#koreksi-{correction.pk}",
        }])

    def test_json_ld_cannot_close_its_script_element(self):
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', self.html, re.DOTALL).group(1)
        self.assertNotIn("</script", script)
        self.assertIn("\\u003C/script\\u003E", script)

    def test_unmodified_article_reports_its_publication_time_as_modified(self):
        fresh = make_article(section=self.tangsel, published_at=datetime(2020, 5, 1, 10, 0, tzinfo=JAKARTA))
        html = self.client.get(fresh.get_absolute_url()).content.decode()
        self.assertIn('<meta property="article:modified_time" content="2020-05-01T10:00:00+07:00">', html)
        self.html = html
        self.assertEqual(self.json_ld()[0]["dateModified"], "2020-05-01T10:00:00+07:00")


class PreviewMetadataTests(TestCase):
    def test_a_preview_carries_no_canonical_share_data_or_share_bar(self):
        draft = make_article(section=make_section(), headline="Draf belum terbit", status=Article.Status.DRAFT,
                             published_at=None, tags=[make_tag()])
        html = self.client.get(f"/pratinjau/{workflow.share_token(draft)}/").content.decode()
        self.assertIn("Draf belum terbit", html)
        self.assertIn('<meta name="robots" content="noindex, nofollow">', html)
        for absent in ('rel="canonical"', "og:url", "application/ld+json", 'class="share"'):
            self.assertNotIn(absent, html)


class PhotoMetadataTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.photo = make_photo(alt_text="Wali Kota melantik pejabat di Puspemkot", credit="Dok. Humas")
        cls.article = make_article(section=make_section(), photo=cls.photo,
                                   body='<p>Isi.</p><p><img src="/media/lain.jpg" alt="Lain"></p>')

    def test_the_lead_photo_is_what_shares_and_search_engines_show(self):
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        wide = "http://testserver" + self.photo.rendition_url("16:9", 1200)
        self.assertIn(f'<meta property="og:image" content="{wide}">', html)
        self.assertIn(f'<meta name="twitter:image" content="{wide}">', html)
        self.assertIn('<meta property="og:image:alt" content="Wali Kota melantik pejabat di Puspemkot">', html)
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
        self.assertEqual(data[0]["image"], [
            "http://testserver" + self.photo.rendition_url(ratio, 1200) for ratio in ("16:9", "1:1", "original")
        ])
        self.assertTrue(all("/media/lain.jpg" not in image for image in data[0]["image"]))
