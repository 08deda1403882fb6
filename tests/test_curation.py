"""The front page as editors arrange it: headlines and Pilihan Redaksi in order, breaking that ends by itself.

Through the doors editors use: the desk board's "Halaman depan" panel and the article list's actions.
"""

from datetime import timedelta

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article

from .factories import make_article, make_section, make_user, messages_of




class CurationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.editor = make_user("abc", "Redaktur", first_name="Abdul", last_name="Basit Chaniago")
        cls.reporter = make_user("jls", "Wartawan")
        cls.site_admin = make_user("admin", "Admin Redaksi")
        now = timezone.now()
        cls.stories = [
            make_article(section=cls.section, headline=f"Berita {name}", published_at=now - timedelta(hours=n + 1))
            for n, name in enumerate(["satu", "dua", "tiga"])
        ]
        cls.draft = make_article(section=cls.section, headline="Draf rahasia", status=Article.Status.DRAFT,
                                 published_at=None)

    def curate(self, article, kind, do, **extra):
        data = {"article": article.pk, "list": kind, "do": do, **extra}
        return self.client.post(reverse("admin:curate"), data, follow=True)

    def headlines(self):
        return [article.headline for article in workflow.curated("headline")]


class FrontPagePanelTests(CurationTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_adds_headlines_in_order_and_the_desk_board_lists_them(self):
        for story in self.stories:
            response = self.curate(story, "headline", "add")
            self.assertIn(f"“{story.headline}” masuk berita utama.", messages_of(response))
        self.assertEqual(self.headlines(), ["Berita satu", "Berita dua", "Berita tiga"])
        self.assertEqual([a.headline_order for a in workflow.curated("headline")], [1, 2, 3])
        board = self.client.get(reverse("admin:index"))
        self.assertContains(board, "Halaman depan")
        panel = board.content.decode().split('id="front-page-title"')[1].split("Pilihan Redaksi")[0]
        self.assertLess(panel.index("Berita satu"), panel.index("Berita dua"))
        # The add chooser offers only stories not yet in the list, and never a draft.
        self.assertNotContains(board, "Draf rahasia")

    def test_up_and_down_reorder_and_renumber(self):
        for story in self.stories:
            workflow.curate(story, self.editor, is_headline=True)
        third = Article.objects.get(pk=self.stories[2].pk)
        response = self.curate(third, "headline", "up", base_version=third.version)
        self.assertIn("“Berita tiga” naik di berita utama.", messages_of(response))
        self.assertEqual(self.headlines(), ["Berita satu", "Berita tiga", "Berita dua"])
        first = Article.objects.get(pk=self.stories[0].pk)
        self.curate(first, "headline", "down", base_version=first.version)
        self.assertEqual(self.headlines(), ["Berita tiga", "Berita satu", "Berita dua"])
        self.assertEqual([a.headline_order for a in workflow.curated("headline")], [1, 2, 3])
        # The top one cannot go higher: nothing changes, nothing fails.
        top = workflow.curated("headline").first()
        version = top.version
        self.curate(top, "headline", "up", base_version=version)
        self.assertEqual(Article.objects.get(pk=top.pk).version, version)

    def test_remove_and_picks_are_a_list_of_their_own(self):
        workflow.curate(self.stories[0], self.editor, is_headline=True)
        self.curate(self.stories[1], "pick", "add")
        self.assertEqual([a.headline for a in workflow.curated("pick")], ["Berita dua"])
        story = Article.objects.get(pk=self.stories[0].pk)
        response = self.curate(story, "headline", "remove", base_version=story.version)
        self.assertIn("“Berita satu” dikeluarkan dari berita utama.", messages_of(response))
        self.assertEqual(self.headlines(), [])
        self.assertEqual([a.headline for a in workflow.curated("pick")], ["Berita dua"])

    def test_every_change_is_a_revision_by_the_editor(self):
        self.curate(self.stories[0], "pick", "add")
        latest = workflow.versions_of(self.stories[0]).first()
        self.assertEqual(latest.revision.user, self.editor)
        self.assertIn("Halaman depan", latest.revision.comment)
        self.assertTrue(latest.field_dict["is_editors_pick"])

    def test_a_stale_button_is_refused_and_changes_nothing(self):
        story = Article.objects.get(pk=self.stories[0].pk)
        seen = story.version
        workflow.curate(story, self.editor, is_headline=True)
        response = self.curate(story, "headline", "remove", base_version=seen)
        self.assertIn("baru saja diubah orang lain", " ".join(messages_of(response)))
        self.assertTrue(Article.objects.get(pk=story.pk).is_headline)

    def test_a_draft_cannot_go_on_the_front_page(self):
        response = self.curate(self.draft, "headline", "add")
        self.assertIn("Hanya berita yang sedang tayang", " ".join(messages_of(response)))
        self.assertFalse(Article.objects.get(pk=self.draft.pk).is_headline)

    def test_odd_posts_get_a_message_not_an_error(self):
        for data in ({}, {"article": "abc", "list": "headline", "do": "add"},
                     {"article": self.stories[0].pk, "list": "nothing", "do": "add"},
                     {"article": self.stories[0].pk, "list": "breaking", "do": "99"},
                     {"article": self.stories[0].pk, "list": "headline", "do": "sideways"}):
            response = self.client.post(reverse("admin:curate"), data, follow=True)
            self.assertEqual(response.status_code, 200)
            self.assertTrue(messages_of(response), data)
        self.assertEqual(self.headlines(), [])
        self.assertEqual(self.client.get(reverse("admin:curate")).status_code, 405)

    def test_breaking_for_some_hours_with_a_banner_then_ended(self):
        story = self.stories[0]
        before = timezone.now()
        response = self.curate(story, "breaking", "3", banner="1")
        self.assertIn("menjadi breaking sampai", " ".join(messages_of(response)))
        story = Article.objects.get(pk=story.pk)
        self.assertTrue(before + timedelta(hours=3) <= story.breaking_until <= timezone.now() + timedelta(hours=3))
        self.assertTrue(story.breaking_banner)
        self.assertTrue(story.is_breaking())
        board = self.client.get(reverse("admin:index"))
        self.assertContains(board, "banner di seluruh situs")
        self.assertContains(board, "Akhiri breaking")
        self.curate(story, "breaking", "banner-off", base_version=story.version)
        self.assertFalse(Article.objects.get(pk=story.pk).breaking_banner)
        story = Article.objects.get(pk=story.pk)
        response = self.curate(story, "breaking", "end", base_version=story.version)
        self.assertIn("“Berita satu” tidak lagi breaking.", messages_of(response))
        story = Article.objects.get(pk=story.pk)
        self.assertEqual((story.breaking_until, story.breaking_banner), (None, False))

    def test_the_banner_reaches_readers_pages_at_once_and_leaves_with_the_end(self):
        reader = Client()
        # A page that does not list the story: only the banner ties it to it.
        other = make_section(name="Olahraga", slug="olahraga")
        make_article(section=other, headline="Persita menang")
        home = other.get_absolute_url()
        self.assertNotContains(reader.get(home), 'class="breaking-banner"')  # now kept in the page cache
        self.curate(self.stories[1], "breaking", "1", banner="1")
        page = reader.get(home)
        self.assertContains(page, 'class="breaking-banner"')
        self.assertContains(page, "Berita dua</a>")
        story = Article.objects.get(pk=self.stories[1].pk)
        self.curate(story, "breaking", "end", base_version=story.version)
        self.assertNotContains(reader.get(home), 'class="breaking-banner"')

    def test_breaking_expires_by_itself(self):
        story = workflow.curate(self.stories[0], self.editor, breaking_until=timezone.now() + timedelta(hours=1))
        self.assertTrue(story.is_breaking())
        self.assertFalse(story.is_breaking(now=timezone.now() + timedelta(hours=2)))


class ChangelistActionTests(CurationTestCase):
    def act(self, action, *articles):
        return self.client.post(
            reverse("admin:news_article_changelist"),
            {"action": action, "_selected_action": [a.pk for a in articles]},
            follow=True,
        )

    def test_editor_curates_from_the_article_list(self):
        self.client.force_login(self.editor)
        response = self.act("make_headline", *self.stories[:2])
        self.assertIn("2 berita dijadikan berita utama.", messages_of(response))
        self.assertEqual(sorted(self.headlines()), ["Berita dua", "Berita satu"])
        self.act("make_pick", self.stories[2])
        self.act("breaking_6", self.stories[2])
        story = Article.objects.get(pk=self.stories[2].pk)
        self.assertTrue(story.is_editors_pick)
        self.assertGreater(story.breaking_until, timezone.now() + timedelta(hours=5, minutes=59))
        listing = self.client.get(reverse("admin:news_article_changelist"))
        self.assertContains(listing, "Pilihan #1, Breaking s.d.")
        self.act("end_breaking", self.stories[2])
        self.act("drop_headline", self.stories[0])
        self.assertIsNone(Article.objects.get(pk=self.stories[2].pk).breaking_until)
        self.assertEqual(self.headlines(), ["Berita dua"])

    def test_reporter_cannot_curate(self):
        self.client.force_login(self.reporter)
        listing = self.client.get(reverse("admin:news_article_changelist"))
        self.assertNotContains(listing, "Jadikan breaking")
        self.assertNotContains(self.client.get(reverse("admin:index")), "Halaman depan")
        self.assertEqual(self.curate(self.stories[0], "headline", "add").status_code, 403)
        self.assertEqual(self.headlines(), [])
        with self.assertRaises(workflow.Refused):
            workflow.curate(self.stories[0], self.reporter, is_headline=True)


class CurateFunctionTests(CurationTestCase):
    def test_only_curation_fields_and_breaking_in_the_future(self):
        with self.assertRaises(ValueError):
            workflow.curate(self.stories[0], self.editor, headline="Judul lain")
        with self.assertRaises(workflow.Refused):
            workflow.curate(self.stories[0], self.editor, breaking_until=timezone.now() - timedelta(minutes=1))
        self.assertIsNone(Article.objects.get(pk=self.stories[0].pk).breaking_until)

    def test_a_retracted_story_stays_off_the_front_page(self):
        gone = workflow.retract(self.stories[0], self.editor, "Narasumber keberatan.")
        with self.assertRaises(workflow.Refused):
            workflow.curate(gone, self.editor, is_headline=True)

    def test_curation_leaves_the_text_and_its_update_time_alone(self):
        story = workflow.curate(self.stories[0], self.editor, is_headline=True, headline_order=5)
        story = Article.objects.get(pk=story.pk)
        self.assertEqual((story.headline_order, story.modified_at), (5, None))
        self.assertFalse(story.is_modified_after_publishing())
