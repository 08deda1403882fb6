"""Image upload from CKEditor's image dialog: who may upload, what is answered, what is stored."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.html import escapejs

from news import roles
from news.models import Photo

from . import images
from .factories import TemporaryMediaMixin

URL = "admin:news_photo_editor_upload"


class EditorUploadTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.reporter = User.objects.create_user("reporter", password="rahasia-sekali-123", is_staff=True)
        cls.reporter.user_permissions.add(Permission.objects.get(codename="change_article"))
        cls.clerk = User.objects.create_user("arsip", password="rahasia-sekali-123", is_staff=True)
        cls.reader = User.objects.create_user("pembaca", password="rahasia-sekali-123")

    def post(self, client=None, query="", upload=None, **fields):
        data = {"upload": upload or images.upload(images.jpeg((1200, 800)), "IMG_0001.jpg"),
                "alt_text": "Warga menyeberangi banjir di Ciputat", "credit": "Dok. BPBD Tangsel", **fields}
        return (client or self.client).post(reverse(URL) + query, data)

    def test_reporter_uploads_into_the_library_and_gets_a_body_sized_rendition(self):
        self.client.force_login(self.reporter)
        response = self.post(caption="Banjir merendam Ciputat")
        answer = response.json()
        photo = Photo.objects.get()
        self.assertEqual(answer["uploaded"], 1)
        self.assertEqual(answer["url"], photo.rendition_url("original", 1024))
        self.assertRegex(answer["url"], r"^/media/photos/\d{4}/\d{2}/[0-9a-f]{32}/original-1024w\.jpg$")
        self.assertEqual((answer["width"], answer["height"]), (1024, 683))
        self.assertEqual(answer["alt"], "Warga menyeberangi banjir di Ciputat")
        self.assertEqual((photo.credit, photo.caption, photo.uploaded_by), ("Dok. BPBD Tangsel", "Banjir merendam Ciputat", self.reporter))
        self.assertIn(answer["url"].removeprefix("/media/"), self.new_files())

    def test_newsroom_roles_may_upload_and_keep_the_library(self):
        reporter = get_user_model().objects.create_user("wartawan", is_staff=True)
        reporter.groups.add(Group.objects.get(name=roles.REPORTER))
        self.client.force_login(reporter)
        self.assertEqual(self.post().json()["uploaded"], 1)
        self.assertTrue(reporter.has_perms(["news.add_photo", "news.change_photo"]))
        self.assertFalse(reporter.has_perm("news.delete_photo"))

    def test_anonymous_and_readers_are_sent_to_login_and_nothing_is_stored(self):
        for user in (None, self.reader):
            client = Client()
            if user:
                client.force_login(user)
            response = self.post(client)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("admin:login")))
        self.assertEqual(self.new_files(), set())
        self.assertFalse(Photo.objects.exists())

    def test_staff_who_may_not_change_articles_get_403(self):
        self.client.force_login(self.clerk)
        self.assertEqual(self.post().status_code, 403)
        self.assertEqual(self.new_files(), set())

    def test_csrf_is_required(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.reporter)
        self.assertEqual(self.post(client).status_code, 403)
        self.assertEqual(self.new_files(), set())
        client.get(reverse("admin:index"))
        response = self.post(client, csrfmiddlewaretoken=client.cookies["csrftoken"].value)
        self.assertEqual(response.json()["uploaded"], 1)

    def test_only_post(self):
        self.client.force_login(self.reporter)
        self.assertEqual(self.client.get(reverse(URL)).status_code, 405)

    def test_every_attack_file_is_answered_with_its_message_and_nothing_is_stored(self):
        self.client.force_login(self.reporter)
        for label, (upload, words) in images.attack_files().items():
            with self.subTest(label):
                answer = self.post(upload=upload).json()
                self.assertEqual(answer["uploaded"], 0)
                self.assertIn(words, answer["error"]["message"])
        self.assertEqual(self.new_files(), set())
        self.assertFalse(Photo.objects.exists())

    def test_missing_alt_text_is_named(self):
        self.client.force_login(self.reporter)
        answer = self.post(alt_text="").json()
        self.assertEqual(answer["uploaded"], 0)
        self.assertTrue(answer["error"]["message"].startswith("Teks alternatif: "))
        self.assertEqual(self.new_files(), set())

    def test_pasted_image_without_the_dialog_fields_is_explained(self):
        self.client.force_login(self.reporter)
        response = self.client.post(reverse(URL), {"upload": images.upload(images.jpeg())})
        self.assertIn("tombol Gambar", response.json()["error"]["message"])
        self.assertEqual(self.new_files(), set())

    def test_numeric_callback_gets_the_form_upload_page(self):
        self.client.force_login(self.reporter)
        response = self.post(query="?CKEditor=id_body&CKEditorFuncNum=3&langCode=id")
        url = Photo.objects.get().rendition_url("original", 1024)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertContains(response, f'window.parent.CKEDITOR.tools.callFunction(3, "{escapejs(url)}", "");')

    def test_callback_that_is_not_a_number_is_refused_and_nothing_is_stored(self):
        self.client.force_login(self.reporter)
        for callback in ("1);alert(document.cookie)//", "٣", "1e3", ""):
            response = self.post(query=f"?CKEditorFuncNum={callback}")
            self.assertEqual(response.status_code, 400)
            self.assertNotIn(b"alert", response.content)
        self.assertEqual(self.new_files(), set())

    def test_error_message_in_the_callback_page_cannot_break_out_of_the_script(self):
        self.client.force_login(self.reporter)
        response = self.post(query="?CKEditorFuncNum=7", alt_text="", credit="</script><script>alert(1)</script>")
        self.assertNotContains(response, "</script><script>")
