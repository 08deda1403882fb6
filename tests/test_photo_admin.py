"""Editors and the photo library in the admin: uploading, finding, focusing and choosing photos."""

import html
import json
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from news.models import Article, Photo

from . import images
from .factories import TemporaryMediaMixin, article_form_data, make_article, make_photo, make_section


class PhotoAdminTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.editor)

    def add(self, upload, **fields):
        data = {"file": upload, "alt_text": "Wali Kota melantik pejabat", "credit": "Dok. Humas Pemkot Tangsel",
                "caption": "", "focal_x": "0.5", "focal_y": "0.5", **fields}
        return self.client.post(reverse("admin:news_photo_add"), data)

    def test_editor_uploads_a_phone_photo_and_readers_get_renditions(self):
        response = self.add(images.upload(images.phone_jpeg(), "IMG_20240105_193000.jpg"), focal_x="0.3")
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        photo = Photo.objects.get()
        self.assertEqual(photo.uploaded_by, self.editor)
        self.assertEqual((photo.width, photo.height), (48, 64))
        self.assertEqual(str(photo.focal_x), "0.30")
        self.assertEqual(self.new_files(), {photo.file.name, *(r.name for r in photo.renditions())})

    def test_every_attack_file_gets_a_form_error_and_nothing_is_stored(self):
        for label, (upload, words) in images.attack_files().items():
            with self.subTest(label):
                response = self.add(upload)
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors["file"]
                self.assertIn(words, errors[0])
                self.assertContains(response, "errorlist")
        self.assertEqual(self.new_files(), set())
        self.assertFalse(Photo.objects.exists())

    def test_missing_alt_text_and_credit_are_named_and_nothing_is_stored(self):
        response = self.add(images.upload(images.jpeg()), alt_text="", credit="")
        form = response.context["adminform"].form
        self.assertEqual(set(form.errors), {"alt_text", "credit"})
        self.assertEqual(self.new_files(), set())

    def test_focal_point_outside_the_photo_is_refused(self):
        response = self.add(images.upload(images.jpeg()), focal_x="1.5")
        self.assertIn("focal_x", response.context["adminform"].form.errors)
        self.assertEqual(self.new_files(), set())

    def test_changelist_shows_thumbnails_and_searches_caption_and_credit(self):
        make_photo(caption="Banjir di Ciputat", credit="Dok. BPBD Tangsel")
        make_photo(caption="Pelantikan pejabat", credit="Dok. Humas Pemkot Tangsel")
        response = self.client.get(reverse("admin:news_photo_changelist"), {"q": "BPBD"})
        self.assertContains(response, "Banjir di Ciputat")
        self.assertNotContains(response, "Pelantikan pejabat")
        self.assertRegex(response.content.decode(), r'<img src="/media/photos/[^"]+/1x1-f50x50-\d+w\.jpg" width="64"')
        response = self.client.get(reverse("admin:news_photo_changelist"), {"q": "pelantikan"})
        self.assertContains(response, "Pelantikan pejabat")

    def test_moving_the_focal_point_makes_new_crops_and_removes_the_old(self):
        photo = make_photo(images.jpeg((400, 200)))
        old_crops = [r.name for r in photo.renditions("16:9") + photo.renditions("1:1")]
        originals = [r.name for r in photo.renditions("original")]
        change = reverse("admin:news_photo_change", args=[photo.pk])
        page = self.client.get(change)
        self.assertContains(page, 'class="focal-picker"')
        self.assertContains(page, "photo-focal-point.js")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(change, {"alt_text": photo.alt_text, "credit": photo.credit, "caption": "",
                                                 "focal_x": "0.90", "focal_y": "0.20"})
        self.assertEqual(response.status_code, 302)
        photo.refresh_from_db()
        new_crops = [r.name for r in photo.renditions("16:9") + photo.renditions("1:1")]
        self.assertTrue(all("-f90x20-" in name for name in new_crops))
        stored = set(self.stored_files())
        self.assertTrue(set(new_crops) <= stored)
        self.assertFalse(set(old_crops) & stored)
        self.assertTrue(set(originals) <= stored)

    def test_stored_file_cannot_be_replaced(self):
        photo = make_photo()
        response = self.client.get(reverse("admin:news_photo_change", args=[photo.pk]))
        self.assertNotContains(response, 'type="file"')

    def test_deleting_in_the_admin_removes_the_files(self):
        photo = make_photo()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("admin:news_photo_delete", args=[photo.pk]), {"post": "yes"})
        self.assertEqual(self.new_files(), set())


class ArticlePhotoAdminTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")
        cls.photo = make_photo(caption="Banjir di Ciputat", credit="Dok. BPBD Tangsel")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.editor)

    def test_article_form_chooses_from_the_library_or_uploads_through_the_add_button(self):
        response = self.client.get(reverse("admin:news_article_add"))
        self.assertContains(response, 'name="photo"')
        self.assertContains(response, f'{reverse("admin:news_photo_add")}?_to_field=id&amp;_popup=1')
        found = self.client.get(reverse("admin:autocomplete"), {"term": "banjir", "app_label": "news",
                                                              "model_name": "article", "field_name": "photo"})
        self.assertEqual([row["id"] for row in found.json()["results"]], [str(self.photo.pk)])

    def test_editor_sets_the_featured_photo(self):
        article = make_article(section=make_section(), headline="Banjir Ciputat")
        response = self.client.post(reverse("admin:news_article_change", args=[article.pk]),
                                    article_form_data(article, photo=self.photo.pk))
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        self.assertEqual(Article.objects.get(pk=article.pk).photo, self.photo)

    def test_body_editor_uploads_to_the_project_view(self):
        response = self.client.get(reverse("admin:news_article_add"))
        config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', response.content.decode()).group(1)))
        upload_url = reverse("admin:news_photo_editor_upload")
        self.assertEqual(config["filebrowserImageUploadUrl"], upload_url)
        self.assertEqual(config["uploadUrl"], upload_url)
        self.assertNotIn("ckeditor_uploader", response.content.decode())
        self.assertContains(response, "js/editor-photo-upload.js")
