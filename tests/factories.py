"""Small helpers that build rows for tests, in the spirit of djangoproject.com's checklists factory."""

import itertools
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.test import override_settings
from django.utils import timezone

from news import photos
from news.generator import generate
from news.models import Article, Author, Dateline, Photo, Section, Source, Tag

from . import images

_counter = itertools.count(1)
PASSWORD = "sandi-rahasia-123"


def make_user(username, role=None, **fields):
    """A staff account in one of the newsroom's groups (news/roles.py), or in none."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def messages_of(response):
    """The messages a rendered admin page shows (none for a redirect)."""
    return [str(message) for message in response.context["messages"]] if response.context else []


def make_section(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Kanal {n}")
    fields.setdefault("slug", f"kanal-{n}")
    return Section.objects.create(**fields)


def make_tag(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Tag {n}")
    return Tag.objects.create(**fields)


def make_author(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Penulis {n}")
    fields.setdefault("initials", f"p{n}")
    return Author.objects.create(**fields)


def make_dateline(**fields):
    n = next(_counter)
    fields.setdefault("name", f"KOTA {n}")
    return Dateline.objects.create(**fields)


def make_source(**fields):
    fields.setdefault("name", "detakbanten.com")
    return Source.objects.get_or_create(name=fields.pop("name"), defaults=fields)[0]


def make_article(tags=(), authors=(), **fields):
    """A published article from an hour ago unless told otherwise."""
    n = next(_counter)
    fields.setdefault("headline", f"Berita nomor {n}")
    fields.setdefault("body", f"<p>Paragraf pertama berita {n}.</p><p>Paragraf kedua.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article.objects.create(**fields)
    if tags:
        article.tags.set(tags)
    if authors:
        article.authors.set(authors)
    return article


def article_form_data(article=None, **fields):
    """What the admin's article form posts: an article's current values, then the given changes."""
    data = {
        "headline": "", "slug": "", "subtitle": "", "section": "", "body": "", "source": "", "dateline": "",
        "authors": [], "tags": [], "status": "draft", "published_at_0": "", "published_at_1": "", "lead": "",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0", "corrections-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        local = timezone.localtime(article.published_at) if article.published_at else None
        data.update(
            headline=article.headline, slug=article.slug, subtitle=article.subtitle, section=article.section_id,
            body=article.body, source=article.source_id or "", dateline=article.dateline_id or "",
            authors=[a.pk for a in article.authors.all()], tags=[t.pk for t in article.tags.all()],
            status=article.status, lead=article.lead, base_version=article.version,
            published_at_0=local.strftime("%d/%m/%Y") if local else "",
            published_at_1=local.strftime("%H:%M:%S") if local else "",
        )
        corrections = list(article.corrections.all())
        data["corrections-TOTAL_FORMS"] = data["corrections-INITIAL_FORMS"] = str(len(corrections))
        for n, correction in enumerate(corrections):
            data.update({f"corrections-{n}-id": correction.pk, f"corrections-{n}-article": article.pk,
                         f"corrections-{n}-kind": correction.kind, f"corrections-{n}-text": correction.text})
    for flag in ("is_headline", "needs_verification", "is_advertorial"):
        if fields.pop(flag, getattr(article, flag, False)):
            data[flag] = "on"
    data.update(fields)
    return data


def make_photo(data=None, **fields):
    """A library photo with its renditions, from a small generated JPEG unless data is given."""
    n = next(_counter)
    fields.setdefault("alt_text", f"Foto nomor {n}")
    fields.setdefault("credit", "Dok. detakbanten.com")
    upload = photos.check_upload(images.upload(data if data is not None else images.jpeg()))
    return photos.save_photo(Photo(**fields), upload=upload)


class TemporaryMediaMixin:
    """A fresh, empty MEDIA_ROOT for a TestCase class, created before setUpTestData and removed after."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = tempfile.mkdtemp(prefix="detakbanten-media-")
        cls.media_override = override_settings(MEDIA_ROOT=cls.media_root)
        cls.media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.media_override.disable()
        shutil.rmtree(cls.media_root, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.files_before = self.stored_files()

    def stored_files(self):
        """Every file under MEDIA_ROOT, relative to it."""
        root = Path(self.media_root)
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}

    def new_files(self):
        """Files this test wrote, beyond those the class's setUpTestData made."""
        return self.stored_files() - self.files_before


def make_newsroom(articles=300, days=60, seed=4):
    """A regional newsroom in miniature (news.generator): sections, datelines, tags, reporters and articles."""
    return generate(articles, days=days, seed=seed)


def assert_steady_queries(testcase, count, url):
    """The queries a page runs once what is kept between requests is there (menu, related stories, next due time)."""
    testcase.client.get(url)
    with testcase.assertNumQueries(count):
        return testcase.client.get(url)
