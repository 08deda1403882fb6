import html
import json
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from news.models import Article, Section

from .factories import article_form_data, make_article, make_author, make_dateline, make_section, make_source, make_tag


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "rahasia-sekali-123")
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.article = make_article(section=cls.section, headline="Berita untuk diubah")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_add_page_renders_ckeditor_in_indonesian(self):
        response = self.client.get(reverse("admin:news_article_add"))
        self.assertContains(response, "ckeditor/ckeditor/ckeditor.js")
        self.assertContains(response, 'data-type="ckeditortype"')
        self.assertContains(response, "Tambahkan berita")
        config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', response.content.decode()).group(1)))
        self.assertEqual(config["toolbar"], "Newsroom")
        buttons = {button for group in config["toolbar_Newsroom"] for button in group}
        self.assertIn("Bold", buttons)
        self.assertFalse(buttons & {"Source", "Form", "NewPage", "Save", "Templates"})
        self.assertIn("sourcearea", config["removePlugins"])

    def test_change_page_renders_with_view_on_site(self):
        response = self.client.get(reverse("admin:news_article_change", args=[self.article.pk]))
        self.assertContains(response, "ckeditortype")
        self.assertContains(response, "Berita untuk diubah")
        self.assertContains(response, "Lihat di situs")

    def test_changelist_filters_and_search(self):
        # Related-field filters appear once there is something to choose between.
        for name in ("KOTA SERANG", "CIPUTAT"):
            make_article(section=make_section(), dateline=make_dateline(name=name), source=make_source(name=name.lower()))
        response = self.client.get(reverse("admin:news_article_changelist"), {"q": "diubah"})
        self.assertContains(response, "Berita untuk diubah")
        for label in ("status", "kanal", "dateline", "sumber", "waktu terbit"):
            self.assertContains(response, f"Berdasarkan {label}")

    def test_editor_publishes_article_through_the_form_and_body_is_sanitised(self):
        tag, author = make_tag(name="Pilkada"), make_author(initials="jls")
        response = self.client.post(
            reverse("admin:news_article_add"),
            article_form_data(
                headline="Wali Kota Lantik Pejabat",
                slug="wali-kota-lantik-pejabat",
                section=self.section.pk,
                body='<p>Isi berita.<img src=x onerror="alert(1)"></p><script>alert(1)</script>',
                source=make_source().pk,
                dateline=make_dateline(name="CIPUTAT").pk,
                authors=[author.pk],
                tags=[tag.pk],
                status="published",
            ),
        )
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        article = Article.objects.get(slug="wali-kota-lantik-pejabat")
        self.assertEqual(article.body, '<p>Isi berita.<img src="x" loading="lazy"></p>')
        self.assertEqual(article.lead, "Isi berita.")
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, "detakbanten.com CIPUTAT")

    def test_section_added_in_admin_shows_in_navigation(self):
        response = self.client.post(
            reverse("admin:news_section_add"),
            {"name": "Pandeglang", "slug": "pandeglang", "description": "", "position": 3, "show_in_nav": "on"},
        )
        self.assertEqual(response.status_code, 302)
        home = self.client.get(reverse("news:home"))
        section = Section.objects.get(slug="pandeglang")
        self.assertContains(home, f'<a href="{section.get_absolute_url()}">Pandeglang</a>', html=True)

    def test_every_model_has_an_admin_page(self):
        for model in ("section", "dateline", "source", "tag", "author", "article"):
            response = self.client.get(reverse(f"admin:news_{model}_changelist"))
            self.assertEqual(response.status_code, 200, model)

    def test_autocomplete_answers_for_article_form(self):
        make_dateline(name="KOTA SERANG")
        response = self.client.get(
            reverse("admin:autocomplete"),
            {"term": "serang", "app_label": "news", "model_name": "article", "field_name": "dateline"},
        )
        self.assertEqual([row["text"] for row in response.json()["results"]], ["KOTA SERANG"])

    def test_invalid_form_gives_indonesian_error_and_saves_nothing(self):
        count = Article.objects.count()
        response = self.client.post(reverse("admin:news_article_add"), {"headline": "", "status": "published"})
        self.assertContains(response, "Bidang ini tidak boleh kosong")
        self.assertEqual(Article.objects.count(), count)
