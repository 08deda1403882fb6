"""A story's address is its headline: nobody who may not open a story learns it from the admin."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article, Correction

from .factories import make_article, make_section
from .test_workflow import make_user


class DraftPrivacyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Serang", slug="serang")
        cls.reporter = make_user("jls", "Wartawan")
        cls.other = make_user("rin", "Wartawan")
        cls.editor = make_user("abc", "Redaktur")
        other_author = workflow.author_for(cls.other)
        cls.draft = make_article(section=cls.section, headline="Rahasia dapur dinas", status=Article.Status.DRAFT,
                                 authors=[other_author])
        cls.review = make_article(section=cls.section, headline="Menunggu redaktur", status=Article.Status.REVIEW,
                                  authors=[other_author])
        cls.embargoed = make_article(section=cls.section, headline="Embargo pengumuman bupati",
                                     published_at=timezone.now() + timedelta(hours=6), authors=[other_author])
        cls.own = make_article(section=cls.section, headline="Draf sendiri", status=Article.Status.DRAFT,
                               authors=[workflow.author_for(cls.reporter)])
        cls.live = make_article(section=cls.section, headline="Sudah tayang")
        cls.correction = Correction.objects.create(article=cls.embargoed, text="Ralat di berita embargo.")
        cls.hidden = [cls.draft, cls.review, cls.embargoed]

    def shortcut(self, obj):
        content_type = ContentType.objects.get_for_model(obj)
        return self.client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))

    def assert_leaks_nothing(self, response, article):
        self.assertNotIn(article.slug, response.headers.get("Location", ""))
        self.assertNotContains(response, article.slug, status_code=response.status_code)
        self.assertNotContains(response, article.headline, status_code=response.status_code)

    def test_view_on_site_never_gives_a_reporter_someone_elses_unpublished_story(self):
        self.client.force_login(self.reporter)
        for article in self.hidden:
            response = self.shortcut(article)
            self.assertEqual(response.status_code, 404, article.headline)
            self.assert_leaks_nothing(response, article)
        response = self.shortcut(self.correction)
        self.assertEqual(response.status_code, 404)
        self.assert_leaks_nothing(response, self.embargoed)

    def test_view_on_site_shows_staff_a_preview_never_the_public_address_of_a_draft(self):
        self.client.force_login(self.reporter)
        self.assertRedirects(self.shortcut(self.own), reverse("admin:news_article_preview", args=[self.own.pk]))
        self.client.force_login(self.editor)
        for article in self.hidden:
            response = self.shortcut(article)
            self.assertEqual(response["Location"], reverse("admin:news_article_preview", args=[article.pk]))
        self.assertEqual(self.shortcut(self.correction)["Location"],
                         reverse("admin:news_article_preview", args=[self.embargoed.pk]))
        self.assertEqual(self.shortcut(self.live)["Location"], self.live.get_absolute_url())

    def test_view_on_site_with_nonsense_ids_is_404(self):
        self.client.force_login(self.editor)
        for args in (["x", "1"], ["999999", "1"], ["99999999999999999999", "1"]):
            self.assertEqual(self.client.get(f"/redaksi/r/{args[0]}/{args[1]}/").status_code, 404)
        content_type = ContentType.objects.get_for_model(Article)
        for object_id in ("abc", "99999999999999999999", "-1"):
            self.assertEqual(self.client.get(f"/redaksi/r/{content_type.pk}/{object_id}/").status_code, 404)

    def test_autocomplete_changelist_search_history_and_related_choices(self):
        self.client.force_login(self.reporter)
        autocomplete = self.client.get(reverse("admin:autocomplete"), {
            "app_label": "news", "model_name": "correction", "field_name": "article", "term": "",
        })
        self.assertEqual(autocomplete.status_code, 200)
        for article in self.hidden:
            self.assertNotContains(autocomplete, article.headline)
        self.assertContains(autocomplete, self.own.headline)
        for article in self.hidden:
            found = self.client.get(reverse("admin:news_article_changelist"), {"q": article.headline.split()[0]})
            self.assertNotContains(found, article.headline)
            history = self.client.get(reverse("admin:news_article_history", args=[article.pk]), follow=True)
            self.assert_leaks_nothing(history, article)
        corrections = self.client.get(reverse("admin:news_correction_changelist"))
        self.assertNotContains(corrections, self.embargoed.headline)
        correction_page = self.client.get(reverse("admin:news_correction_change", args=[self.correction.pk]), follow=True)
        self.assert_leaks_nothing(correction_page, self.embargoed)
        # "Baca juga" offers only what readers can open, to editors as well.
        self.client.force_login(self.editor)
        choices = self.client.get(reverse("admin:news_article_related_choices"), {"q": ""}).json()["results"]
        self.assertEqual([choice["headline"] for choice in choices], [self.live.headline])
