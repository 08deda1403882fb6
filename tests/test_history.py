"""One history per article ("Riwayat"): who, by full name; what changed; which revision is live; a clean diff."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article

from .factories import article_form_data, make_section, make_user



class HistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.editor = make_user("abc", "Redaktur", first_name="Abdul", last_name="Basit Chaniago")
        cls.nameless = make_user("tanpanama", "Redaktur")
        cls.reporter = make_user("jls", "Wartawan", first_name="Julius", last_name="Lesmana Saputra")

    def setUp(self):
        self.client.force_login(self.editor)

    def add_article(self):
        response = self.client.post(reverse("admin:news_article_add"), article_form_data(
            headline="Jembatan Putus di Cisadane", slug="jembatan-putus", section=self.section.pk,
            body="<p>Paragraf pertama.</p><p>&nbsp;</p><p>Paragraf kedua.</p>", status="draft",
        ))
        self.assertEqual(response.status_code, 302)
        return Article.objects.get(slug="jembatan-putus")

    def change(self, article, **fields):
        article = Article.objects.get(pk=article.pk)
        response = self.client.post(reverse("admin:news_article_change", args=[article.pk]),
                                    article_form_data(article, **fields))
        self.assertEqual(response.status_code, 302)
        return Article.objects.get(pk=article.pk)

    def history(self, article):
        return self.client.get(reverse("admin:news_article_revisions", args=[article.pk]))

    def test_every_kind_of_change_is_in_one_history(self):
        article = self.add_article()
        article = self.change(article, body="<p>Paragraf pertama diubah.</p><p>Paragraf kedua.</p>")
        when = timezone.now() + timedelta(days=1)
        workflow.schedule(article, self.editor, at=when)
        article = workflow.publish(Article.objects.get(pk=article.pk), self.editor)
        workflow.add_correction(article, self.nameless, kind="ralat", text="Nama sungai diperbaiki.")
        first = workflow.versions_of(article).last()
        workflow.restore(Article.objects.get(pk=article.pk), first, self.editor)

        response = self.history(article)
        self.assertContains(response, "Riwayat")
        entries = response.context["entries"]
        kinds = [kind for entry in entries for kind in entry["kinds"]]
        for kind in ("Dibuat", "Teks", "Status", "Jadwal", "Ralat", "Pemulihan"):
            self.assertIn(kind, kinds)
        self.assertContains(response, "Abdul Basit Chaniago")
        self.assertContains(response, "tanpanama")  # no full name: the username
        self.assertContains(response, "Ralat: Nama sungai diperbaiki.")
        self.assertContains(response, "Status: Draf → Terbit")
        self.assertContains(response, f"Dijadwalkan terbit {workflow.long_datetime(when)}")
        # The summary was taken from the first paragraph, so it changed with it.
        self.assertContains(response, "Diubah: ringkasan, isi")
        # Each status change and correction is told once, with the save it belongs to.
        self.assertEqual(sum(1 for entry in entries for change in entry["changes"] if change.startswith("Ralat:")), 1)
        # Created as a draft, then scheduled (Draf → Terbit); publishing it now after that is a change of time.
        self.assertEqual(len([e for e in entries if "Status" in e["kinds"]]), 2)
        # The newest revision is what readers read.
        self.assertContains(response, "Tayang sekarang", count=1)
        live = [entry for entry in entries if entry["live"]]
        self.assertEqual(live[0]["version"].field_dict["version"], Article.objects.get(pk=article.pk).version)

    def test_a_draft_has_a_current_version_but_none_live(self):
        article = self.add_article()
        response = self.history(article)
        self.assertNotContains(response, "Tayang sekarang")
        self.assertContains(response, "Versi sekarang")

    def test_one_history_button_and_djangos_history_leads_to_it(self):
        article = self.add_article()
        form = self.client.get(reverse("admin:news_article_change", args=[article.pk]))
        self.assertContains(form, ">Riwayat</a>", count=1)
        self.assertNotContains(form, "Riwayat revisi")
        self.assertNotContains(form, reverse("admin:news_article_history", args=[article.pk]))
        django_history = self.client.get(reverse("admin:news_article_history", args=[article.pk]))
        self.assertRedirects(django_history, reverse("admin:news_article_revisions", args=[article.pk]))

    def test_diff_has_no_blank_gaps_between_paragraphs(self):
        article = self.add_article()
        self.change(article, body="<p>Paragraf pertama.</p><p>&nbsp;</p><p></p><p>Paragraf ketiga.</p>")
        first = workflow.versions_of(article).last()
        response = self.client.get(reverse("admin:news_article_revision", args=[article.pk, first.pk]))
        body = dict(response.context["diffs"])["Isi"]
        self.assertNotIn("<br><br>", body)
        self.assertNotIn("<br> <br>", body)
        self.assertEqual(body, "Paragraf pertama.<br>Paragraf <del>kedua.</del> <ins>ketiga.</ins>")
        self.assertContains(response, "oleh Abdul Basit Chaniago")

    def test_reporter_sees_only_the_history_of_their_own_stories(self):
        article = self.add_article()
        self.client.force_login(self.reporter)
        self.assertEqual(self.history(article).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("admin:news_article_history", args=[article.pk])).status_code, 302
        )


class DiffTests(TestCase):
    def test_paragraphs_are_one_break_apart_and_text_is_escaped(self):
        html = workflow.diff_html("<p>a &lt;b&gt;</p>\n\n<p>&nbsp;</p><ul><li>x</li></ul>", "<p>a &lt;b&gt;</p><p>c</p>")
        self.assertEqual(html, "a &lt;b&gt;<br><del>x</del> <ins>c</ins>")
