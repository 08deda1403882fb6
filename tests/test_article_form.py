"""The article form as editors and reporters use it: a headline seen whole, live counts, SEO fields,
"Jadwalkan", publishing from the preview, who else has it open, datelines a reporter adds; and the
admin of standing pages, redirects and site settings."""

from datetime import timedelta

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from news.formats import long_datetime
from news.models import Article, Dateline, EditSession, Page, Redirect, SiteSettings

from .factories import (
    TemporaryMediaMixin, article_form_data, make_article, make_dateline, make_section, make_user, messages_of,
)




class FormTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.editor = make_user("abc", "Redaktur", first_name="Abdul", last_name="Basit Chaniago")
        cls.other_editor = make_user("def", "Redaktur", first_name="Dewi", last_name="Fitriani")
        cls.reporter = make_user("jls", "Wartawan", first_name="Julius", last_name="Lesmana Saputra")
        cls.site_admin = make_user("admin", "Admin Redaksi")
        cls.draft = make_article(section=cls.section, headline="Draf yang akan dijadwalkan",
                                 status=Article.Status.DRAFT, published_at=None, lead="Ringkasan draf.")

    def change_url(self, article):
        return reverse("admin:news_article_change", args=[article.pk])

    def post_change(self, article, **fields):
        article = Article.objects.get(pk=article.pk)
        return self.client.post(self.change_url(article), article_form_data(article, **fields), follow=True)


class ArticleFormTests(FormTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def test_headline_is_a_wide_field_with_counts_and_the_form_script(self):
        response = self.client.get(self.change_url(self.draft))
        self.assertContains(response, 'class="headline-input" data-count=""')
        self.assertContains(response, '<textarea name="headline"')
        self.assertContains(response, 'data-count="60"')
        self.assertContains(response, 'data-count="160"')
        self.assertContains(response, "js/article-form.js")
        self.assertContains(response, "css/article-admin.css")
        self.assertNotContains(response, "<script>")

    def test_seo_fields_are_collapsed_and_show_their_defaults(self):
        response = self.client.get(self.change_url(self.draft))
        page = response.content.decode()
        seo = page[page.index('class="module aligned collapse"'):]
        self.assertIn("<details>", seo[:200])
        self.assertIn('placeholder="Draf yang akan dijadwalkan"', seo)
        self.assertIn('placeholder="Ringkasan draf."', seo)

    def test_seo_title_and_description_are_saved_and_used(self):
        response = self.post_change(self.draft, seo_title="Jadwal Baru Bus Sekolah Tangsel",
                                    meta_description="Bus sekolah gratis di Tangsel punya jadwal baru mulai Senin.")
        self.assertEqual(response.status_code, 200)
        article = Article.objects.get(pk=self.draft.pk)
        self.assertEqual(article.seo_headline(), "Jadwal Baru Bus Sekolah Tangsel")
        self.assertEqual(article.seo_description(), "Bus sekolah gratis di Tangsel punya jadwal baru mulai Senin.")

    def test_a_headline_typed_over_two_lines_is_stored_on_one(self):
        self.post_change(self.draft, headline="Wali Kota Lantik\r\n  Pejabat Baru ")
        self.assertEqual(Article.objects.get(pk=self.draft.pk).headline, "Wali Kota Lantik Pejabat Baru")

    def test_the_list_shows_one_date_format(self):
        when = timezone.now() + timedelta(days=3)
        make_article(section=self.section, headline="Terbit nanti", published_at=when)
        response = self.client.get(reverse("admin:news_article_changelist"))
        page = response.content.decode()
        row = page[page.index("Terbit nanti"):]
        row = row[: row.index("</tr>")]
        self.assertIn(long_datetime(when), row)
        self.assertEqual(row.count(str(timezone.localtime(when).year)), 1)
        self.assertIn(">Terjadwal<", row)


class ScheduleTests(FormTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def schedule(self, article, when, **fields):
        local = timezone.localtime(when)
        return self.post_change(article, _schedule="1", schedule_at_0=local.strftime("%d/%m/%Y"),
                                schedule_at_1=local.strftime("%H:%M"), **fields)

    def test_jadwalkan_schedules_and_says_when_in_indonesian(self):
        when = (timezone.localtime() + timedelta(days=2)).replace(hour=14, minute=0, second=0, microsecond=0)
        response = self.schedule(self.draft, when, subtitle="Subjudul ikut tersimpan")
        self.assertRedirects(response, self.change_url(self.draft))
        self.assertIn(f"Dijadwalkan terbit {long_datetime(when)}.", messages_of(response))
        article = Article.objects.get(pk=self.draft.pk)
        self.assertTrue(article.is_scheduled())
        self.assertEqual((article.published_at, article.subtitle), (when, "Subjudul ikut tersimpan"))
        change = article.status_changes.first()
        self.assertEqual((change.from_status, change.to_status, change.user), ("draft", "published", self.editor))
        # Readers do not see it yet.
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)

    def test_the_message_reads_as_the_issue_asks(self):
        self.assertEqual(
            long_datetime(timezone.make_aware(timezone.datetime(2026, 12, 2, 14, 0))),
            "Rabu, 2 Desember 2026 14:00 WIB",
        )

    def test_a_time_in_the_past_is_refused_and_nothing_is_saved(self):
        when = timezone.now() - timedelta(hours=1)
        response = self.schedule(self.draft, when, subtitle="Tidak boleh tersimpan")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "sudah lewat. Pilih waktu mendatang")
        article = Article.objects.get(pk=self.draft.pk)
        self.assertEqual((article.status, article.subtitle), ("draft", ""))

    def test_missing_or_odd_time_gets_a_clear_message(self):
        response = self.post_change(self.draft, _schedule="1", schedule_at_0="", schedule_at_1="")
        self.assertContains(response, "Isi tanggal dan jam terbit untuk menjadwalkan berita.")
        response = self.post_change(self.draft, _schedule="1", schedule_at_0="31/02/2026", schedule_at_1="25:99")
        self.assertContains(response, "Tanggal jadwal tidak dikenali")
        response = self.post_change(self.draft, _schedule="1", schedule_at_0="01/01/9999", schedule_at_1="10:00")
        self.assertContains(response, "Tahun terbit harus antara")
        self.assertEqual(Article.objects.get(pk=self.draft.pk).status, "draft")

    def test_a_live_story_is_not_hidden_by_a_schedule(self):
        live = make_article(section=self.section, headline="Sudah tayang")
        response = self.schedule(live, timezone.now() + timedelta(days=1))
        self.assertContains(response, "Berita ini sudah tayang")
        self.assertTrue(Article.objects.get(pk=live.pk).is_public())

    def test_a_new_article_is_scheduled_from_the_add_form(self):
        when = timezone.localtime() + timedelta(days=1)
        response = self.client.post(reverse("admin:news_article_add"), article_form_data(
            headline="Berita baru terjadwal", slug="berita-baru-terjadwal", section=self.section.pk,
            body="<p>Isi.</p>", status="published", _schedule="1",
            schedule_at_0=when.strftime("%d/%m/%Y"), schedule_at_1=when.strftime("%H:%M"),
        ), follow=True)
        article = Article.objects.get(slug="berita-baru-terjadwal")
        self.assertTrue(article.is_scheduled())
        self.assertIn(f"Dijadwalkan terbit {long_datetime(article.published_at)}.", messages_of(response))
        self.assertEqual([(c.from_status, c.to_status) for c in article.status_changes.order_by("id")],
                         [("", "draft"), ("draft", "published")])

    def test_reporter_has_no_schedule_and_a_forged_one_is_refused(self):
        mine = make_article(section=self.section, status=Article.Status.DRAFT, published_at=None)
        from news import workflow

        mine.authors.add(workflow.author_for(self.reporter))
        self.client.force_login(self.reporter)
        self.assertNotContains(self.client.get(self.change_url(mine)), "Jadwalkan")
        response = self.post_change(mine, _schedule="1", schedule_at_0="01/01/2030", schedule_at_1="10:00")
        self.assertContains(response, "Hanya redaktur yang boleh menjadwalkan berita.")
        self.assertEqual(Article.objects.get(pk=mine.pk).status, "draft")


class PreviewPublishTests(FormTestCase):
    def test_editor_publishes_from_the_preview_with_the_version_seen(self):
        self.client.force_login(self.editor)
        preview = self.client.get(reverse("admin:news_article_preview", args=[self.draft.pk]))
        self.assertContains(preview, "Terbitkan sekarang")
        url = reverse("admin:news_article_publish", args=[self.draft.pk])
        self.assertContains(preview, f'action="{url}"')
        response = self.client.post(url, {"base_version": self.draft.version}, follow=True)
        self.assertRedirects(response, self.change_url(self.draft))
        article = Article.objects.get(pk=self.draft.pk)
        self.assertTrue(article.is_public())
        self.assertIn(f"“{article.headline}” diterbitkan {long_datetime(article.published_at)}.", messages_of(response))
        self.assertEqual(article.editor.user, self.editor)
        # Now live: the preview offers no second publish.
        self.assertNotContains(self.client.get(reverse("admin:news_article_preview", args=[article.pk])),
                               "Terbitkan sekarang")

    def test_a_preview_older_than_the_stored_text_does_not_publish(self):
        self.client.force_login(self.editor)
        seen = self.draft.version
        self.post_change(self.draft, subtitle="Diubah setelah pratinjau dibuka")
        response = self.client.post(reverse("admin:news_article_publish", args=[self.draft.pk]),
                                    {"base_version": seen}, follow=True)
        self.assertIn("Berita belum diterbitkan.", " ".join(messages_of(response)))
        self.assertEqual(Article.objects.get(pk=self.draft.pk).status, "draft")
        response = self.client.post(reverse("admin:news_article_publish", args=[self.draft.pk]), {}, follow=True)
        self.assertIn("buka ulang pratinjau", " ".join(messages_of(response)))

    def test_reporter_sees_no_button_and_cannot_post_one(self):
        from news import workflow

        self.draft.authors.add(workflow.author_for(self.reporter))
        self.client.force_login(self.reporter)
        self.assertNotContains(self.client.get(reverse("admin:news_article_preview", args=[self.draft.pk])),
                               "Terbitkan sekarang")
        response = self.client.post(reverse("admin:news_article_publish", args=[self.draft.pk]),
                                    {"base_version": self.draft.version})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Article.objects.get(pk=self.draft.pk).status, "draft")


class PresenceTests(FormTestCase):
    def open_as(self, user):
        self.client.force_login(user)
        return self.client.get(self.change_url(self.draft))

    def test_the_warning_names_who_has_the_form_open_and_ends_when_they_leave(self):
        self.open_as(self.other_editor)
        response = self.open_as(self.editor)
        self.assertContains(response, "Dewi Fitriani membuka berita ini sekarang.")
        heartbeat = self.client.post(reverse("admin:news_article_presence", args=[self.draft.pk]))
        self.assertEqual(heartbeat.json(), {"others": ["Dewi Fitriani"]})
        # Dewi closes her tab: the page's beacon says so.
        self.client.force_login(self.other_editor)
        self.client.post(reverse("admin:news_article_leave", args=[self.draft.pk]))
        response = self.open_as(self.editor)
        self.assertNotContains(response, "membuka berita ini sekarang")
        self.assertEqual(self.client.post(reverse("admin:news_article_presence", args=[self.draft.pk])).json(),
                         {"others": []})

    def test_saving_ends_the_warning(self):
        self.open_as(self.other_editor)
        self.post_change(self.draft, subtitle="Disimpan Dewi")
        self.assertFalse(EditSession.objects.filter(user=self.other_editor).exists())
        self.assertNotContains(self.open_as(self.editor), "Dewi Fitriani membuka")

    @override_settings(EDIT_PRESENCE_SECONDS=90)
    def test_a_form_not_heard_from_is_taken_as_closed(self):
        self.open_as(self.other_editor)
        EditSession.objects.filter(user=self.other_editor).update(opened_at=timezone.now() - timedelta(seconds=91))
        self.assertNotContains(self.open_as(self.editor), "Dewi Fitriani membuka")

    def test_heartbeat_is_post_only_and_for_people_who_may_open_the_article(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(reverse("admin:news_article_presence", args=[self.draft.pk])).status_code, 405)
        self.client.force_login(self.reporter)
        # A reporter's article list does not hold a colleague's story.
        self.assertEqual(self.client.post(reverse("admin:news_article_presence", args=[self.draft.pk])).status_code, 404)
        self.assertFalse(EditSession.objects.filter(user=self.reporter).exists())


class DatelineTests(FormTestCase):
    def setUp(self):
        self.client.force_login(self.reporter)

    def test_reporter_adds_a_dateline_from_the_article_form(self):
        form = self.client.get(reverse("admin:news_article_add"))
        self.assertContains(form, 'id="add_id_dateline"')
        self.assertNotContains(form, 'id="change_id_dateline"')
        response = self.client.post(reverse("admin:news_dateline_add") + "?_to_field=id&_popup=1",
                                    {"name": "KRESEK", "slug": "kresek", "_popup": "1", "_to_field": "id"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "popup_response.js")
        self.assertTrue(Dateline.objects.filter(name="KRESEK").exists())

    def test_reporter_may_not_change_or_delete_a_dateline(self):
        dateline = make_dateline(name="CIPUTAT")
        change = reverse("admin:news_dateline_change", args=[dateline.pk])
        self.assertNotContains(self.client.get(change), 'name="_save"')
        self.assertEqual(self.client.post(change, {"name": "CIPUTAT TIMUR", "slug": "ciputat"}).status_code, 403)
        delete = reverse("admin:news_dateline_delete", args=[dateline.pk])
        self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 403)
        self.assertEqual(Dateline.objects.get(pk=dateline.pk).name, "CIPUTAT")

    def test_the_same_dateline_in_other_letters_is_refused_in_words(self):
        make_dateline(name="CIPUTAT")
        response = self.client.post(reverse("admin:news_dateline_add"), {"name": "Ciputat", "slug": "ciputat-2"})
        self.assertContains(response, "Dateline CIPUTAT sudah ada; pilih dari daftar di formulir berita.")
        self.assertEqual(Dateline.objects.filter(name__iexact="ciputat").count(), 1)


class StandingPagesAndSettingsTests(TemporaryMediaMixin, FormTestCase):
    def test_site_admin_keeps_the_standing_pages(self):
        self.client.force_login(self.site_admin)
        response = self.client.post(reverse("admin:news_page_add"), {
            "title": "Kebijakan Privasi", "slug": "kebijakan-privasi", "body": "<p>Isi kebijakan.</p>",
            "in_footer": "on", "position": "3",
        })
        self.assertEqual(response.status_code, 302)
        listing = self.client.get(reverse("admin:news_page_changelist"))
        self.assertContains(listing, "Kebijakan Privasi")
        self.assertContains(listing, 'name="form-0-position"')
        self.assertContains(self.client.get(reverse("admin:news_page_add")), "ckeditortype")
        self.assertEqual(Page.objects.get(slug="kebijakan-privasi").body, "<p>Isi kebijakan.</p>")

    def test_redirects_are_the_site_admins_and_stay_on_this_site(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(reverse("admin:news_redirect_changelist")).status_code, 403)
        self.assertEqual(self.client.get(reverse("admin:news_page_add")).status_code, 403)
        self.client.force_login(self.site_admin)
        add = reverse("admin:news_redirect_add")
        for old, new, message in (
            ("/lama/", "https://evil.example/", "Alamat baru harus berupa path di situs ini"),
            ("/lama/", "//evil.example/", "Alamat baru harus berupa path di situs ini"),
            ("lama", "/baru/", "Alamat lama harus berupa path di situs ini"),
            ("/sama/", "/sama/", "berputar tanpa akhir"),
        ):
            self.assertContains(self.client.post(add, {"old_path": old, "new_path": new, "note": ""}), message)
        self.assertFalse(Redirect.objects.exists())
        self.assertEqual(self.client.post(add, {"old_path": "/?p=123", "new_path": "/read/x/", "note": "WP"}).status_code, 302)
        listing = self.client.get(reverse("admin:news_redirect_changelist"), {"q": "p=123"})
        self.assertContains(listing, "/read/x/")

    def test_site_settings_are_one_row(self):
        self.client.force_login(self.site_admin)
        listing = reverse("admin:news_sitesettings_changelist")
        self.assertRedirects(self.client.get(listing), reverse("admin:news_sitesettings_add"))
        response = self.client.post(reverse("admin:news_sitesettings_add"), {
            "dewan_pers_number": "1234/DP-Verifikasi/K/I/2024", "whatsapp_channel_url": "whatsapp.com/channel/abc",
            "facebook_url": "", "instagram_url": "", "x_url": "", "youtube_url": "", "tiktok_url": "",
        })
        self.assertEqual(response.status_code, 302)
        row = SiteSettings.objects.get()
        self.assertEqual(row.whatsapp_channel_url, "https://whatsapp.com/channel/abc")
        self.assertRedirects(self.client.get(listing), reverse("admin:news_sitesettings_change", args=[row.pk]))
        self.assertEqual(self.client.get(reverse("admin:news_sitesettings_add")).status_code, 403)
        self.assertEqual(self.client.post(reverse("admin:news_sitesettings_delete", args=[row.pk]),
                                          {"post": "yes"}).status_code, 403)
        self.assertEqual(SiteSettings.objects.count(), 1)

    def test_photo_form_shows_upload_progress(self):
        self.client.force_login(self.reporter)
        self.assertContains(self.client.get(reverse("admin:news_photo_add") + "?_popup=1"), "js/photo-upload-progress.js")
