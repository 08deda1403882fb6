"""The newsroom workflow through the admin, as reporters, editors and readers meet it."""

import re
from datetime import timedelta
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article, Correction, Source, StatusChange

from .factories import TemporaryMediaMixin, article_form_data, make_article, make_photo, make_section, make_user



class RoleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.reporter = make_user("jls", "Wartawan", first_name="Julius", last_name="Lesmana Saputra")
        cls.other_reporter = make_user("rin", "Wartawan")
        cls.editor = make_user("abc", "Redaktur", first_name="Abdul", last_name="Basit Chaniago")
        cls.site_admin = make_user("admin", "Admin Redaksi")
        cls.reporter_author = workflow.author_for(cls.reporter)
        cls.own_draft = make_article(section=cls.section, headline="Draf milik jls", status=Article.Status.DRAFT,
                                     authors=[cls.reporter_author])
        cls.others_draft = make_article(section=cls.section, headline="Draf milik rin", status=Article.Status.DRAFT,
                                        authors=[workflow.author_for(cls.other_reporter)])

    def change_url(self, article):
        return reverse("admin:news_article_change", args=[article.pk])

    def post_change(self, article, **fields):
        return self.client.post(self.change_url(article), article_form_data(article, **fields))


class ReporterTests(RoleTestCase):
    def setUp(self):
        self.client.force_login(self.reporter)

    def test_reporter_adds_a_draft_and_is_its_author(self):
        response = self.client.post(
            reverse("admin:news_article_add"),
            article_form_data(headline="Banjir di Pamulang", slug="banjir-di-pamulang", section=self.section.pk,
                              body="<p>Hujan deras.</p>", status="review"),
        )
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(slug="banjir-di-pamulang")
        self.assertEqual(article.status, Article.Status.REVIEW)
        self.assertEqual(list(article.authors.all()), [self.reporter_author])
        change = article.status_changes.get()
        self.assertEqual((change.from_status, change.to_status, change.user), ("", "review", self.reporter))

    def test_forged_publish_is_refused_and_nothing_changes(self):
        response = self.post_change(self.own_draft, status="published", headline="Judul diubah")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "published bukan salah satu dari pilihan yang tersedia")
        self.own_draft.refresh_from_db()
        self.assertEqual((self.own_draft.status, self.own_draft.headline), ("draft", "Draf milik jls"))

    def test_forged_schedule_is_ignored(self):
        before = self.own_draft.published_at
        future = timezone.localtime() + timedelta(days=1)
        self.post_change(self.own_draft, status="review", published_at_0=future.strftime("%d/%m/%Y"),
                         published_at_1="10:00:00", is_headline=True)
        self.own_draft.refresh_from_db()
        self.assertEqual(self.own_draft.status, "review")
        self.assertEqual(self.own_draft.published_at, before)
        self.assertFalse(self.own_draft.is_headline)

    def test_cannot_edit_another_reporters_article(self):
        response = self.post_change(self.others_draft, headline="Dibajak")
        self.assertNotEqual(response.status_code, 200)
        self.others_draft.refresh_from_db()
        self.assertEqual(self.others_draft.headline, "Draf milik rin")
        changelist = self.client.get(reverse("admin:news_article_changelist"))
        self.assertNotContains(changelist, "Draf milik rin")

    def test_cannot_edit_own_article_once_published(self):
        published = make_article(section=self.section, authors=[self.reporter_author], headline="Sudah terbit")
        response = self.post_change(published, headline="Diam-diam diubah")
        self.assertEqual(response.status_code, 403)
        published.refresh_from_db()
        self.assertEqual(published.headline, "Sudah terbit")

    def test_cannot_delete_retract_or_publish_in_bulk(self):
        delete = self.client.post(reverse("admin:news_article_delete", args=[self.own_draft.pk]), {"post": "yes"})
        self.assertEqual(delete.status_code, 403)
        retract = self.client.post(reverse("admin:news_article_retract", args=[self.own_draft.pk]), {"reason": "x"})
        self.assertEqual(retract.status_code, 403)
        self.client.post(reverse("admin:news_article_changelist"),
                         {"action": "publish_now", "_selected_action": [self.own_draft.pk]})
        self.own_draft.refresh_from_db()
        self.assertEqual(self.own_draft.status, "draft")
        self.assertTrue(Article.objects.filter(pk=self.own_draft.pk).exists())

    def test_sends_draft_to_review_from_the_list(self):
        self.client.post(reverse("admin:news_article_changelist"),
                         {"action": "send_to_review", "_selected_action": [self.own_draft.pk]})
        self.own_draft.refresh_from_db()
        self.assertEqual(self.own_draft.status, "review")


class EditorTests(RoleTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_publishes_and_is_recorded_in_signoff_and_history(self):
        self.client.post(reverse("admin:news_article_changelist"),
                         {"action": "send_to_review", "_selected_action": [self.own_draft.pk]})
        response = self.post_change(Article.objects.get(pk=self.own_draft.pk), status="published")
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(pk=self.own_draft.pk)
        self.assertEqual(article.editor.user, self.editor)
        self.assertEqual(article.signoff(), "(jls/abc)")
        transitions = list(article.status_changes.order_by("changed_at", "id").values_list("from_status", "to_status", "user__username"))
        self.assertEqual(transitions[-2:], [("draft", "review", "abc"), ("review", "published", "abc")])
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, "(jls/abc)")
        # The one history ("Riwayat") names who moved it, by full name.
        history = self.client.get(reverse("admin:news_article_revisions", args=[article.pk]))
        self.assertContains(history, "Status: Menunggu review → Terbit")
        self.assertContains(history, "Abdul Basit Chaniago")

    def test_scheduled_article_goes_out_on_time_and_unpublishing_hides_it(self):
        when = timezone.localtime() + timedelta(hours=2)
        self.post_change(self.own_draft, status="published", published_at_0=when.strftime("%d/%m/%Y"),
                         published_at_1=when.strftime("%H:%M:%S"))
        article = Article.objects.get(pk=self.own_draft.pk)
        self.assertTrue(article.is_scheduled())
        self.client.logout()
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(reverse("news:home")), "Draf milik jls")
        with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=3)):
            self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 200)
            self.assertContains(self.client.get(reverse("news:home")), "Draf milik jls")
        self.client.force_login(self.editor)
        self.client.post(reverse("admin:news_article_changelist"),
                         {"action": "unpublish", "_selected_action": [article.pk]})
        self.client.logout()
        with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=3)):
            self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)

    def test_retraction_answers_410_and_leaves_every_list(self):
        article = make_article(section=self.section, headline="Berita yang keliru", is_headline=True)
        empty = self.client.post(reverse("admin:news_article_retract", args=[article.pk]), {"reason": "  ", "base_version": article.version})
        self.assertContains(empty, "Bidang ini tidak boleh kosong")
        response = self.client.post(reverse("admin:news_article_retract", args=[article.pk]),
                                    {"reason": "Narasumber utama ternyata bukan pejabat yang disebut.",
                                     "base_version": article.version})
        self.assertRedirects(response, self.change_url(article))
        self.client.logout()
        gone = self.client.get(article.get_absolute_url())
        self.assertEqual(gone.status_code, 410)
        self.assertContains(gone, "Berita yang keliru", status_code=410)
        self.assertContains(gone, "Narasumber utama ternyata bukan pejabat yang disebut.", status_code=410)
        self.assertContains(gone, "Dicabut pada", status_code=410)
        self.assertContains(gone, 'class="site-nav"', status_code=410)
        self.assertNotContains(self.client.get(reverse("news:home")), "Berita yang keliru")
        self.assertNotContains(self.client.get(self.section.get_absolute_url()), "Berita yang keliru")
        self.assertEqual(StatusChange.objects.filter(article=article, to_status="retracted").count(), 1)

    def test_only_a_live_story_can_be_retracted(self):
        for article in (self.own_draft, make_article(section=self.section, published_at=timezone.now() + timedelta(days=1))):
            response = self.client.post(reverse("admin:news_article_retract", args=[article.pk]), {"reason": "Batal.", "base_version": article.version})
            self.assertRedirects(response, self.change_url(article))
            article.refresh_from_db()
            self.assertNotEqual(article.status, Article.Status.RETRACTED)
            self.client.logout()
            self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)
            self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(self.change_url(self.own_draft)), "Cabut berita")

    def test_later_touch_up_by_another_editor_keeps_the_sign_off(self):
        self.post_change(self.own_draft, status="published")
        other = make_user("xyz", "Redaktur")
        self.client.force_login(other)
        self.post_change(Article.objects.get(pk=self.own_draft.pk), subtitle="Subjudul baru")
        self.assertEqual(Article.objects.get(pk=self.own_draft.pk).signoff(), "(jls/abc)")

    def test_view_on_site_previews_what_readers_cannot_see_yet(self):
        page = self.client.get(self.change_url(self.own_draft))
        self.assertContains(page, reverse("admin:news_article_preview", args=[self.own_draft.pk]) + '" class="viewsitelink"')

    def test_new_article_defaults_to_the_sites_own_source(self):
        own = Source.objects.create(name="detakbanten.com")
        form = self.client.get(reverse("admin:news_article_add")).context["adminform"].form
        self.assertEqual(form.initial["source"], own.pk)

    def test_corrections_on_the_page_newest_first_and_on_the_public_list(self):
        article = make_article(section=self.section, headline="Berita dengan ralat")
        before = article.updated_at
        data = article_form_data(article)
        data.update({
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "ralat", "corrections-0-text": "Nama kecamatan yang benar adalah Pamulang.",
        })
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        Correction.objects.create(article=article, kind="hak_jawab", text="Tanggapan Dinas PUPR.",
                                  created_at=timezone.now() + timedelta(minutes=1))
        article.refresh_from_db()
        self.assertGreater(article.updated_at, before)
        self.assertTrue(article.is_modified_after_publishing())
        self.assertEqual(Correction.objects.get(kind="ralat").created_by, self.editor)
        page = self.client.get(article.get_absolute_url()).content.decode()
        self.assertIn("Ralat, koreksi dan hak jawab", page)
        self.assertLess(page.index("Tanggapan Dinas PUPR."), page.index("Nama kecamatan yang benar"))
        listing = self.client.get(reverse("news:corrections")).content.decode()
        self.assertLess(listing.index("Tanggapan Dinas PUPR."), listing.index("Nama kecamatan yang benar"))
        self.assertIn(article.get_absolute_url(), listing)

    def test_notices_for_verification_and_advertorial(self):
        article = make_article(section=self.section, headline="Promo rumah", is_advertorial=True,
                               needs_verification=True)
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, '<span class="label-advertorial">Advertorial</span>', html=True)
        self.assertContains(page, "Dalam verifikasi.")
        home = self.client.get(reverse("news:home")).content.decode()
        card = home[home.index("Promo rumah") - 600: home.index("Promo rumah")]
        self.assertIn("Advertorial", card)

    def test_desk_board_shows_the_queues(self):
        make_article(section=self.section, headline="Antre review", status=Article.Status.REVIEW)
        make_article(section=self.section, headline="Nanti malam", published_at=timezone.now() + timedelta(hours=5))
        board = self.client.get(reverse("admin:index"))
        for text in ("Menunggu review", "Antre review", "Terjadwal", "Nanti malam", "Draf saya",
                     "Terbit hari ini", "Baru dicabut"):
            self.assertContains(board, text)
        self.assertContains(board, "?jadwal=terjadwal")
        scheduled = self.client.get(reverse("admin:news_article_changelist"), {"jadwal": "terjadwal"})
        self.assertContains(scheduled, "Nanti malam")
        self.assertNotContains(scheduled, "Draf milik jls")


class PreviewTests(RoleTestCase):
    def test_staff_preview_shows_the_banner_readers_get_404(self):
        self.assertEqual(self.client.get(self.own_draft.get_absolute_url()).status_code, 404)
        self.client.force_login(self.editor)
        preview = self.client.get(reverse("admin:news_article_preview", args=[self.own_draft.pk]))
        self.assertContains(preview, "Pratinjau")
        self.assertContains(preview, "<h1>Draf milik jls</h1>", html=True)
        self.assertEqual(preview["X-Robots-Tag"], "noindex, nofollow")

    def test_reporter_cannot_preview_another_reporters_draft(self):
        self.client.force_login(self.reporter)
        response = self.client.get(reverse("admin:news_article_preview", args=[self.others_draft.pk]))
        self.assertEqual(response.status_code, 404)

    def share_url(self):
        self.client.force_login(self.editor)
        page = self.client.get(reverse("admin:news_article_change", args=[self.own_draft.pk])).content.decode()
        self.client.logout()
        return re.search(r'id="share-url" type="text" readonly value="http://testserver([^"]+)"', page).group(1)

    def test_share_link_works_without_an_account(self):
        response = self.client.get(self.share_url())
        self.assertContains(response, "Pratinjau")
        self.assertContains(response, "Draf milik jls")

    @override_settings(PREVIEW_LINK_HOURS=48)
    def test_share_link_expires(self):
        url = self.share_url()
        later = timezone.now().timestamp() + 49 * 3600
        with mock.patch("django.core.signing.time.time", return_value=later):
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_share_link_dies_with_a_retraction(self):
        url = self.share_url()
        Article.objects.filter(pk=self.own_draft.pk).update(status=Article.Status.PUBLISHED)
        workflow.retract(Article.objects.get(pk=self.own_draft.pk), self.editor, "Keliru.")
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_tampered_share_link_is_404(self):
        url = self.share_url()
        token = url.rstrip("/").rsplit("/", 1)[1]
        other = workflow.share_token(self.others_draft)
        for forged in (token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), other.split(":")[0] + ":" + token.split(":", 1)[1]):
            self.assertEqual(self.client.get(reverse("news:shared_preview", kwargs={"token": forged})).status_code, 404)


class RevisionAndConflictTests(RoleTestCase):
    def test_revisions_diff_and_restore(self):
        self.client.force_login(self.editor)
        article = self.own_draft
        self.post_change(article, body="<p>Versi pertama dari berita.</p>")
        article.refresh_from_db()
        self.post_change(article, body="<p>Versi kedua yang salah.</p>", headline="Judul kedua")
        versions = list(workflow.versions_of(article))
        self.assertEqual(len(versions), 2)
        history = self.client.get(reverse("admin:news_article_revisions", args=[article.pk]))
        self.assertContains(history, "Bandingkan dengan sekarang")
        first = versions[-1]
        diff = self.client.get(reverse("admin:news_article_revision", args=[article.pk, first.pk]))
        self.assertContains(diff, "<del>pertama dari berita.</del>", html=True)
        self.assertContains(diff, "<ins>kedua yang salah.</ins>", html=True)
        restore = self.client.post(reverse("admin:news_article_revision", args=[article.pk, first.pk]))
        self.assertRedirects(restore, self.change_url(article))
        article.refresh_from_db()
        self.assertEqual((article.headline, article.body), ("Draf milik jls", "<p>Versi pertama dari berita.</p>"))
        self.assertEqual(len(workflow.versions_of(article)), 3)

    def test_stale_save_is_refused_with_both_texts_intact(self):
        self.client.force_login(self.editor)
        self.post_change(self.own_draft, subtitle="Disunting sekali lewat admin")
        article = Article.objects.get(pk=self.own_draft.pk)
        # Both editors open version 2; the first saves, the second then saves from the stale form.
        stale = article_form_data(article, body="<p>Teks redaktur kedua.</p>")
        self.post_change(article, body="<p>Teks redaktur pertama.</p>")
        second = make_user("def", "Redaktur")
        self.client.force_login(second)
        response = self.client.post(self.change_url(article), stale)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "sudah disimpan oleh Abdul")
        self.assertContains(response, "yang diubah: ringkasan, isi")
        self.assertContains(response, "Teks redaktur kedua.")
        article.refresh_from_db()
        self.assertEqual(article.body, "<p>Teks redaktur pertama.</p>")
        # Saving again after reading the warning is a deliberate overwrite.
        again = response.context["adminform"].form.data.copy()
        self.assertEqual(self.client.post(self.change_url(article), again).status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.body, "<p>Teks redaktur kedua.</p>")

    def test_change_form_warns_who_else_opened_the_article(self):
        self.client.force_login(self.editor)
        self.client.get(self.change_url(self.own_draft))
        self.client.force_login(self.site_admin)
        response = self.client.get(self.change_url(self.own_draft))
        self.assertContains(response, "Abdul Basit Chaniago membuka berita ini")


class SideDoorTests(TemporaryMediaMixin, RoleTestCase):
    """What the code review found: ways around the roles that are closed now."""

    def test_reporter_cannot_recaption_a_photo_readers_see(self):
        photo = make_photo(uploaded_by=self.reporter, caption="Keterangan asli")
        make_article(section=self.section, photo=photo)
        self.client.force_login(self.reporter)
        url = reverse("admin:news_photo_change", args=[photo.pk])
        response = self.client.post(url, {"alt_text": "x", "credit": "x", "caption": "KETERANGAN PALSU",
                                          "focal_x": "0.5", "focal_y": "0.5"})
        self.assertNotEqual(response.status_code, 302)
        photo.refresh_from_db()
        self.assertEqual(photo.caption, "Keterangan asli")

    def test_reporter_cannot_make_a_colleague_co_author(self):
        self.client.force_login(self.reporter)
        colleague = self.others_draft.authors.get()
        response = self.post_change(self.own_draft, authors=[self.reporter_author.pk, colleague.pk])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(self.own_draft.authors.all()), [self.reporter_author])

    def test_desk_board_shows_a_reporter_only_their_own_work(self):
        make_article(section=self.section, headline="Review sensitif rin", status=Article.Status.REVIEW,
                     authors=[self.others_draft.authors.get()])
        self.client.force_login(self.reporter)
        self.assertNotContains(self.client.get(reverse("admin:index")), "Review sensitif rin")

    def test_post_without_base_version_meets_the_conflict_check(self):
        self.client.force_login(self.editor)
        data = article_form_data(self.own_draft, headline="Tanpa versi")
        del data["base_version"]
        response = self.client.post(self.change_url(self.own_draft), data)
        self.assertContains(response, "setelah Anda membukanya")
        self.own_draft.refresh_from_db()
        self.assertEqual(self.own_draft.headline, "Draf milik jls")

    def test_odd_digits_in_admin_url_are_not_a_server_error(self):
        self.client.force_login(self.editor)
        response = self.client.get("/redaksi/news/article/%C2%B2/change/")
        self.assertIn(response.status_code, {302, 404})

    def test_restoring_a_revision_whose_section_was_deleted(self):
        self.client.force_login(self.editor)
        old_section = make_section(name="Kanal lama")
        self.post_change(self.own_draft, section=old_section.pk, body="<p>Teks lama.</p>")
        self.post_change(Article.objects.get(pk=self.own_draft.pk), section=self.section.pk, body="<p>Teks baru.</p>")
        first = list(workflow.versions_of(self.own_draft))[-1]
        old_section.delete()
        response = self.client.post(reverse("admin:news_article_revision", args=[self.own_draft.pk, first.pk]))
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(pk=self.own_draft.pk)
        self.assertEqual((article.body, article.section), ("<p>Teks lama.</p>", self.section))

    def test_flags_alone_do_not_tell_readers_the_story_was_updated(self):
        live = make_article(section=self.section)
        live = Article.objects.get(pk=live.pk)
        live.is_headline = True
        live.save()
        self.assertIsNone(live.modified_at)

    @override_settings(ARTICLE_MAX_CHARS=1_000)
    def test_an_article_over_the_length_limit_is_refused_with_the_text_kept(self):
        self.client.force_login(self.editor)
        body = "<p>Kalimat yang terus berulang.</p>" * 40
        response = self.post_change(self.own_draft, body=body)
        self.assertContains(response, "Isi berita terlalu panjang (1.400 karakter; paling banyak 1.000)")
        self.assertContains(response, "Kalimat yang terus berulang.")
        self.own_draft.refresh_from_db()
        self.assertNotIn("berulang", self.own_draft.body)

    def test_corrections_cannot_be_backdated(self):
        self.client.force_login(self.editor)
        form = self.client.get(reverse("admin:news_correction_add")).content.decode()
        self.assertNotIn('name="created_at_0"', form)


class ShellDoorTests(RoleTestCase):
    """The workflow's functions are the door for the shell and commands too, with the same rules."""

    def test_each_transition_records_who_and_a_revision(self):
        workflow.send_to_review(self.own_draft, self.reporter, seen_version=self.own_draft.version)
        workflow.publish(self.own_draft, self.editor, seen_version=self.own_draft.version)
        workflow.unpublish(self.own_draft, self.editor)
        changes = list(self.own_draft.status_changes.order_by("id").values_list("from_status", "to_status", "user__username"))
        self.assertEqual(changes, [("draft", "review", "jls"), ("review", "published", "abc"), ("published", "draft", "abc")])
        comments = [version.revision.comment for version in workflow.versions_of(self.own_draft)]
        self.assertEqual(comments, ["Ditarik menjadi draf", "Diterbitkan", "Dikirim ke review"])
        self.assertEqual(self.own_draft.editor.user, self.editor)

    def test_a_reporter_cannot_publish_or_retract_from_the_shell_and_save_alone_changes_no_status_record(self):
        with self.assertRaisesMessage(workflow.Refused, "Hanya redaktur yang boleh menerbitkan"):
            workflow.publish(self.own_draft, self.reporter)
        live = make_article(section=self.section)
        with self.assertRaisesMessage(workflow.Refused, "Hanya redaktur yang boleh mencabut"):
            workflow.retract(live, self.reporter, "Saya ingin menghapusnya.")
        with self.assertRaisesMessage(workflow.Refused, "Hanya berita yang sedang tayang"):
            workflow.retract(self.own_draft, self.editor, "Belum pernah terbit.")
        self.own_draft.refresh_from_db()
        self.assertEqual(self.own_draft.status, Article.Status.DRAFT)
        self.assertFalse(StatusChange.objects.filter(article__in=[self.own_draft, live]).exists())

    def test_a_stale_version_is_refused_naming_who_saved(self):
        article = make_article(section=self.section, headline="Berita yang dikoreksi")
        seen = article.version
        workflow.add_correction(article, self.editor, kind="ralat", text="Nama camat yang benar: Budi.")
        self.assertEqual(article.version, seen + 1)
        self.assertTrue(article.is_modified_after_publishing())
        stale = Article.objects.get(pk=article.pk)
        stale.subtitle = "Suntingan dari versi lama"
        with self.assertRaisesMessage(workflow.Conflict, "sudah disimpan oleh Abdul Basit Chaniago"):
            workflow.edit(stale, self.site_admin, fields=["subtitle"], seen_version=seen)
        with self.assertRaises(workflow.Conflict):
            workflow.retract(article, self.editor, "Keliru.", seen_version=seen)
        article.refresh_from_db()
        self.assertEqual((article.subtitle, article.status), ("", Article.Status.PUBLISHED))
        self.assertEqual(article.corrections.get().created_by, self.editor)

    def test_an_edit_of_flags_is_not_an_update_for_readers_but_text_is(self):
        article = make_article(section=self.section)
        article.is_headline = True
        workflow.edit(article, self.editor, fields=["is_headline"])
        self.assertIsNone(article.modified_at)
        article.headline = "Judul yang diperbaiki"
        workflow.edit(article, self.editor, fields=["headline"])
        self.assertIsNotNone(article.modified_at)
        self.assertEqual(Article.objects.get(pk=article.pk).headline, "Judul yang diperbaiki")
