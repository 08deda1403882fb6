"""The sample articles' drawn photos: made once, through the same pipeline as an editor's upload."""

from django.test import TestCase

from news.models import Photo
from news.sample_photos import CREDIT, attach_sample_photo

from .factories import TemporaryMediaMixin, make_article, make_section


class SamplePhotoTests(TemporaryMediaMixin, TestCase):
    def test_each_sample_article_gets_its_own_photo_once(self):
        section = make_section(name="Tangsel")
        first = make_article(section=section, headline="Wali Kota Lantik Pejabat")
        second = make_article(section=section, headline="Banjir Rendam Ciputat")
        photo = attach_sample_photo(first)
        attach_sample_photo(second)
        self.assertEqual(attach_sample_photo(first), photo)
        self.assertEqual(Photo.objects.count(), 2)
        first.refresh_from_db()
        self.assertEqual(first.photo, photo)
        self.assertEqual((photo.width, photo.height, photo.credit), (1600, 1000, CREDIT))
        self.assertTrue(photo.alt_text)
        self.assertNotEqual((photo.focal_x, photo.focal_y), (second.photo.focal_x, second.photo.focal_y))
        self.assertTrue(all(photo.file.storage.exists(r.name) for r in photo.renditions()))
