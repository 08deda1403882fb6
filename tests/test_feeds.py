"""RSS and Atom as a feed reader sees them: parsed by feedparser, which must report no error."""

import html
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news.models import Article

from .factories import assert_steady_queries, make_article, make_author, make_dateline, make_photo, make_section, make_tag

JAKARTA = ZoneInfo("Asia/Jakarta")


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.banten = make_section(name="Banten", slug="banten")
        cls.tangsel = make_section(name="Tangsel", slug="tangsel", parent=cls.banten)
        cls.politik = make_section(name="Politik", slug="politik")
        cls.tag = make_tag(name="Pilkada Banten")
        cls.julius, cls.rina = make_author(name="Julius Simanjuntak", initials="jls"), make_author(name="Rina Marlina", initials="rin")
        cls.linked = make_article(section=cls.politik, headline="Debat Kandidat Gubernur Banten",
                                  published_at=datetime(2017, 1, 4, 20, 0, tzinfo=JAKARTA))
        cls.article = make_article(
            section=cls.tangsel, dateline=make_dateline(name="CIPUTAT"), tags=[cls.tag], authors=[cls.julius, cls.rina],
            headline="Wali Kota & Warga Bahas Banjir <Ciputat>", lead="Ringkasan: warga dan wali kota bertemu.",
            body=f'<p>Paragraf pertama.</p><p>Baca juga: <a href="{cls.linked.get_absolute_url()}">Debat</a></p>'
                 '<p><img src="/media/foto/banjir.jpg" alt="Banjir"></p>',
            published_at=datetime(2017, 1, 5, 19, 30, tzinfo=JAKARTA),
        )
        cls.draft = make_article(section=cls.tangsel, headline="Draf jangan tampil", tags=[cls.tag], status=Article.Status.DRAFT)
        cls.scheduled = make_article(section=cls.tangsel, headline="Terjadwal jangan tampil",
                                     published_at=timezone.now() + timedelta(hours=1))

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return response, feed

    def entry(self, feed):
        return next(entry for entry in feed.entries if entry.title.startswith("Wali Kota"))

    def test_site_rss_items_carry_title_link_description_date_author_categories(self):
        response, feed = self.parse(reverse("news:feed"))
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertEqual(feed.version, "rss20")
        self.assertEqual(feed.feed.language, "id")
        entry = self.entry(feed)
        # Readers treat RSS titles as HTML: the headline arrives as escaped text, shown exactly as typed.
        self.assertEqual(entry.title_detail.type, "text/html")
        self.assertEqual(html.unescape(entry.title), "Wali Kota & Warga Bahas Banjir <Ciputat>")
        self.assertEqual(entry.link, "http://testserver" + self.article.get_absolute_url())
        self.assertEqual(entry.summary, "Ringkasan: warga dan wali kota bertemu.")
        self.assertEqual(entry.published_parsed[:5], (2017, 1, 5, 12, 30))  # 19:30 WIB
        self.assertIn("+0700", entry.published)
        self.assertEqual(entry.author, "Julius Simanjuntak, Rina Marlina")
        self.assertEqual([tag.term for tag in entry.tags], ["Tangsel", "Pilkada Banten"])

    def test_full_body_with_absolute_links_and_baca_juga_as_a_plain_link(self):
        _, feed = self.parse(reverse("news:feed"))
        content = self.entry(feed).content[0].value
        self.assertIn(f'Baca juga: <a href="http://testserver{self.linked.get_absolute_url()}"', content)
        self.assertIn('src="http://testserver/media/foto/banjir.jpg"', content)
        self.assertNotIn("baca-juga", content)  # not the card the site shows

    def test_only_published_items(self):
        for url in (reverse("news:feed"), reverse("news:atom"), self.tangsel.get_feed_url(), self.tag.get_feed_url()):
            titles = [entry.title for entry in self.parse(url)[1].entries]
            self.assertNotIn("Draf jangan tampil", titles)
            self.assertNotIn("Terjadwal jangan tampil", titles)

    def test_advertorial_is_labelled_and_retracted_is_gone(self):
        make_article(section=self.politik, headline="Promo Perumahan Serpong", is_advertorial=True)
        make_article(section=self.politik, headline="Berita yang dicabut", status=Article.Status.RETRACTED)
        _, feed = self.parse(reverse("news:feed"))
        promo = next(entry for entry in feed.entries if "Promo" in entry.title)
        self.assertEqual(promo.title, "Advertorial: Promo Perumahan Serpong")
        self.assertIn("Advertorial", [tag.term for tag in promo.tags])
        self.assertNotIn("Berita yang dicabut", [entry.title for entry in feed.entries])

    def test_the_photo_travels_as_media_rss(self):
        photo = make_photo(alt_text="Banjir di Ciputat", credit="Dok. BPBD")
        Article.objects.filter(pk=self.article.pk).update(photo=photo)
        for url in (reverse("news:feed"), reverse("news:atom")):
            media = self.entry(self.parse(url)[1]).media_content[0]
            rendition = photo.rendition("16:9", 1024)
            self.assertEqual(media["url"], "http://testserver" + photo.file.storage.url(rendition.name))
            self.assertEqual((media["type"], media["width"], media["height"]),
                             ("image/jpeg", str(rendition.width), str(rendition.height)))
        with self.assertNumQueries(3):  # the photo comes with the items
            self.client.get(reverse("news:feed"))

    def test_atom(self):
        response, feed = self.parse(reverse("news:atom"))
        self.assertEqual(feed.version, "atom10")
        entry = self.entry(feed)
        self.assertEqual(entry.link, "http://testserver" + self.article.get_absolute_url())
        self.assertEqual(entry.summary, "Ringkasan: warga dan wali kota bertemu.")
        self.assertIn("Paragraf pertama.", entry.content[0].value)

    def test_section_feed_includes_sub_sections_and_tag_feed(self):
        _, banten = self.parse(self.banten.get_feed_url())
        self.assertEqual(banten.feed.title, "Banten - detakbanten.com")
        self.assertEqual([html.unescape(entry.title) for entry in banten.entries], [self.article.headline])
        _, politik = self.parse(reverse("news:section_atom", kwargs={"slug": "politik"}))
        self.assertEqual([entry.title for entry in politik.entries], [self.linked.headline])
        _, tagged = self.parse(self.tag.get_feed_url())
        self.assertEqual([html.unescape(entry.title) for entry in tagged.entries], [self.article.headline])
        self.parse(reverse("news:tag_atom", kwargs={"slug": self.tag.slug}))

    def test_section_and_tag_pages_link_their_feeds(self):
        self.assertContains(self.client.get(self.tag.get_absolute_url()), f'href="{self.tag.get_feed_url()}"')
        self.assertContains(self.client.get(self.banten.get_absolute_url()), f'href="{self.banten.get_feed_url()}"')

    def test_unknown_section_or_tag_feed_404(self):
        self.assertEqual(self.client.get(reverse("news:section_feed", kwargs={"slug": "tidak-ada"})).status_code, 404)
        self.assertEqual(self.client.get(reverse("news:tag_atom", kwargs={"slug": "tidak-ada"})).status_code, 404)

    def test_query_counts_whatever_the_tags_and_authors(self):
        for n in range(5):
            make_article(section=self.tangsel, tags=[self.tag, make_tag()], authors=[self.julius, make_author()])
        assert_steady_queries(self, 3, reverse("news:feed"))  # items, authors, tags
        assert_steady_queries(self, 4, self.banten.get_feed_url())  # section, items, authors, tags
        assert_steady_queries(self, 4, self.tag.get_feed_url())  # tag, items, authors, tags
