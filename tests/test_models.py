from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from news import formats
from news.models import Article, Dateline, derive_lead

from .factories import make_article, make_author, make_dateline, make_section, make_source

JAKARTA = ZoneInfo("Asia/Jakarta")


class PublishedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.live = make_article(section=cls.section)
        cls.draft = make_article(section=cls.section, status=Article.Status.DRAFT)
        cls.scheduled = make_article(section=cls.section, published_at=timezone.now() + timedelta(hours=2))

    def test_only_published_and_due(self):
        self.assertQuerySetEqual(Article.objects.published(), [self.live])

    def test_scheduled_article_appears_when_its_time_comes(self):
        # published() reads the clock on each call: no cron job, no cached queryset.
        Article.objects.filter(pk=self.scheduled.pk).update(published_at=timezone.now() - timedelta(seconds=1))
        self.assertIn(self.scheduled, Article.objects.published())

    def test_publishing_without_time_stamps_now(self):
        article = make_article(section=self.section, published_at=None)
        self.assertIsNotNone(article.published_at)
        self.assertLessEqual(article.published_at, timezone.now())

    def test_database_refuses_published_without_time(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=self.draft.pk).update(status=Article.Status.PUBLISHED, published_at=None)


class ArticleFactsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.dateline = make_dateline(name="CIPUTAT")
        cls.source = make_source(name="detakbanten.com")

    def test_lead_derived_from_first_paragraph(self):
        article = make_article(section=self.section, body="<p>Kalimat <b>pertama</b>&nbsp;berita.</p><p>Kedua.</p>")
        self.assertEqual(article.lead, "Kalimat pertama berita.")

    def test_derived_lead_follows_the_first_paragraph(self):
        article = make_article(section=self.section, body="<p>Warga meminta jalan diperbaiki.</p>")
        article = Article.objects.get(pk=article.pk)
        article.body = "<p>Ratusan warga mendesak jalan diperbaiki.</p>"
        article.save()
        self.assertEqual(article.lead, "Ratusan warga mendesak jalan diperbaiki.")

    def test_written_lead_survives_body_edits(self):
        article = make_article(section=self.section, body="<p>Isi lama.</p>", lead="Ringkasan redaksi.")
        article = Article.objects.get(pk=article.pk)
        article.body = "<p>Isi baru.</p>"
        article.save()
        self.assertEqual(article.lead, "Ringkasan redaksi.")

    def test_lead_kept_when_written(self):
        article = make_article(section=self.section, lead="Ringkasan redaksi.")
        self.assertEqual(article.lead, "Ringkasan redaksi.")

    def test_leadin_source_and_dateline(self):
        article = make_article(section=self.section, source=self.source, dateline=self.dateline,
                               body="<p>Awal tahun 2017.</p>")
        self.assertEqual(
            article.body_with_leadin(), '<p><strong class="leadin">detakbanten.com CIPUTAT</strong> - Awal tahun 2017.</p>'
        )

    def test_leadin_dateline_only_and_none(self):
        only_dateline = make_article(section=self.section, dateline=self.dateline, body="<p>Isi.</p>")
        self.assertEqual(only_dateline.body_with_leadin(), '<p><strong class="leadin">CIPUTAT</strong> - Isi.</p>')
        plain = make_article(section=self.section, body="<p>Isi.</p>")
        self.assertEqual(plain.body_with_leadin(), "<p>Isi.</p>")

    def test_slug_from_headline(self):
        article = make_article(section=self.section, headline="Wali Kota Tangsel : Birokrat Jangan Sibuk")
        self.assertEqual(article.slug, "wali-kota-tangsel-birokrat-jangan-sibuk")

    def test_url_carries_local_date_id_and_slug(self):
        # 23:30 UTC on 10 January is already 11 January in Jakarta.
        article = make_article(
            section=self.section, headline="Pelantikan", published_at=datetime(2017, 1, 10, 23, 30, tzinfo=ZoneInfo("UTC"))
        )
        self.assertEqual(article.get_absolute_url(), f"/read/2017/01/11/{article.pk}/pelantikan/")

    def test_signoff_lists_initials(self):
        article = make_article(section=self.section, authors=[make_author(initials="JLS")])
        self.assertEqual(article.signoff(), "(jls)")


class UniquenessTests(TestCase):
    def test_dateline_unique_regardless_of_case(self):
        Dateline.objects.create(name="CIPUTAT")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Dateline.objects.create(name="Ciputat", slug="ciputat-lain")

    def test_author_initials_unique(self):
        make_author(initials="jls")
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_author(initials="JLS")

    def test_section_cannot_be_its_own_ancestor(self):
        banten = make_section(name="Banten")
        tangsel = make_section(name="Tangsel", parent=banten)
        banten.parent = tangsel
        with self.assertRaisesMessage(Exception, "induk"):
            banten.full_clean()


class IndonesianDateTests(TestCase):
    def test_long_datetime(self):
        value = datetime(2017, 1, 5, 12, 30, tzinfo=ZoneInfo("UTC"))
        self.assertEqual(formats.long_datetime(value), "Kamis, 5 Januari 2017 19:30 WIB")

    def test_every_weekday(self):
        names = [formats.long_date(datetime(2024, 7, day, 12, tzinfo=JAKARTA)).split(",")[0] for day in range(1, 8)]
        self.assertEqual(names, ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"])

    def test_other_indonesian_zones(self):
        with timezone.override(ZoneInfo("Asia/Makassar")):
            self.assertTrue(formats.long_datetime(datetime(2024, 8, 17, 2, tzinfo=ZoneInfo("UTC"))).endswith("10:00 WITA"))
        with timezone.override(ZoneInfo("Asia/Jayapura")):
            self.assertTrue(formats.long_datetime(datetime(2024, 8, 17, 2, tzinfo=ZoneInfo("UTC"))).endswith("11:00 WIT"))


class ShortenTests(TestCase):
    def test_cuts_at_a_word_boundary_with_an_ellipsis(self):
        text = "Warga Kasemen mengungsi ke masjid setelah banjir setinggi pinggang"
        self.assertEqual(formats.shorten(text, 200), text)
        self.assertEqual(formats.shorten(text, 30), "Warga Kasemen mengungsi ke…")
        self.assertEqual(formats.shorten("Satu, dua, tiga empat", 12), "Satu, dua…")
        self.assertTrue(len(formats.shorten(text, 30)) <= 30)
        # One long word has no boundary: it is cut, still within the length.
        self.assertEqual(formats.shorten("a" * 50, 10), "a" * 9 + "…")

    def test_a_derived_summary_never_ends_mid_word(self):
        body = "<p>" + " ".join(["pelayanan"] * 60) + "</p>"
        lead = derive_lead(body)
        self.assertTrue(lead.endswith("pelayanan…"))
        self.assertLessEqual(len(lead), 300)
