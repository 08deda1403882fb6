"""Small helpers that build rows for tests, in the spirit of djangoproject.com's checklists factory."""

import itertools
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.test import override_settings
from django.utils import timezone

from news import photos
from news.models import Article, Author, Dateline, Photo, Section, Source, Tag

from . import images

_counter = itertools.count(1)


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


# A regional newsroom in miniature, for tests that need realistic volume and for the benchmark.
REGIONS = {
    "Banten": ["Tangsel", "Kota Serang", "Cilegon", "Pandeglang", "Lebak", "Tangerang"],
    "Politik": [],
    "Ekonomi": [],
    "Hukum": [],
    "Pendidikan": [],
    "Olahraga": [],
}
DATELINES = [
    "CIPUTAT", "SERPONG", "PAMULANG", "KOTA SERANG", "CILEGON", "PANDEGLANG", "RANGKASBITUNG",
    "TIGARAKSA", "BALARAJA", "KOTA TANGERANG", "LABUAN", "MALINGPING",
]
TAGS = [
    "Pilkada Banten", "Banjir", "Pemkot Tangsel", "DPRD Banten", "Jalan Rusak", "UMK", "Narkoba",
    "BPJS Kesehatan", "KRL", "Sampah", "PPDB", "Pasar Tradisional", "Pariwisata", "Persita", "Korupsi",
    "Kesehatan", "Infrastruktur", "Ramadan", "Pelayanan Publik", "UMKM",
]
REPORTERS = [("Julius Simanjuntak", "jls"), ("Rina Marlina", "rin"), ("Ahmad Fauzi", "afz"),
             ("Siti Nurhaliza", "snh"), ("Dedi Kurniawan", "dk"), ("Yusuf Maulana", "yus")]
HEADLINES = [
    "Warga {place} Keluhkan Jalan Rusak yang Tak Kunjung Diperbaiki",
    "Pemkot Gelar Operasi Pasar Murah di {place} Jelang Ramadan",
    "DPRD Soroti Pelayanan RSUD di {place}",
    "Polisi Amankan Pengedar Narkoba di {place}",
    "Ratusan Siswa {place} Ikuti Lomba Cerdas Cermat",
    "Banjir Rendam Puluhan Rumah di {place}",
    "Wali Kota Minta Camat {place} Tingkatkan Pelayanan",
    "Harga Cabai di Pasar {place} Naik Dua Kali Lipat",
    "Kejari Periksa Kepala Desa di {place} soal Dana Desa",
    "Persita Tangerang Gelar Latihan Terbuka di {place}",
    "Pedagang Pasar {place} Tolak Relokasi",
    "Dinas Kesehatan Buka Posyandu Baru di {place}",
]
SENTENCES = [
    "Warga mengaku sudah lama menunggu perhatian pemerintah daerah.",
    "Petugas kelurahan dilayani warga dengan ramah sejak pagi hari.",
    "Menurut camat setempat, pelayanan akan diperbaiki dalam waktu dekat.",
    "Pihak kepolisian masih mendalami keterangan sejumlah saksi.",
    "Anggaran untuk kegiatan tersebut berasal dari APBD tahun berjalan.",
    "Kepala dinas berjanji akan melayani keluhan masyarakat secara langsung.",
    "Sejumlah pedagang berharap harga kembali stabil menjelang hari raya.",
    "Kegiatan itu dihadiri unsur Muspika dan tokoh masyarakat.",
]


def make_newsroom(articles=300, days=60, seed=4):
    """Sections with sub-sections, datelines, tags, reporters and `articles` published articles
    spread over `days` days (a few drafts and scheduled ones besides), built in bulk."""
    import random

    from django.utils.text import slugify

    rng = random.Random(seed)
    sections, position = [], 0
    for name, children in REGIONS.items():
        position += 1
        parent = Section.objects.create(name=name, slug=slugify(name), position=position)
        sections.append(parent)
        sections += [Section.objects.create(name=child, slug=slugify(child), parent=parent) for child in children]
    datelines = Dateline.objects.bulk_create(Dateline(name=name, slug=slugify(name)) for name in DATELINES)
    tags = Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in TAGS)
    authors = Author.objects.bulk_create(Author(name=name, initials=initials) for name, initials in REPORTERS)
    source = make_source(name="detakbanten.com")

    now = timezone.now()
    rows = []
    for n in range(articles + articles // 20 * 2):
        dateline = rng.choice(datelines)
        headline = rng.choice(HEADLINES).format(place=dateline.name.title()) + f" ({n})"
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(4, 9))]
        status, published_at = Article.Status.PUBLISHED, now - timedelta(minutes=rng.randint(5, days * 1440))
        if n >= articles:  # the extra ones: half drafts, half scheduled
            status, published_at = (
                (Article.Status.DRAFT, None) if n % 2 else (Article.Status.PUBLISHED, now + timedelta(days=1))
            )
        rows.append(Article(
            headline=headline, slug=slugify(headline), lead=paragraphs[0][:300],
            body="".join(f"<p>{text}</p>" for text in paragraphs),
            section=rng.choice(sections), dateline=dateline, source=source,
            status=status, published_at=published_at, is_headline=n == 0,
        ))
    rows = Article.objects.bulk_create(rows)
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=article.pk, tag_id=tag.pk)
        for article in rows for tag in rng.sample(tags, rng.randint(1, 4))
    )
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article_id=article.pk, author_id=author.pk)
        for article in rows for author in rng.sample(authors, rng.randint(1, 2))
    )
    return {"sections": sections, "datelines": datelines, "tags": tags, "authors": authors, "articles": rows}
