"""The "Baca juga" links inside the body: placed by an editor, a card on the site, a plain link everywhere else."""

import html
import json
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from news import related
from news.models import Article

from .factories import assert_steady_queries, make_article, make_author, make_section, make_tag


class InlineRelatedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.target = make_article(section=cls.section, headline="Jalan Rusak di Pamulang Segera Diperbaiki")
        cls.second = make_article(section=cls.section, headline="DPRD Tinjau Jalan Rusak")
        cls.draft = make_article(section=cls.section, headline="Draf rahasia", status=Article.Status.DRAFT)

    def article_with(self, *paragraphs):
        return make_article(section=self.section, headline="Warga Keluhkan Jalan", authors=[make_author()],
                            tags=[make_tag()], body="<p>Paragraf pembuka.</p>" + "".join(paragraphs))

    def link(self, article, label="Baca juga:", host=""):
        return f'<p>{label} <a href="{host}{article.get_absolute_url()}">{article.headline}</a></p>'

    def test_an_editors_baca_juga_link_becomes_a_card(self):
        page = self.client.get(self.article_with(self.link(self.target), "<p>Paragraf penutup.</p>").get_absolute_url())
        body = page.content.decode()
        body = body[body.index('class="story-body"'):body.index('class="signoff"')]
        card = re.search(r'<aside class="baca-juga" aria-label="Baca juga">.*?</aside>', body, re.DOTALL).group(0)
        self.assertIn(f'<a href="{self.target.get_absolute_url()}">{self.target.headline}</a>', card)
        self.assertIn("Tangsel", card)
        self.assertLess(body.index("Paragraf pembuka."), body.index("baca-juga"))
        self.assertLess(body.index("baca-juga"), body.index("Paragraf penutup."))
        self.assertNotIn("Baca juga: <a", body)

    def test_label_variants_and_absolute_links_to_our_own_site(self):
        body = self.article_with(
            self.link(self.target, "<strong>BACA JUGA :</strong>"),
            self.link(self.second, "Baca Juga", host="https://detakbanten.com"),
        ).body
        self.assertEqual(related.linked_article_ids(body), [self.target.pk, self.second.pk])

    def test_other_paragraphs_are_left_alone(self):
        body = self.article_with(
            f'<p>Lihat <a href="{self.target.get_absolute_url()}">berita ini</a> untuk latar.</p>',  # no label
            f'<p>Baca juga: <a href="https://kompas.com{self.target.get_absolute_url()}">di situs lain</a></p>',
            '<p>Baca juga: <a href="/kanal/tangsel/">kanal Tangsel</a></p>',  # not an article
            f'<p>Baca juga: <a href="{self.target.get_absolute_url()}">satu</a> dan <a href="/">dua</a></p>',
        ).body
        self.assertEqual(related.linked_article_ids(body), [])
        page = self.client.get(self.article_with(*re.findall(r"<p>.*?</p>", body)[1:]).get_absolute_url())
        self.assertNotContains(page, 'class="baca-juga"')
        self.assertContains(page, "di situs lain")

    def test_a_link_to_an_article_readers_cannot_open_is_dropped(self):
        page = self.client.get(self.article_with(self.link(self.draft)).get_absolute_url())
        self.assertNotContains(page, "Draf rahasia")
        self.assertNotContains(page, self.draft.get_absolute_url())

    def test_one_query_for_all_cards(self):
        article = self.article_with(*(self.link(target) for target in (self.target, self.second, self.target)))
        # The article and one for the cards: its "Baca juga" cards come with the related stories.
        assert_steady_queries(self, 2, article.get_absolute_url())


class RelatedChoicesAdminTests(TestCase):
    """The endpoint behind the editor's "Baca juga" button."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")
        section = make_section(name="Tangsel", slug="tangsel")
        cls.published = make_article(section=section, headline="Jalan Rusak di Pamulang")
        cls.other = make_article(section=section, headline="Banjir di Ciputat")
        cls.draft = make_article(section=section, headline="Jalan draf", status=Article.Status.DRAFT)

    def test_published_articles_matching_the_words(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("admin:news_article_related_choices"), {"q": "jalan"})
        results = response.json()["results"]
        self.assertEqual([result["headline"] for result in results], ["Jalan Rusak di Pamulang"])
        self.assertEqual(results[0]["url"], self.published.get_absolute_url())
        self.assertRegex(results[0]["date"], r"WIB$")

    def test_needs_a_staff_login(self):
        response = self.client.get(reverse("admin:news_article_related_choices"), {"q": "jalan"})
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])
        nobody = get_user_model().objects.create_user("pembaca", "p@example.com", "rahasia-sekali-123", is_staff=True)
        self.client.force_login(nobody)
        self.assertEqual(self.client.get(reverse("admin:news_article_related_choices")).status_code, 403)

    def test_editor_gets_the_button(self):
        self.client.force_login(self.editor)
        page = self.client.get(reverse("admin:news_article_add")).content.decode()
        config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', page).group(1)))
        self.assertIn("bacajuga", config["extraPlugins"])
        self.assertIn("BacaJuga", [button for group in config["toolbar_Newsroom"] for button in group])
        self.assertEqual(config["bacajugaUrl"], reverse("admin:news_article_related_choices"))
        plugins = json.loads(html.unescape(re.search(r'data-external-plugin-resources="([^"]*)"', page).group(1)))
        # Beside the editor's other plugins (the photo library's, the page break: tests/test_body_photos.py).
        self.assertIn(["bacajuga", "/static/news/ckeditor/bacajuga/", "plugin.js"], plugins)

    def test_the_inserted_paragraph_survives_the_sanitiser(self):
        # What the button inserts, as CKEditor sends it back on save.
        inserted = f'<p>Baca juga: <a href="{self.published.get_absolute_url()}">{self.published.headline}</a></p>'
        article = make_article(section=self.published.section, body="<p>Isi.</p>" + inserted)
        self.assertEqual(related.linked_article_ids(article.body), [self.published.pk])
