"""What readers get of photos: <picture> markup, sizes and captions, fixed query counts, safe media."""

import re
from html.parser import HTMLParser

from django.test import TestCase, override_settings
from django.urls import reverse
from PIL import features

from . import images
from .factories import (
    TemporaryMediaMixin, assert_steady_queries, make_article, make_author, make_photo, make_section, make_tag,
)

FORMATS = ["image/avif", "image/webp"] if features.check("avif") else ["image/webp"]


class PictureParser(HTMLParser):
    """Collects each <picture>'s <source> and <img> attributes."""

    def __init__(self):
        super().__init__()
        self.pictures = []

    def handle_starttag(self, tag, attrs):
        if tag == "picture":
            self.pictures.append({"sources": [], "img": None})
        elif tag == "source" and self.pictures:
            self.pictures[-1]["sources"].append(dict(attrs))
        elif tag == "img" and self.pictures and self.pictures[-1]["img"] is None:
            self.pictures[-1]["img"] = dict(attrs)


def pictures(response):
    parser = PictureParser()
    parser.feed(response.content.decode())
    return parser.pictures


def widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


@override_settings(PHOTO_AVIF=True)
class ArticlePhotoTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.photo = make_photo(images.jpeg((1700, 1000)), alt_text="Wali Kota melantik pejabat di Puspemkot",
                               caption="Pelantikan pejabat eselon II.", credit="Dok. Humas Pemkot Tangsel")
        cls.article = make_article(section=make_section(), photo=cls.photo, body="<p>Isi.</p>")

    def test_lead_photo_is_a_responsive_picture_with_fixed_dimensions(self):
        [picture] = pictures(self.client.get(self.article.get_absolute_url()))
        self.assertEqual([source["type"] for source in picture["sources"]], FORMATS)
        for source in picture["sources"]:
            self.assertEqual(widths(source["srcset"]), [320, 640, 1024, 1600])
            self.assertEqual(source["sizes"], "(min-width: 44rem) 42rem, calc(100vw - 2rem)")
        img = picture["img"]
        self.assertEqual(widths(img["srcset"]), [320, 640, 1024, 1600])
        self.assertTrue(img["src"].endswith("/original-640w.jpg"))
        self.assertEqual((img["width"], img["height"]), ("640", "376"))
        self.assertEqual(img["alt"], "Wali Kota melantik pejabat di Puspemkot")
        self.assertEqual((img["loading"], img["fetchpriority"]), ("eager", "high"))

    def test_caption_and_credit_under_the_photo(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(
            response,
            '<figcaption>Pelantikan pejabat eselon II. <span class="credit">Foto: Dok. Humas Pemkot Tangsel</span>'
            "</figcaption>",
            html=True,
        )

    def test_query_count_is_unchanged_by_the_photo(self):
        self.article.authors.add(make_author())
        self.article.tags.add(make_tag())
        # The article with its photo (authors, tags and corrections are kept); alone, so no card query
        assert_steady_queries(self, 1, self.article.get_absolute_url())

    def test_article_without_photo_has_no_picture(self):
        article = make_article(section=make_section())
        page = self.client.get(article.get_absolute_url()).content.decode()
        # The story itself; the side column's cards beside it carry their own photos.
        story = page[page.index('<article class="story">'):page.index('<aside class="side"')]
        self.assertNotIn("<picture", story)
        self.assertNotIn("story-photo", page)


class CardPhotoTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Tangsel", slug="tangsel")
        cls.lead = make_article(section=cls.section, is_headline=True, photo=make_photo(images.jpeg((1700, 1000))))
        for _ in range(3):
            make_article(section=cls.section, photo=make_photo(images.jpeg((700, 500))))
        make_article(section=cls.section)

    def test_cards_show_16_9_crops_lazily_and_the_lead_eagerly(self):
        lead, *others = pictures(self.client.get(reverse("news:home")))
        self.assertEqual(len(others), 3)
        self.assertEqual(lead["img"]["loading"], "eager")
        self.assertIn("/16x9-f50x50-", lead["img"]["src"])
        self.assertEqual((lead["img"]["width"], lead["img"]["height"]), ("640", "360"))
        for card in others:
            self.assertEqual(card["img"]["loading"], "lazy")
            # A thumbnail; the headlines beside the lead are wider on a desktop.
            self.assertIn(card["img"]["sizes"], {"8rem", "(min-width: 60rem) 14rem, 8rem"})
            self.assertEqual(widths(card["img"]["srcset"]), [320, 640])  # 700 is too close to 640 to be worth a file
            self.assertEqual((card["img"]["width"], card["img"]["height"]), ("640", "360"))

    def test_query_counts_are_unchanged_by_photos(self):
        # Its stories and the most read are kept until a story changes (the most read for a minute).
        assert_steady_queries(self, 0, reverse("news:home"))
        assert_steady_queries(self, 4, self.section.get_absolute_url())  # section, count, page, sub-sections


@override_settings(ROOT_URLCONF="tests.urls_media")
class MediaServingTests(TemporaryMediaMixin, TestCase):
    def test_media_is_served_as_inert_data(self):
        photo = make_photo(images.phone_jpeg())
        response = self.client.get(photo.rendition_url("original", 320, "webp"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/webp")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Security-Policy"], "default-src 'none'; sandbox")
        served = b"".join(response.streaming_content)
        self.assertNotIn(b"Exif", served)
        self.assertNotIn(b"lokasi-rahasia", served)
