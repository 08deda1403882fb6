"""The photo library's core: what an upload may be, what is stored, and the renditions readers get."""

import io
from pathlib import Path
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from PIL import Image, ImageDraw, ImageFile, features

from news import photos
from news.models import Photo

from . import images
from .factories import TemporaryMediaMixin, make_photo

AVIF = features.check("avif")


def stored_image(photo, name):
    with photo.file.storage.open(name) as stored:
        data = stored.read()
    return data, Image.open(io.BytesIO(data))


@override_settings(PHOTO_AVIF=True)
class RenditionTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.photo = make_photo(images.jpeg((1700, 1000)))

    def test_widths_and_ratios_per_placement(self):
        expected = {
            "original": [(320, 188), (640, 376), (1024, 602), (1600, 941)],
            "16:9": [(320, 180), (640, 360), (1024, 576), (1600, 900)],
            "1:1": [(320, 320), (640, 640)],
        }
        formats = ["avif", "webp", "jpg"] if AVIF else ["webp", "jpg"]
        for ratio, sizes in expected.items():
            renditions = self.photo.renditions(ratio)
            self.assertEqual(sorted({(r.width, r.height) for r in renditions}), sizes, ratio)
            for rendition in renditions:
                self.assertIn(rendition.format, formats)
                _, image = stored_image(self.photo, rendition.name)
                self.assertEqual(image.size, (rendition.width, rendition.height), rendition.name)
                self.assertEqual(image.format, {"jpg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[rendition.format])

    def test_every_rendition_is_written_once_and_never_per_request(self):
        self.assertEqual(photos.make_renditions(self.photo), 0)
        with mock.patch.object(Image.Image, "resize", side_effect=AssertionError("resized on a page view")):
            self.photo.picture("16:9")
            self.photo.rendition_url("1:1", 320)

    def test_original_is_stored_under_a_random_name_with_the_detected_extension(self):
        name = self.photo.file.name
        self.assertRegex(name, r"^photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")
        self.assertNotIn("foto", name)

    def test_rebuild_command_makes_missing_renditions_only(self):
        missing = self.photo.renditions("16:9")[0].name
        self.photo.file.storage.delete(missing)
        out = io.StringIO()
        call_command("rebuild_renditions", stdout=out)
        self.assertIn(f"Foto #{self.photo.pk}: 1 rendisi dibuat.", out.getvalue())
        self.assertTrue(self.photo.file.storage.exists(missing))


class SmallPhotoTests(TemporaryMediaMixin, TestCase):
    def test_a_photo_narrower_than_every_width_is_never_enlarged(self):
        photo = make_photo(images.jpeg((200, 150)))
        self.assertEqual({r.width for r in photo.renditions("original")}, {200})
        self.assertEqual({(r.width, r.height) for r in photo.renditions("1:1")}, {(150, 150)})

    def test_own_width_is_added_when_clearly_wider_than_the_last_fitting_width(self):
        photo = make_photo(images.jpeg((900, 600)))
        self.assertEqual(sorted({r.width for r in photo.renditions("original")}), [320, 640, 900])


class FocalPointTests(TemporaryMediaMixin, TestCase):
    """A 400 × 200 photo with a black square near its right edge: the face a thumbnail must keep."""

    @classmethod
    def setUpTestData(cls):
        image = Image.new("RGB", (400, 200), "white")
        ImageDraw.Draw(image).rectangle((350, 90, 370, 110), fill="black")
        cls.data = images.encoded(image, "PNG")

    def square_is_in_square_crop(self, photo):
        rendition = next(r for r in photo.renditions("1:1") if r.format == "jpg")
        _, image = stored_image(photo, rendition.name)
        darkest, _ = image.convert("L").getextrema()
        return darkest < 60

    def test_crop_follows_the_focal_point(self):
        on_face = make_photo(self.data, focal_x="0.9", focal_y="0.5")
        centred = make_photo(self.data)
        self.assertTrue(self.square_is_in_square_crop(on_face))
        self.assertFalse(self.square_is_in_square_crop(centred))

    def test_focal_point_is_inside_every_crop(self):
        for focal_x, focal_y in [(0, 0), (0.9, 0.5), (1, 1), (0.25, 0.75)]:
            for ratio in photos.RATIOS:
                left, top, right, bottom = photos.crop_box(400, 200, ratio, focal_x, focal_y)
                self.assertTrue(left <= focal_x * 400 <= right and top <= focal_y * 200 <= bottom, (ratio, focal_x))
                self.assertTrue(0 <= left < right <= 400 and 0 <= top < bottom <= 200)


class AcceptedFormatTests(TemporaryMediaMixin, TestCase):
    def test_each_format_is_stored_in_its_own_format_with_renditions(self):
        cases = {
            "JPEG": (images.jpeg(), ".jpg"),
            "PNG": (images.encoded(images.picture(mode="RGBA", color=(0, 0, 0, 0)), "PNG"), ".png"),
            "WEBP": (images.encoded(images.picture(), "WEBP"), ".webp"),
            "GIF": (images.encoded(images.picture(mode="P", color=3), "GIF"), ".gif"),
        }
        if AVIF:
            cases["AVIF"] = (images.encoded(images.picture(), "AVIF"), ".avif")
        for format, (data, extension) in cases.items():
            with self.subTest(format):
                photo = make_photo(data)
                self.assertTrue(photo.file.name.endswith(extension))
                _, original = stored_image(photo, photo.file.name)
                self.assertEqual(original.format, format)
                self.assertEqual((photo.width, photo.height), (64, 48))
                for rendition in photo.renditions():
                    self.assertTrue(photo.file.storage.exists(rendition.name), rendition.name)

    def test_transparent_png_gets_a_white_jpeg_fallback(self):
        photo = make_photo(images.encoded(images.picture(mode="RGBA", color=(0, 0, 0, 0)), "PNG"))
        _, fallback = stored_image(photo, photo.rendition("original", 64, "jpg").name)
        self.assertEqual(fallback.convert("RGB").getpixel((0, 0)), (255, 255, 255))


class MetadataTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.photo = make_photo(images.phone_jpeg())

    def test_phone_photo_is_turned_upright(self):
        self.assertEqual((self.photo.width, self.photo.height), (48, 64))
        _, original = stored_image(self.photo, self.photo.file.name)
        red, _, blue = original.convert("RGB").getpixel((24, 5))
        self.assertGreater(red, 200)
        self.assertLess(blue, 60)

    def test_no_exif_gps_xmp_or_comment_in_anything_stored(self):
        for name in [self.photo.file.name, *(r.name for r in self.photo.renditions())]:
            data, image = stored_image(self.photo, name)
            self.assertEqual(dict(image.getexif()), {}, name)
            self.assertFalse({"exif", "xmp", "comment", "icc_profile"} & set(image.info), name)
            self.assertNotIn(b"Exif\x00\x00", data, name)
            self.assertNotIn(b"lokasi-rahasia", data, name)


class RefusedUploadTests(TemporaryMediaMixin, TestCase):
    def test_every_attack_file_is_refused_with_a_message_naming_the_problem(self):
        for label, (upload, words) in images.attack_files().items():
            with self.subTest(label):
                with self.assertRaises(ValidationError) as refused:
                    photos.check_upload(upload)
                self.assertIn(words, refused.exception.messages[0])

    def test_bombs_are_refused_from_their_header_without_decoding(self):
        bombs = [images.png_declaring(30000, 30000), images.jpeg_declaring(30000, 30000),
                 images.png_declaring(8000, 8000)]
        with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded a bomb")):
            for data in bombs:
                with self.assertRaisesMessage(ValidationError, "Gambar terlalu besar"):
                    photos.check_upload(images.upload(data))

    @override_settings(PHOTO_MAX_UPLOAD_MB=1)
    def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(self):
        too_big = images.upload(b"\xff\xd8" + b"\x00" * (1024 * 1024))
        with mock.patch.object(Image, "open", side_effect=AssertionError("opened")):
            with self.assertRaisesMessage(ValidationError, "Berkas terlalu besar (1,0 MB); batasnya 1 MB."):
                photos.check_upload(too_big)

    def test_a_storage_failure_leaves_no_file_and_no_row(self):
        upload = photos.check_upload(images.upload(images.jpeg()))
        with mock.patch.object(photos, "encode", side_effect=OSError("disk full")):
            with self.assertRaises(OSError):
                photos.save_photo(Photo(alt_text="Foto", credit="Dok."), upload=upload)
        self.assertEqual(self.new_files(), set())
        self.assertFalse(Photo.objects.exists())


class StorageLifecycleTests(TemporaryMediaMixin, TestCase):
    def test_deleting_a_photo_deletes_its_files(self):
        photo = make_photo()
        other = make_photo()
        with self.captureOnCommitCallbacks(execute=True):
            photo.delete()
        self.assertTrue(self.stored_files())
        self.assertTrue(all(name.startswith(Path(other.file.name).with_suffix("").as_posix())
                            or name == other.file.name for name in self.stored_files()))

    def test_rebuild_reports_a_missing_original_without_a_traceback(self):
        photo = make_photo()
        photo.file.storage.delete(photo.file.name)
        photo.file.storage.delete(photo.renditions()[0].name)
        err = io.StringIO()
        with self.assertRaisesMessage(CommandError, "1 foto gagal diproses"):
            call_command("rebuild_renditions", stdout=io.StringIO(), stderr=err)
        self.assertIn(f"Foto #{photo.pk}: berkas asli {photo.file.name} tidak ada di penyimpanan.", err.getvalue())
        self.assertNotIn("Traceback", err.getvalue())

    def test_rebuild_names_unknown_photos(self):
        with self.assertRaisesMessage(CommandError, "Foto tidak ditemukan: 987654."):
            call_command("rebuild_renditions", "987654", stdout=io.StringIO())
