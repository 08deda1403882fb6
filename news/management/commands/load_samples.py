"""Thin command around news.importers: the sample stories, their sections, tags, authors and dates."""

from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from news.importer import ParseError
from news.importers import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportRefused,
    describe,
    find_section,
    find_tag,
    import_key,
    imported_article,
    read_article,
    save_article,
)
from news.models import Article, Author, Section
from news.sample_photos import attach_sample_photo

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"

# (slug, name, parent slug, position); the sample folders are named by slug.
SECTIONS = [
    ("banten", "Banten", None, 1),
    ("tangsel", "Tangsel", "banten", 1),
    ("serang", "Serang", "banten", 2),
    ("politik", "Politik", None, 2),
    ("ekonomi", "Ekonomi", None, 3),
    ("olahraga", "Olahraga", None, 4),
    ("pendidikan", "Pendidikan", None, 5),
]

# In this order, so the home page mixes sections (those without a day in their text come out a few
# hours apart, newest first); files missing here still load, after these, without tags.
SAMPLE_TAGS = {
    "serang/banjir-kasemen.txt": ["Banjir", "Kota Serang", "BPBD"],
    "tangsel/uji-coba-bus-sekolah-pamulang.txt": ["Pemkot Tangsel", "Transportasi", "Pelajar"],
    "politik/raperda-pesantren-dprd-banten.txt": ["DPRD Banten", "Pesantren", "Peraturan Daerah"],
    "ekonomi/harga-cabai-pasar-rau.txt": ["Harga Pangan", "Kota Serang", "Pasar"],
    "olahraga/venue-porprov-cilegon.txt": ["Porprov Banten", "Cilegon"],
    "pendidikan/zonasi-ppdb-kabupaten-tangerang.txt": ["PPDB", "Kabupaten Tangerang", "Pelajar"],
    "serang/car-free-day-alun-alun-serang.txt": ["Kota Serang", "Lingkungan"],
    "politik/coklit-pemilih-lebak.txt": ["KPU", "Pemilu", "Lebak"],
    "ekonomi/emping-melinjo-pandeglang.txt": ["UMKM", "Pandeglang"],
    "pendidikan/atap-sekolah-ambruk-cikeusik.txt": ["Pandeglang", "Sekolah Rusak"],
    "tangsel/wali-kota-tangsel-birokrat.txt": ["Pemkot Tangsel", "Birokrasi", "Pelantikan Pejabat"],
}
HEADLINE_SAMPLE = "serang/banjir-kasemen.txt"
HOURS_APART = 5
# The reporters who sign the samples, by their initials.
SAMPLE_AUTHORS = {
    "jls": "Julius Lesmana Saputra",
    "rin": "Rindi Ayu Lestari",
    "nrd": "Nuruddin Hidayat",
    "dng": "Dadang Nugraha",
    "ald": "Aldi Firmansyah",
}
# A story whose text names its day ("kata Agus, Minggu") comes out on the last such day (0 = Senin),
# at that time of day; one that gives dates comes out when it did. The rest are a few hours apart.
SAMPLE_WEEKDAYS = {
    "serang/banjir-kasemen.txt": (6, time(13, 15)),
    "serang/car-free-day-alun-alun-serang.txt": (6, time(10, 40)),
    "tangsel/uji-coba-bus-sekolah-pamulang.txt": (0, time(9, 20)),
    "ekonomi/harga-cabai-pasar-rau.txt": (2, time(11, 5)),
    "pendidikan/atap-sekolah-ambruk-cikeusik.txt": (1, time(14, 30)),
}
SAMPLE_DATES = {"tangsel/wali-kota-tangsel-birokrat.txt": datetime(2017, 1, 11, 19, 30)}
FAILED = "GAGAL"


def sample_files():
    """Sample paths relative to SAMPLES_DIR, newest first."""
    found = sorted(path.relative_to(SAMPLES_DIR).as_posix() for path in SAMPLES_DIR.glob("*/*.txt"))
    listed = [name for name in SAMPLE_TAGS if name in found]
    return listed + [name for name in found if name not in SAMPLE_TAGS]


def create_sections():
    """The demo site's sections; existing ones are left as editors made them."""
    sections = {}
    for slug, name, parent, position in SECTIONS:
        sections[slug], _ = Section.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "parent": sections.get(parent), "position": position, "show_in_nav": True},
        )
    return sections


def create_authors():
    """The sample reporters with their full names; one an editor renamed keeps the editor's name."""
    for initials, name in SAMPLE_AUTHORS.items():
        author = Author.objects.filter(initials__iexact=initials).first()
        if author is None:
            Author.objects.create(name=name, initials=initials)
        elif author.name.strip().lower() == initials:
            author.name = name
            author.save(update_fields=["name"])


def sample_time(name, index, now):
    """When the sample came out, agreeing with the day its text names."""
    if name in SAMPLE_DATES:
        return timezone.make_aware(SAMPLE_DATES[name])
    if name in SAMPLE_WEEKDAYS:
        weekday, at = SAMPLE_WEEKDAYS[name]
        today = timezone.localtime(now).date()
        day = today - timedelta(days=(today.weekday() - weekday) % 7)
        moment = timezone.make_aware(datetime.combine(day, at))
        return moment - timedelta(days=7) if moment > now else moment
    return now - timedelta(hours=HOURS_APART * index + 1)


class Command(BaseCommand):
    help = (
        "Memuat contoh berita dari news/samples/ beserta kanal, tag, dan foto ilustrasinya. "
        "Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-photos", action="store_true",
            help="Tanpa foto ilustrasi: lebih cepat, misalnya untuk uji coba impor.",
        )

    def handle(self, *args, no_photos=False, **options):
        with transaction.atomic():
            sections = create_sections()
            create_authors()
        now = timezone.now()
        outcomes = Counter()
        for index, name in enumerate(sample_files()):
            try:
                parsed = read_article(SAMPLES_DIR / name)
                if imported_article(import_key(parsed.headline)) is not None:
                    # Loaded before: what editors did with it since (edited, unpublished,
                    # retracted) is theirs, and a repeat run must not undo it.
                    outcomes[UNCHANGED] += 1
                    continue
                with transaction.atomic():
                    slug = name.split("/")[0]
                    section = sections.get(slug) or find_section(slug)
                    published_at = sample_time(name, index, now)
                    article, outcome = save_article(parsed, section=section, published_at=published_at)
                    if outcome == CREATED and name == HEADLINE_SAMPLE:
                        # A flag, not content: no new version or revision for it.
                        Article.objects.filter(pk=article.pk).update(is_headline=True)
                    article.tags.add(*[find_tag(tag) for tag in SAMPLE_TAGS.get(name, [])])
                    if not no_photos:
                        attach_sample_photo(article)
            except (ParseError, ImportRefused) as error:
                outcomes[FAILED] += 1
                self.stderr.write(f"GAGAL {name}: {error}")
                continue
            outcomes[outcome] += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"{outcome} {name}: {describe(parsed)}")
        counts = [f"{outcomes[name]} {name.lower()}" for name in (CREATED, UPDATED, UNCHANGED, FAILED) if outcomes[name]]
        summary = ", ".join(counts)
        self.stdout.write(self.style.SUCCESS(f"Contoh berita dimuat ke {len(sections)} kanal: {summary}."))
        if outcomes[FAILED]:
            raise CommandError(f"{outcomes[FAILED]} berkas contoh gagal dimuat.")
