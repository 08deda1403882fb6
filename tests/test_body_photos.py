"""Photos inside the body: stored as a reference to a library photo, shown as a figure on the page,
carried by feeds with absolute URLs, chosen in the admin from a picker with thumbnails and search."""

import html
import json
import re
import xml.etree.ElementTree as ET

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news import caching, photo_picker
from news.editor import sanitize_html
from news.models import PAGE_BREAK, Article, Photo

from . import images
from .factories import TemporaryMediaMixin, article_form_data, make_article, make_photo, make_section

PICKER = "admin:news_photo_picker"


def reference(photo):
    return f'<figure data-photo="{photo.pk}"></figure>'


def forget_everything_kept():
    for name in ("default", "generations"):
        caches[name].clear()
    caching.recent_pages.clear()
    caching.recent_fragments.clear()


class SanitiserTests(TestCase):
    def test_a_body_photo_keeps_only_its_reference(self):
        editor_preview = (
            '<figure data-photo="12" class="image" style="color:red" onclick="alert(1)">'
            '<img src="/media/photos/a/original-640w.jpg" alt="Banjir" width="640" height="480">'
            '<figcaption>Banjir di Ciputat <span class="credit">Foto: Dok. BPBD</span></figcaption></figure>'
        )
        self.assertEqual(sanitize_html(f"<p>Awal.</p>{editor_preview}<p>Akhir.</p>"),
                         '<p>Awal.</p><figure data-photo="12"></figure><p>Akhir.</p>')

    def test_only_a_positive_integer_id_survives(self):
        for value in ("0", "-3", "12abc", "1e3", " 7", "javascript:alert(1)", "9" * 19, ""):
            with self.subTest(value=value):
                cleaned = sanitize_html(f'<figure data-photo="{value}"><img src="/a.jpg" alt="x"></figure>')
                self.assertNotIn("data-photo", cleaned)
                # Not a reference: an ordinary figure, its image sanitised as any other.
                self.assertEqual(cleaned, '<figure><img src="/a.jpg" alt="x" loading="lazy"></figure>')

    def test_the_reference_lives_on_figure_only(self):
        self.assertEqual(sanitize_html('<img data-photo="5" src="/a.jpg"><p data-photo="5">x</p>'),
                         '<img src="/a.jpg" loading="lazy"><p>x</p>')

    def test_markup_hidden_in_the_preview_cannot_end_the_reference_early(self):
        tricky = ('<figure data-photo="3"><img src="/a.jpg" alt="</figure><script>alert(1)</script>">'
                  "<figcaption><figure>bersarang</figure> lalu <b>tebal</b></figcaption></figure><p>Sesudah.</p>")
        self.assertEqual(sanitize_html(tricky), '<figure data-photo="3"></figure><p>Sesudah.</p>')

    def test_a_reference_inside_a_paragraph_comes_out_at_block_level(self):
        cleaned = sanitize_html('<p>Teks <figure data-photo="4"></figure></p>')
        self.assertIn('<figure data-photo="4"></figure>', cleaned)
        self.assertNotRegex(cleaned, r"<p>[^<]*<figure")

    def test_the_page_break_keeps_its_class_and_no_other_class_survives(self):
        self.assertEqual(sanitize_html(f"<p>Satu.</p>{PAGE_BREAK}<p>Dua.</p>"), f"<p>Satu.</p>{PAGE_BREAK}<p>Dua.</p>")
        self.assertEqual(sanitize_html('<hr class="page-break besar">'), PAGE_BREAK)
        self.assertEqual(sanitize_html('<hr class="garis">'), "<hr>")
        self.assertEqual(sanitize_html('<p class="page-break">x</p><span class="page-break">y</span>'), "<p>x</p><span>y</span>")

    def test_sanitising_twice_changes_nothing(self):
        body = f'<p>a</p><figure data-photo="9"><img src="/x.jpg"></figure>{PAGE_BREAK}<p>b</p>'
        once = sanitize_html(body)
        self.assertEqual(sanitize_html(once), once)


class ArticlePageTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.photo = make_photo(images.jpeg((1600, 1200)), alt_text="Warga menyeberangi banjir",
                               caption="Banjir merendam Ciputat.", credit="Dok. BPBD Tangsel")

    def test_the_page_shows_a_figure_with_the_lead_photos_picture_and_a_caption(self):
        article = make_article(section=self.section, body=f"<p>Pertama.</p>{reference(self.photo)}<p>Kedua.</p>")
        page = self.client.get(article.get_absolute_url()).content.decode()
        figure = re.search(r'<figure class="story-photo body-photo">(.*?)</figure>', page, re.DOTALL)
        self.assertIsNotNone(figure, page)
        figure = figure.group(1)
        self.assertIn('<source type="image/webp" srcset="', figure)
        self.assertRegex(figure, r'<img src="/media/photos/[^"]+/original-640w\.jpg" srcset="[^"]+-320w\.jpg 320w, '
                                 r'[^"]+-640w\.jpg 640w, [^"]+-1024w\.jpg 1024w, [^"]+-1600w\.jpg 1600w"')
        self.assertIn('width="640" height="480" alt="Warga menyeberangi banjir" loading="lazy"', figure)
        self.assertIn('sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)"', figure)
        self.assertIn('<figcaption>Banjir merendam Ciputat. <span class="credit">Foto: Dok. BPBD Tangsel</span></figcaption>',
                      figure)
        self.assertNotIn("data-photo", page)
        # In its place in the text.
        self.assertLess(page.index("Pertama.</p>"), page.index("body-photo"))
        self.assertLess(page.index("body-photo"), page.index("<p>Kedua.</p>"))

    def test_a_caption_is_text_not_markup(self):
        photo = make_photo(caption='<img src=x onerror=alert(1)>', credit="<b>Humas</b>")
        article = make_article(section=self.section, body=reference(photo))
        page = self.client.get(article.get_absolute_url()).content.decode()
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", page)
        self.assertIn("Foto: &lt;b&gt;Humas&lt;/b&gt;", page)

    def test_a_deleted_photo_shows_nothing(self):
        gone = make_photo(caption="Akan dihapus")
        article = make_article(section=self.section, body=f"<p>Teks.</p>{reference(gone)}<p>Lagi.</p>")
        self.client.get(article.get_absolute_url())
        gone.delete()
        page = self.client.get(article.get_absolute_url()).content.decode()
        self.assertNotIn("body-photo", page)
        self.assertNotIn("Akan dihapus", page)
        self.assertIn("<p>Lagi.</p>", page)

    def test_a_caption_changed_in_the_library_shows_on_the_page(self):
        photo = make_photo(caption="Keterangan lama")
        article = make_article(section=self.section, body=reference(photo))
        self.assertContains(self.client.get(article.get_absolute_url()), "Keterangan lama")
        photo.caption = "Keterangan baru"
        photo.save()
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, "Keterangan baru")
        self.assertNotContains(page, "Keterangan lama")

    def test_the_preview_shows_body_photos_too(self):
        editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")
        draft = make_article(section=self.section, status=Article.Status.DRAFT, published_at=None, body=reference(self.photo))
        self.client.force_login(editor)
        response = self.client.get(reverse("admin:news_article_preview", args=[draft.pk]))
        self.assertContains(response, "Foto: Dok. BPBD Tangsel")


class QueryCountTests(TemporaryMediaMixin, TestCase):
    """One query for every photo of a body at most, and none once the story's version is kept."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.photos = [make_photo(caption=f"Foto {n}") for n in range(5)]
        body = "<p>Paragraf.</p>"
        cls.plain = make_article(section=cls.section, headline="Tanpa foto", body=body)
        cls.one = make_article(section=cls.section, headline="Satu foto", body=body + reference(cls.photos[0]))
        cls.five = make_article(section=cls.section, headline="Lima foto",
                                body=body + "".join(f"{reference(photo)}<p>Teks.</p>" for photo in cls.photos))

    def count(self, url, *, cold):
        if cold:
            forget_everything_kept()
        else:
            self.client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(captured), response.content.decode()

    def test_the_article_page_makes_as_many_queries_with_one_or_five_photos(self):
        steady = {name: self.count(getattr(self, name).get_absolute_url(), cold=False) for name in ("plain", "one", "five")}
        cold = {name: self.count(getattr(self, name).get_absolute_url(), cold=True) for name in ("plain", "one", "five")}
        self.assertEqual(steady["five"][1].count('class="story-photo body-photo"'), 5)
        self.assertEqual(steady["one"][1].count('class="story-photo body-photo"'), 1)
        # Kept with the story's version: no query for its photos once kept.
        self.assertEqual(steady["one"][0], steady["plain"][0])
        self.assertEqual(steady["five"][0], steady["plain"][0])
        # Made anew: one query for all of them.
        self.assertEqual(cold["one"][0], cold["plain"][0] + 1)
        self.assertEqual(cold["five"][0], cold["plain"][0] + 1)

    def test_a_feed_makes_one_query_for_the_photos_of_all_its_items(self):
        forget_everything_kept()
        url = reverse("news:feed")
        with_photos, _ = self.count(url, cold=True)
        Article.objects.filter(pk__in=[self.one.pk, self.five.pk]).update(body="<p>Paragraf.</p>")
        without, _ = self.count(url, cold=True)
        self.assertEqual(with_photos, without + 1)


class FeedTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        section = make_section(name="Tangsel", slug="tangsel")
        cls.photo = make_photo(images.jpeg((1200, 800)), alt_text="Warga menyeberangi banjir",
                               caption="Banjir <merendam> Ciputat & sekitarnya.", credit="Dok. BPBD Tangsel")
        gone = make_photo()
        cls.article = make_article(section=section, headline="Banjir Ciputat",
                                   body=f"<p>Pertama.</p>{reference(cls.photo)}{reference(gone)}<p>Kedua.</p>")
        gone.delete()

    def content(self, url, path, namespaces):
        root = ET.fromstring(self.client.get(url).content)
        return root.find(path, namespaces).text

    def assert_carries_the_photo(self, content):
        rendition = self.photo.rendition("original", 1024, "jpg")
        src = f"http://testserver{self.photo.file.storage.url(rendition.name)}"
        self.assertIn(f'<img src="{src}" width="1024" height="683" alt="Warga menyeberangi banjir"', content)
        self.assertIn('<figcaption>Banjir &lt;merendam&gt; Ciputat &amp; sekitarnya. '
                      '<span>Foto: Dok. BPBD Tangsel</span></figcaption>', content)
        self.assertEqual(content.count("<figure>"), 1)  # the deleted photo is left out
        self.assertNotIn("data-photo", content)
        # Sanitised: what the sanitiser would make of it is what it already is.
        self.assertEqual(content, sanitize_html(content))

    def test_rss_carries_the_photo_with_absolute_urls(self):
        content = self.content(reverse("news:feed"), "channel/item/content:encoded",
                               {"content": "http://purl.org/rss/1.0/modules/content/"})
        self.assert_carries_the_photo(content)

    def test_atom_carries_the_photo_with_absolute_urls(self):
        content = self.content(reverse("news:atom"), "a:entry/a:content", {"a": "http://www.w3.org/2005/Atom"})
        self.assert_carries_the_photo(content)

    def test_the_description_stays_the_summary(self):
        description = self.content(reverse("news:feed"), "channel/item/description", {})
        self.assertEqual(description, "Pertama.")


class PickerViewTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.reporter = User.objects.create_user("wartawan", password="rahasia-sekali-123", is_staff=True)
        cls.reporter.user_permissions.add(Permission.objects.get(codename="view_photo"))
        cls.clerk = User.objects.create_user("arsip", password="rahasia-sekali-123", is_staff=True)
        cls.reader = User.objects.create_user("pembaca", password="rahasia-sekali-123")
        cls.flood = make_photo(alt_text="Warga menyeberangi banjir", caption="Banjir di Ciputat", credit="Dok. BPBD")
        cls.oath = make_photo(alt_text="Pejabat mengucap sumpah", caption="Pelantikan", credit="Humas Pemkot Tangsel")

    def get(self, user=None, **params):
        client = Client()
        if user:
            client.force_login(user)
        return client.get(reverse(PICKER), params)

    def test_the_newest_photos_come_first_with_thumbnails(self):
        data = self.get(self.reporter).json()
        self.assertEqual([row["id"] for row in data["results"]], [self.oath.pk, self.flood.pk])
        row = data["results"][1]
        self.assertEqual(row["thumbnail"], self.flood.rendition_url("1:1", 320))
        self.assertEqual(row["image"], self.flood.rendition_url("original", 640))
        self.assertEqual((row["alt"], row["caption"], row["credit"]), ("Warga menyeberangi banjir", "Banjir di Ciputat", "Dok. BPBD"))
        self.assertEqual((data["count"], data["page"], data["pages"], data["next"]), (2, 1, 1, None))

    def test_search_looks_in_caption_alt_text_and_credit(self):
        for words, expected in (("ciputat", [self.flood]), ("sumpah", [self.oath]), ("humas tangsel", [self.oath]),
                                ("BPBD", [self.flood]), ("banjir humas", []), ("", [self.oath, self.flood])):
            with self.subTest(words=words):
                found = [row["id"] for row in self.get(self.reporter, q=words).json()["results"]]
                self.assertEqual(found, [photo.pk for photo in expected])

    def test_one_photo_by_id(self):
        data = self.get(self.reporter, id=str(self.flood.pk)).json()
        self.assertEqual([row["id"] for row in data["results"]], [self.flood.pk])

    def test_pages(self):
        extra = [make_photo() for _ in range(photo_picker.PAGE_SIZE)]
        first = self.get(self.reporter).json()
        self.assertEqual((len(first["results"]), first["pages"], first["next"]), (photo_picker.PAGE_SIZE, 2, 2))
        self.assertEqual(first["results"][0]["id"], extra[-1].pk)
        second = self.get(self.reporter, page="2").json()
        # The two oldest, which did not fit on the first page.
        self.assertEqual([row["id"] for row in second["results"]], [self.oath.pk, self.flood.pk])
        self.assertEqual(second["previous"], 1)

    def test_odd_input_never_fails(self):
        for params in ({"q": "%" * 600}, {"page": "abc"}, {"page": "-1"}, {"page": "0"}, {"page": "99999999999999999999"},
                       {"page": "1e9"}, {"q": "'; DROP TABLE"}, {"q": "\u202e\ufeff"}):
            with self.subTest(params=params):
                response = self.get(self.reporter, **params)
                self.assertEqual(response.status_code, 200)
                self.assertIn("results", response.json())
        # The admin refuses a NUL anywhere in a query string before any view sees it.
        for params in ({"q": "\x00"}, {"q": "a\x00b"}, {"page": "\x00"}):
            with self.subTest(params=params):
                self.assertEqual(self.get(self.reporter, **params).status_code, 400)
        for wanted in ("abc", "\x00", "0", "-1", "9" * 30, ""):
            with self.subTest(id=wanted):
                self.assertEqual(self.get(self.reporter, id=wanted).status_code, 400)
        self.assertEqual(self.get(self.reporter, id="987654").json()["results"], [])

    def test_only_staff_who_may_view_the_library(self):
        for user in (None, self.reader):
            with self.subTest(user=user):
                response = self.get(user)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("admin:login")))
        self.assertEqual(self.get(self.clerk).status_code, 403)


class EditorTests(TemporaryMediaMixin, TestCase):
    """The admin's article form: the body editor and the lead-photo field."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.photo = make_photo(images.jpeg((1600, 1200)), alt_text="Warga menyeberangi banjir", caption="Banjir di Ciputat",
                               credit="Dok. BPBD")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.editor)

    def config(self, response):
        return json.loads(html.unescape(re.search(r'data-config="([^"]*)"', response.content.decode()).group(1)))

    def test_the_editor_is_indonesian_with_the_picker_and_page_break_buttons(self):
        response = self.client.get(reverse("admin:news_article_add"), HTTP_ACCEPT_LANGUAGE="en")
        config = self.config(response)
        self.assertEqual(config["language"], "id")
        self.assertEqual(config["photoPickerUrl"], reverse(PICKER))
        for plugin in ("bacajuga", "fotopustaka", "pemisahhalaman"):
            self.assertIn(plugin, config["extraPlugins"].split(","))
        groups = config["toolbar_Newsroom"]
        insert = next(group for group in groups if "Image" in group)
        self.assertEqual(insert[insert.index("Image") + 1], "FotoPustaka")
        self.assertEqual(insert[insert.index("HorizontalRule") + 1], "PemisahHalaman")
        resources = json.loads(html.unescape(
            re.search(r'data-external-plugin-resources="([^"]*)"', response.content.decode()).group(1)))
        self.assertIn(["fotopustaka", "/static/news/ckeditor/fotopustaka/", "plugin.js"], resources)
        for script in ("js/photo-picker.js", "news/ckeditor/fotopustaka/plugin.js", "news/ckeditor/pemisahhalaman/plugin.js"):
            self.assertTrue((__import__("pathlib").Path("static") / script).is_file(), script)
        self.assertContains(response, "js/photo-picker.js")

    def test_the_editor_gets_the_photo_filled_in_and_saving_keeps_the_reference(self):
        article = make_article(section=self.section, body=f"<p>Teks.</p>{reference(self.photo)}")
        change = reverse("admin:news_article_change", args=[article.pk])
        response = self.client.get(change)
        textarea = html.unescape(re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', response.content.decode(),
                                           re.DOTALL).group(1))
        preview = self.photo.rendition_url("original", 640)
        self.assertIn(f'<figure data-photo="{self.photo.pk}"><img src="{preview}" width="640" height="480" '
                      'alt="Warga menyeberangi banjir"><figcaption>Banjir di Ciputat <span class="credit">Foto: '
                      "Dok. BPBD</span></figcaption></figure>", textarea)
        version = Article.objects.get(pk=article.pk).version
        response = self.client.post(change, article_form_data(article, body=textarea + "<p>Tambahan.</p>"))
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(article.body, f"<p>Teks.</p>{reference(self.photo)}<p>Tambahan.</p>")
        self.assertGreater(article.version, version)

    def test_the_filled_in_body_stays_inside_the_textarea(self):
        photo = make_photo(caption="</textarea><script>alert(1)</script>", credit='"><b>')
        article = make_article(section=self.section, body=reference(photo))
        page = self.client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
        self.assertNotIn("<script>alert(1)", page)
        self.assertIn("&lt;/textarea&gt;&lt;script&gt;", page.replace("&amp;lt;", "&lt;").replace("&amp;gt;", "&gt;"))

    def test_the_filled_in_body_is_no_change(self):
        from news.editor import NewsroomFormField

        article = make_article(section=self.section, body=f"<p>Teks.</p>{reference(self.photo)}")
        field = NewsroomFormField(config_name="newsroom")
        shown = field.widget.format_value(article.body)
        self.assertNotEqual(shown, article.body)
        self.assertFalse(field.has_changed(article.body, shown))

    def test_a_deleted_photo_is_named_in_the_editor(self):
        gone = make_photo()
        article = make_article(section=self.section, body=reference(gone))
        gone.delete()
        response = self.client.get(reverse("admin:news_article_change", args=[article.pk]))
        self.assertContains(response, "Foto ini sudah dihapus dari pustaka foto")

    def test_the_upload_answer_names_the_library_photo(self):
        data = {"upload": images.upload(images.jpeg((800, 600)), "IMG_1.jpg"), "alt_text": "Jalan rusak",
                "credit": "Dok. warga", "caption": "Jalan rusak di Pamulang"}
        answer = self.client.post(reverse("admin:news_photo_editor_upload"), data).json()
        self.assertEqual(answer["photo"], Photo.objects.get(alt_text="Jalan rusak").pk)

    def test_the_lead_photo_field_shows_a_thumbnail_not_a_dropdown(self):
        article = make_article(section=self.section, photo=self.photo)
        response = self.client.get(reverse("admin:news_article_change", args=[article.pk]))
        page = response.content.decode()
        self.assertNotRegex(page, r'<select[^>]*name="photo"')
        self.assertRegex(page, rf'<input type="hidden" name="photo" value="{self.photo.pk}"[^>]*id="id_photo"')
        self.assertIn(f'src="{self.photo.rendition_url("1:1", 320)}"', page)
        self.assertIn("Pilih dari pustaka foto", page)
        self.assertIn(f'data-picker-url="{reverse(PICKER)}"', page)
        self.assertIn("js/lead-photo-picker.js", page)
        # Still beside it: the admin's "+" to upload a new photo in a pop-up.
        self.assertIn(f'{reverse("admin:news_photo_add")}?_to_field=id&amp;_popup=1', page)

    def test_the_lead_photo_is_saved_and_cleared_through_the_form(self):
        article = make_article(section=self.section)
        change = reverse("admin:news_article_change", args=[article.pk])
        response = self.client.post(change, article_form_data(article, photo=self.photo.pk))
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(article.photo, self.photo)
        response = self.client.post(change, article_form_data(article, photo=""))
        self.assertEqual(response.status_code, 302)
        self.assertIsNone(Article.objects.get(pk=article.pk).photo)
        response = self.client.post(change, article_form_data(Article.objects.get(pk=article.pk), photo="987654"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "errorlist")
