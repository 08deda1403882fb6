"""A large, deterministic archive of made-up regional news, for the benchmark and query-count tests.

The same seed gives the same newsroom: sections with sub-sections, datelines, tags,
reporters and articles written from Indonesian newsroom phrases, spread over a span of
days, with a few drafts and scheduled stories besides. Rows go in with bulk inserts, so
100,000 articles take about a minute on SQLite.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Article, Author, Dateline, Section, Source, Tag

BATCH = 2000
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
    "TIGARAKSA", "BALARAJA", "KOTA TANGERANG", "LABUAN", "MALINGPING", "KASEMEN", "ANYER",
]
TAGS = [
    "Pilkada Banten", "Banjir", "Pemkot Tangsel", "DPRD Banten", "Jalan Rusak", "UMK", "Narkoba",
    "BPJS Kesehatan", "KRL", "Sampah", "PPDB", "Pasar Tradisional", "Pariwisata", "Persita", "Korupsi",
    "Kesehatan", "Infrastruktur", "Ramadan", "Pelayanan Publik", "UMKM", "Dana Desa", "Stunting",
    "Kemacetan", "Pelabuhan Merak", "Baduy", "Pantai Anyer", "Guru Honorer", "Pemilu 2024",
]
REPORTERS = [
    ("Julius Simanjuntak", "jls"), ("Rina Marlina", "rin"), ("Ahmad Fauzi", "afz"), ("Siti Nurhaliza", "snh"),
    ("Dedi Kurniawan", "dk"), ("Yusuf Maulana", "yus"), ("Lilis Suryani", "lis"), ("Hendra Gunawan", "hg"),
]
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
    "Sekolah di {place} Kekurangan Guru Honorer",
    "Antrean Panjang Warnai Pembuatan KTP Elektronik di {place}",
    "Nelayan {place} Tak Melaut Akibat Cuaca Buruk",
    "Bupati Resmikan Jembatan Penghubung Dua Desa di {place}",
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
    "Ketua RT setempat membenarkan kejadian tersebut saat dikonfirmasi wartawan.",
    "Pemerintah provinsi menargetkan pekerjaan rampung sebelum akhir tahun.",
    "Anggota dewan meminta dinas terkait segera turun ke lapangan.",
    "Sebagian warga memilih mengungsi ke rumah kerabat yang lebih aman.",
    "Kapolsek mengimbau masyarakat tidak mudah percaya kabar yang belum jelas sumbernya.",
    "Dinas pendidikan mencatat ratusan siswa terdampak kebijakan tersebut.",
    "Hingga berita ini diturunkan, pihak terkait belum memberikan keterangan resmi.",
    "Program serupa pernah digelar tahun lalu dan mendapat sambutan positif.",
]
QUOTES = [
    "\u201cKami sudah berkali-kali mengadu, tapi belum ada tindak lanjut,\u201d kata {name}, warga setempat.",
    "\u201cTahun ini anggarannya sudah kami siapkan,\u201d ujar {name} kepada detakbanten.com.",
    "\u201cKami minta masyarakat tetap tenang dan mengikuti arahan petugas,\u201d tegas {name}.",
    "\u201cIni menjadi perhatian serius kami,\u201d imbuh {name}.",
]
NAMES = ["Sahroni", "Hj. Nurlela", "Asep Saepudin", "Budi Santoso", "Iis Rosita", "Mamat Rahmat", "Dewi Lestari"]


def generate(count, *, days=60, seed=4, progress=None):
    """`count` published articles over the last `days` days (and count // 10 drafts and scheduled ones).

    Returns a dict of what it made. progress(done, total) is called after each batch.
    """
    rng = random.Random(seed)
    with transaction.atomic():
        sections = _sections()
        datelines = Dateline.objects.bulk_create(Dateline(name=name, slug=slugify(name)) for name in DATELINES)
        tags = Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in TAGS)
        authors = Author.objects.bulk_create(Author(name=name, initials=initials) for name, initials in REPORTERS)
        source = Source.objects.get_or_create(name="detakbanten.com")[0]
    total = count + count // 20 * 2
    now = timezone.now()
    made = []
    for start in range(0, total, BATCH):
        rows = [_article(rng, n, count, now, days, sections, datelines, source) for n in range(start, min(total, start + BATCH))]
        with transaction.atomic():
            rows = Article.objects.bulk_create(rows)
            Article.tags.through.objects.bulk_create(
                Article.tags.through(article_id=article.pk, tag_id=tag.pk)
                for article in rows for tag in rng.sample(tags, rng.randint(1, 4))
            )
            Article.authors.through.objects.bulk_create(
                Article.authors.through(article_id=article.pk, author_id=author.pk)
                for article in rows for author in rng.sample(authors, rng.randint(1, 2))
            )
        made += rows
        if progress:
            progress(len(made), total)
    return {"sections": sections, "datelines": datelines, "tags": tags, "authors": authors, "articles": made}


def _sections():
    sections, position = [], 0
    for name, children in REGIONS.items():
        position += 1
        parent = Section.objects.create(name=name, slug=slugify(name), position=position)
        sections.append(parent)
        sections += [Section.objects.create(name=child, slug=slugify(child), parent=parent) for child in children]
    return sections


def _article(rng, n, count, now, days, sections, datelines, source):
    dateline = rng.choice(datelines)
    headline = rng.choice(HEADLINES).format(place=dateline.name.title()) + f" ({n})"
    paragraphs = []
    for index in range(rng.randint(4, 9)):
        if index and rng.random() < 0.3:
            paragraphs.append(rng.choice(QUOTES).format(name=rng.choice(NAMES)))
        else:
            paragraphs.append(" ".join(rng.sample(SENTENCES, 3)))
    status, published_at = Article.Status.PUBLISHED, now - timedelta(minutes=rng.randint(5, days * 1440))
    if n >= count:  # the extra ones: half drafts, half scheduled
        status, published_at = (Article.Status.DRAFT, None) if n % 2 else (Article.Status.PUBLISHED, now + timedelta(days=1))
    return Article(
        headline=headline, slug=slugify(headline), lead=paragraphs[0][:300],
        body="".join(f"<p>{text}</p>" for text in paragraphs),
        section=rng.choice(sections), dateline=dateline, source=source,
        status=status, published_at=published_at, is_headline=n == 0,
    )
