import functools
import html
import math
import posixpath
import re
import secrets
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal

import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify

from . import formats, photos
from .editor import BodyField

LEAD_LENGTH = 300
# Where a long story turns to its next page, as stored in the body: CKEditor's page-break button
# inserts it and the WordPress importer writes it for <!--nextpage-->. Pages are split on it.
PAGE_BREAK = '<hr class="page-break">'
_PAGE_BREAK = re.compile(r'<hr\b[^>]*\bclass="page-break"[^>]*>', re.IGNORECASE)


def split_pages(body):
    """The body's pages, split at each page break; empty pages (a break at the very start or end) dropped."""
    pages = [part.strip() for part in _PAGE_BREAK.split(body)]
    return [page for page in pages if page] or [body]
WORDS_PER_MINUTE = 200
RELATED_WINDOW = timedelta(days=90)
_FIRST_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_OPENING_PARAGRAPH = re.compile(r"^\s*<p\b[^>]*>", re.IGNORECASE)


@functools.lru_cache(maxsize=50_000)
def _reverse(viewname, kwargs):
    return reverse(viewname, kwargs=dict(kwargs))


def reverse_cached(viewname, **kwargs):
    """reverse(), remembered: a page links to dozens of stories, sections and tags, and Django's
    reverse() costs more than the rest of rendering a link.

    The site's URLconf and its script prefix are the same for every request a process serves
    (the site is not mounted at two prefixes at once); a test that swaps them clears this.
    """
    return _reverse(viewname, tuple(sorted(kwargs.items())))


@receiver(setting_changed)
def _forget_reversed(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reverse.cache_clear()


def thousands(number):
    """12345 as Indonesians write it: 12.345."""
    return f"{number:,}".replace(",", ".")


def body_size_problem(body):
    """What is wrong with a body too long for one article (ARTICLE_MAX_CHARS), else None."""
    limit = settings.ARTICLE_MAX_CHARS
    if len(body or "") <= limit:
        return None
    return (
        f"isi berita terlalu panjang ({thousands(len(body))} karakter; paling banyak {thousands(limit)}). "
        "Pecah menjadi beberapa berita, atau minta admin menaikkan ARTICLE_MAX_CHARS."
    )


# Publication years the site can list and link to (the day index's range); a typo such as
# year 1 would otherwise be stored and break every listing that reads it.
PUBLICATION_YEARS = (1900, 2999)
PUBLICATION_RANGE = (
    datetime(PUBLICATION_YEARS[0], 1, 1, tzinfo=dt_timezone.utc), datetime(PUBLICATION_YEARS[1] + 1, 1, 1, tzinfo=dt_timezone.utc),
)


def validate_publication_time(value):
    if value is not None and not PUBLICATION_RANGE[0] <= value < PUBLICATION_RANGE[1]:
        raise ValidationError(
            f"Tahun terbit harus antara {PUBLICATION_YEARS[0]} dan {PUBLICATION_YEARS[1]}.", code="publication_year"
        )


def unique_slug(model, value, max_length=50, exclude_pk=None):
    """A slug for value that no other row of model has yet."""
    base = (slugify(value) or "item")[:max_length].strip("-")
    candidate, number = base, 2
    others = model._default_manager.exclude(pk=exclude_pk)
    while others.filter(slug=candidate).exists():
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return candidate


def derive_lead(body):
    """The summary taken from a body: its first paragraph as plain text."""
    # Sanitise first so the summary never carries markup the body would not.
    from .editor import sanitize_html

    body = sanitize_html(body)
    match = _FIRST_PARAGRAPH.search(body)
    text = html.unescape(strip_tags(match.group(1) if match else body))
    text = " ".join(text.replace("\xa0", " ").split())
    return formats.shorten(text, LEAD_LENGTH)


class SectionQuerySet(models.QuerySet):
    def in_navigation(self):
        return self.filter(show_in_nav=True)


class Section(models.Model):
    name = models.CharField("nama", max_length=100)
    slug = models.SlugField("slug", max_length=100, unique=True)
    description = models.TextField("deskripsi", blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="kanal induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Kosongkan untuk kanal utama. Contoh: Tangsel di bawah Banten.",
    )
    position = models.PositiveSmallIntegerField(
        "urutan", default=0, help_text="Urutan di menu navigasi; angka kecil tampil lebih dulu."
    )
    show_in_nav = models.BooleanField("tampil di navigasi", default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = "kanal"
        verbose_name_plural = "kanal"
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="section_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Section, self.name, 100, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_cached("news:section", slug=self.slug)

    def get_feed_url(self):
        return reverse_cached("news:section_feed", slug=self.slug)

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "Kanal tidak boleh menjadi induk bagi dirinya sendiri."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Dateline(models.Model):
    name = models.CharField(
        "nama", max_length=80, help_text="Seperti tercetak di awal berita, misalnya CIPUTAT atau KOTA SERANG."
    )
    slug = models.SlugField("slug", max_length=80, unique=True)

    class Meta:
        verbose_name = "dateline"
        verbose_name_plural = "dateline"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="dateline_name_ci_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Dateline, self.name, 80, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_cached("news:dateline", slug=self.slug)


class Source(models.Model):
    name = models.CharField("nama", max_length=100, unique=True, help_text="Misalnya detakbanten.com.")
    url = models.URLField("alamat web", blank=True)

    class Meta:
        verbose_name = "sumber"
        verbose_name_plural = "sumber"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField("nama", max_length=100)
    slug = models.SlugField("slug", max_length=100, unique=True)

    class Meta:
        verbose_name = "tag"
        verbose_name_plural = "tag"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="tag_name_ci_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, 100, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_cached("news:tag", slug=self.slug)

    def get_feed_url(self):
        return reverse_cached("news:tag_feed", slug=self.slug)


class Author(models.Model):
    name = models.CharField("nama", max_length=120)
    initials = models.CharField(
        "inisial", max_length=12, help_text="Inisial di akhir berita, misalnya jls. Huruf kecil, unik."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun pengguna",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )
    import_key = models.CharField(
        "kunci impor", max_length=255, blank=True, editable=False, db_index=True,
        help_text="Dipakai importir agar impor ulang memakai penulis yang sama.",
    )

    class Meta:
        verbose_name = "penulis"
        verbose_name_plural = "penulis"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("initials"), name="author_initials_ci_unique")]

    def __str__(self):
        return f"{self.name} ({self.initials})"

    def save(self, *args, **kwargs):
        self.initials = self.initials.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_cached("news:author", pk=self.pk)

    def byline(self):
        """'Julius (jls)', or just 'jls' while the importer has only the initials."""
        return self.initials if self.name.strip().lower() == self.initials else f"{self.name} ({self.initials})"


def photo_upload_to(photo, filename):
    """A random name under the month of upload: nothing the uploader chose reaches storage."""
    extension = posixpath.splitext(filename)[1].lower()
    if extension not in {suffix for _, suffix in photos.STORED_AS.values()}:
        extension = ".bin"
    return f"{timezone.now():photos/%Y/%m}/{secrets.token_hex(16)}{extension}"


FOCAL_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class Photo(models.Model):
    file = models.FileField("berkas foto", upload_to=photo_upload_to, max_length=200)
    alt_text = models.CharField(
        "teks alternatif",
        max_length=250,
        help_text="Apa yang tampak di foto, untuk pembaca yang tidak dapat melihatnya. "
        "Contoh: Wali Kota Tangsel melantik pejabat eselon II di Puspemkot.",
    )
    caption = models.TextField("keterangan", blank=True, help_text="Tampil di bawah foto pada halaman berita.")
    credit = models.CharField(
        "kredit", max_length=200, help_text="Fotografer atau sumber, misalnya Dok. Humas Pemkot Tangsel."
    )
    width = models.PositiveIntegerField("lebar (piksel)", editable=False)
    height = models.PositiveIntegerField("tinggi (piksel)", editable=False)
    focal_x = models.DecimalField(
        "titik fokus mendatar", max_digits=3, decimal_places=2, default=Decimal("0.5"), validators=FOCAL_VALIDATORS,
        help_text="0 = tepi kiri, 1 = tepi kanan. Potongan 16:9 dan persegi dipusatkan di titik ini.",
    )
    focal_y = models.DecimalField(
        "titik fokus tegak", max_digits=3, decimal_places=2, default=Decimal("0.5"), validators=FOCAL_VALIDATORS,
        help_text="0 = tepi atas, 1 = tepi bawah.",
    )
    uploaded_at = models.DateTimeField("diunggah", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengunggah",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    import_key = models.CharField(
        "kunci impor", max_length=255, blank=True, editable=False, db_index=True,
        help_text="Dipakai importir agar impor ulang memakai foto yang sama.",
    )

    class Meta:
        verbose_name = "foto"
        verbose_name_plural = "foto"
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(focal_x__gte=0, focal_x__lte=1), name="photo_focal_x_fraction"),
            models.CheckConstraint(condition=models.Q(focal_y__gte=0, focal_y__lte=1), name="photo_focal_y_fraction"),
        ]

    def __str__(self):
        return f"{Truncator(self.caption or self.alt_text).chars(70)} ({self.credit})"

    def save(self, *args, **kwargs):
        # Crops are cut and named from the stored value: round it before either happens.
        self.focal_x, self.focal_y = (Decimal(str(value)).quantize(Decimal("0.01")) for value in (self.focal_x, self.focal_y))
        super().save(*args, **kwargs)

    def crop_box(self, ratio):
        """The part of the photo a rendition of ratio shows, in the photo's pixels."""
        return photos.crop_box(self.width, self.height, ratio, float(self.focal_x), float(self.focal_y))

    def rendition_name(self, ratio, width, format):
        # Crops carry the focal point in their name: moving it makes new files, so
        # no browser or CDN keeps showing the old crop.
        crop = "" if ratio == "original" else f"-f{round(self.focal_x * 100)}x{round(self.focal_y * 100)}"
        stem = photos.rendition_dir(self.file.name)
        return f"{stem}/{ratio.replace(':', 'x')}{crop}-{width}w.{format}"

    def renditions(self, ratio=None):
        """Every rendition of the photo (or of one ratio), smallest first, known from the fields alone."""
        found = []
        for name in [ratio] if ratio else photos.RATIOS:
            left, top, right, bottom = self.crop_box(name)
            for width in photos.widths(right - left, name):
                height = max(1, round(width * (bottom - top) / (right - left)))
                for format in photos.rendition_formats():
                    found.append(photos.Rendition(name, width, height, format, self.rendition_name(name, width, format)))
        return found

    def rendition(self, ratio="original", width=1024, format="jpg"):
        """The rendition closest to width: the smallest at least that wide, else the widest there is."""
        candidates = [rendition for rendition in self.renditions(ratio) if rendition.format == format]
        return next((r for r in candidates if r.width >= width), candidates[-1])

    def rendition_url(self, ratio="original", width=1024, format="jpg"):
        """URL of a rendition, e.g. for Open Graph, JSON-LD or a feed's media element."""
        return self.file.storage.url(self.rendition(ratio, width, format).name)

    def picture(self, ratio="original"):
        """The sources, fallback and intrinsic size a <picture> of this photo needs."""
        storage = self.file.storage
        renditions = self.renditions(ratio)

        def srcset(format):
            return ", ".join(f"{storage.url(r.name)} {r.width}w" for r in renditions if r.format == format)

        *modern, fallback_format = photos.rendition_formats()
        fallback = self.rendition(ratio, 640, fallback_format)
        return photos.Picture(
            sources=[photos.Source(photos.ENCODINGS[format].mime_type, srcset(format)) for format in modern],
            src=storage.url(fallback.name),
            srcset=srcset(fallback_format),
            width=fallback.width,
            height=fallback.height,
            alt=self.alt_text,
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published and due. Reads the clock on every call."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def breaking(self):
        """Still breaking now (breaking_until to come). Reads the clock on every call."""
        return self.filter(breaking_until__gt=timezone.now())

    def in_review(self):
        return self.filter(status=Article.Status.REVIEW)

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def retracted(self):
        return self.filter(status=Article.Status.RETRACTED)

    def by_user(self, user):
        return self.filter(authors__user=user)

    def in_section(self, section):
        """Articles of a section and of its sub-sections (Banten includes Tangsel)."""
        # "section IN (its id and its children's)" is answered from the section index;
        # an OR across the join to sections is not.
        family = Section.objects.filter(models.Q(pk=section.pk) | models.Q(parent=section.pk)).values("pk")
        return self.filter(section__in=family)

    def for_cards(self, body=False):
        """With what a card shows; a card never shows the body, the heaviest column by far."""
        cards = self.select_related("section", "dateline", "photo")
        return cards if body else cards.defer("body")

    def for_page(self, relations=True):
        """With everything the article page shows; relations=False leaves authors, tags and corrections out."""
        page = self.select_related("section__parent", "dateline", "source", "editor", "photo")
        return page.prefetch_related("authors", "tags", "corrections") if relations else page

    def for_feed(self):
        return self.select_related("section", "photo").prefetch_related("authors", "tags")

    def older_than(self, article):
        """Articles before this one, newest first; equal times are ordered by id so none is skipped."""
        earlier = models.Q(published_at__lt=article.published_at)
        same_time = models.Q(published_at=article.published_at, pk__lt=article.pk)
        return self.filter(earlier | same_time).order_by("-published_at", "-pk")

    def newer_than(self, article):
        """Articles after this one, oldest first."""
        later = models.Q(published_at__gt=article.published_at)
        same_time = models.Q(published_at=article.published_at, pk__gt=article.pk)
        return self.filter(later | same_time).order_by("published_at", "pk")

    def related_ids(self, article, count):
        """Ids of other articles that share its tags first, then its dateline, then its section; newest first within each.

        Only articles from the half year around it count: the story of the day is related to
        its own season, and the window keeps the ranking to a bounded slice of the archive.
        Expects article.tags to be prefetched. At most three queries, each answered by an index.
        """
        window = (article.published_at - RELATED_WINDOW, article.published_at + RELATED_WINDOW)
        nearby = self.exclude(pk=article.pk).filter(published_at__range=window)
        found = []
        tag_ids = [tag.pk for tag in article.tags.all()]
        if tag_ids:
            same_dateline = (
                models.Case(models.When(dateline=article.dateline_id, then=1), default=0)
                if article.dateline_id else models.Value(0)
            )
            shared = (
                nearby.filter(tags__in=tag_ids).values("pk")
                .annotate(shared_tags=models.Count("pk"), same_dateline=same_dateline)
                .order_by("-shared_tags", "-same_dateline", "-published_at", "-pk")
            )
            found = [row["pk"] for row in shared[:count]]
        for same in ({"dateline": article.dateline_id} if article.dateline_id else None, {"section": article.section_id}):
            if same and len(found) < count:
                rest = nearby.filter(**same).exclude(pk__in=found).order_by("-published_at", "-pk")
                found += rest.values_list("pk", flat=True)[: count - len(found)]
        return found

    def latest_in_each(self, sections, count):
        """The newest `count` articles of each section (with its sub-sections), in one query."""
        # One "id IN (… UNION ALL …)" lets PostgreSQL look each part up by index, where
        # "id IN (…) OR id IN (…)" scans the table. Each part keeps its LIMIT inside its
        # own subquery because SQLite refuses LIMIT directly in a compound statement.
        parts = [
            self.model.objects.filter(pk__in=self.in_section(section).values("pk")[:count]).order_by().values("pk")
            for section in sections
        ]
        if not parts:
            return self.none()
        return self.filter(pk__in=parts[0].union(*parts[1:], all=True))

    def most_read(self, since, min_views):
        """Read at least min_views times since then, most read first."""
        # The counts are summed in subqueries over the (hour, article) index, so the
        # articles themselves are neither scanned nor grouped.
        recent = ViewCount.objects.filter(hour__gte=since).values("article").annotate(total=models.Sum("views"))
        own = recent.filter(article=models.OuterRef("pk")).values("total")
        return (
            self.filter(pk__in=recent.filter(total__gte=min_views).values("article"))
            .annotate(recent_views=models.Subquery(own))
            .order_by("-recent_views", "-published_at")
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search vector is only ever read by the database; no page needs its kilobytes.
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        REVIEW = "review", "Menunggu review"
        PUBLISHED = "published", "Terbit"
        RETRACTED = "retracted", "Dicabut"

    headline = models.CharField("judul", max_length=250)
    slug = models.SlugField(
        "slug", max_length=255, help_text="Bagian alamat berita; diisi otomatis dari judul."
    )
    subtitle = models.CharField("subjudul", max_length=250, blank=True)
    lead = models.TextField(
        "ringkasan",
        blank=True,
        help_text=(
            "Ringkasan untuk daftar berita dan mesin pencari. Kosongkan untuk memakai paragraf pertama; "
            "ringkasan yang diambil otomatis ikut berubah bila paragraf pertama diubah."
        ),
    )
    body = BodyField(
        "isi",
        help_text="Mulai dari kalimat pertama berita; sumber dan dateline ditambahkan otomatis di depannya.",
    )
    dateline = models.ForeignKey(
        Dateline, verbose_name="dateline", null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    source = models.ForeignKey(
        Source, verbose_name="sumber", null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    section = models.ForeignKey(Section, verbose_name="kanal", on_delete=models.PROTECT, related_name="articles")
    photo = models.ForeignKey(
        Photo,
        verbose_name="foto utama",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Pilih dari pustaka foto atau unggah yang baru dengan tombol +. "
        "Tampil di halaman berita, kartu berita, dan saat dibagikan.",
    )
    tags = models.ManyToManyField(Tag, verbose_name="tag", blank=True, related_name="articles")
    authors = models.ManyToManyField(Author, verbose_name="penulis", blank=True, related_name="articles")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "waktu terbit",
        null=True,
        blank=True,
        validators=[validate_publication_time],
        help_text="Isi waktu mendatang untuk menjadwalkan; kosong saat terbit berarti sekarang.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)
    modified_at = models.DateTimeField(
        "diperbarui",
        null=True,
        blank=True,
        editable=False,
        help_text="Waktu berita diubah setelah terbit; ditampilkan kepada pembaca.",
    )
    is_headline = models.BooleanField("berita utama", default=False, help_text="Tampil paling atas di beranda.")
    headline_order = models.PositiveSmallIntegerField(
        "urutan berita utama", default=0, help_text="Berita utama diurutkan dari angka terkecil; sama berarti terbaru dulu."
    )
    is_editors_pick = models.BooleanField(
        "pilihan redaksi", default=False, help_text="Tampil di blok Pilihan Redaksi di beranda dan di samping berita."
    )
    pick_order = models.PositiveSmallIntegerField(
        "urutan pilihan redaksi", default=0, help_text="Pilihan redaksi diurutkan dari angka terkecil."
    )
    breaking_until = models.DateTimeField(
        "breaking sampai",
        null=True,
        blank=True,
        help_text="Selama waktu ini berita diberi label Breaking; kosong berarti bukan berita breaking.",
    )
    breaking_banner = models.BooleanField(
        "banner breaking", default=False, help_text="Tampilkan banner di seluruh situs selama berita masih breaking."
    )
    seo_title = models.CharField(
        "judul SEO", max_length=150, blank=True, help_text="Untuk judul di tab peramban, mesin pencari dan saat dibagikan; kosong berarti memakai judul berita."
    )
    meta_description = models.CharField(
        "deskripsi meta",
        max_length=320,
        blank=True,
        help_text="Untuk mesin pencari dan saat dibagikan; kosong berarti memakai ringkasan.",
    )
    editor = models.ForeignKey(
        Author,
        verbose_name="redaktur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_articles",
        help_text="Diisi otomatis dengan redaktur yang menerbitkan.",
    )
    needs_verification = models.BooleanField(
        "perlu verifikasi",
        default=False,
        help_text="Menampilkan pemberitahuan bahwa berita masih dalam proses verifikasi (Pedoman Pemberitaan Media Siber).",
    )
    is_advertorial = models.BooleanField(
        "advertorial", default=False, help_text="Konten berbayar: diberi label Advertorial di halaman, daftar dan feed."
    )
    retracted_at = models.DateTimeField("waktu dicabut", null=True, blank=True, editable=False)
    retraction_reason = models.TextField(
        "alasan pencabutan", blank=True, editable=False, help_text="Ditampilkan kepada pembaca di alamat berita."
    )
    version = models.PositiveIntegerField(
        "versi", default=1, editable=False, help_text="Naik setiap kali disimpan; mencegah perubahan saling menimpa."
    )
    import_key = models.CharField(
        "kunci impor", max_length=255, blank=True, editable=False,
        help_text="Dipakai importir agar impor ulang memperbarui berita yang sama.",
    )
    # Kept current by a PostgreSQL trigger (migration 0002), so every way of
    # writing an article updates it; stays empty on SQLite, which searches with LIKE.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleManager()

    class Meta:
        verbose_name = "berita"
        verbose_name_plural = "berita"
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", "Boleh menerbitkan, menjadwalkan dan menarik berita"),
            ("retract_article", "Boleh mencabut berita"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_published"),
            models.Index(fields=["dateline", "status", "-published_at"], name="article_dateline_published"),
            models.Index(
                fields=["status", "-published_at"], condition=models.Q(is_headline=True), name="article_headline_published"
            ),
            models.Index(
                fields=["status", "-published_at"], condition=models.Q(is_editors_pick=True), name="article_pick_published"
            ),
            models.Index(
                fields=["breaking_until"], condition=models.Q(breaking_until__isnull=False), name="article_breaking"
            ),
            GinIndex(fields=["search_vector"], name="article_search_vector"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(published_at__gte=PUBLICATION_RANGE[0], published_at__lt=PUBLICATION_RANGE[1]),
                name="article_publication_year",
            ),
            models.UniqueConstraint(
                fields=["import_key"], condition=~models.Q(import_key=""), name="article_import_key_unique"
            ),
        ]

    def __str__(self):
        return self.headline

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article.remember_stored_state()
        return article

    def remember_stored_state(self):
        # So that save() can tell a summary derived from the body from one an editor wrote,
        # and the workflow can tell a real update from a change of flags.
        self._loaded_text = self.reader_text()

    def reader_text(self):
        """What readers read, to tell a real update from a change of flags or schedule."""
        return {name: self.__dict__.get(name) for name in ("headline", "subtitle", "lead", "body")}

    def save(self, *args, update_fields=None, **kwargs):
        # Only derived fields are set here; who may change what, and the status records,
        # are news.workflow's (the one door for every change).
        derived = ["version", "updated_at"]
        if not self.slug:
            self.slug = slugify(self.headline)[:255].strip("-") or "berita"
            derived.append("slug")
        if self.stamp_publication_time():
            derived.append("published_at")
        if not self.lead.strip() or self.has_derived_lead_from_old_body():
            self.lead = self.lead_from_body()
            derived.append("lead")
        if not self._state.adding:
            # Every write moves the version on: a form opened before it then knows it is stale.
            self.version += 1
        if update_fields is not None:
            update_fields = {*update_fields, *derived}
        super().save(*args, update_fields=update_fields, **kwargs)
        # The row now holds these: the next save of this instance compares against them.
        self.remember_stored_state()

    def get_absolute_url(self):
        day = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse_cached("news:article", year=day.year, month=day.month, day=day.day, pk=self.pk, slug=self.slug)

    def clean(self):
        # Before constraint validation, so that "Terbit" with no time means "now".
        self.stamp_publication_time()
        if problem := body_size_problem(self.body):
            raise ValidationError({"body": problem[0].upper() + problem[1:]})

    def stamp_publication_time(self):
        """'Terbit' without a time means now; True when it set the time."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            return True
        return False

    def lead_from_body(self):
        return derive_lead(self.body)

    def has_derived_lead_from_old_body(self):
        """True when the body changed and the summary is still the one taken from the old body."""
        old_body = getattr(self, "_loaded_text", {}).get("body")
        return old_body is not None and old_body != self.body and self.lead == derive_lead(old_body)

    RELATED_OBJECTS = ("section", "dateline", "source", "editor", "photo")
    RELATED_LISTS = ("authors", "tags", "corrections")

    def relations(self):
        """What the article page shows besides the row itself: its section, dateline, source,
        editor and photo, its authors, tags and corrections (one query with three prefetches)."""
        full = Article.objects.for_page().get(pk=self.pk)
        return {
            **{name: getattr(full, name) for name in self.RELATED_OBJECTS},
            **{name: list(getattr(full, name).all()) for name in self.RELATED_LISTS},
        }

    def use_relations(self, relations):
        """Take relations() kept from an earlier request as if they had been fetched now."""
        for name in self.RELATED_OBJECTS:
            setattr(self, name, relations[name])
        cache = self.__dict__.setdefault("_prefetched_objects_cache", {})
        for name in self.RELATED_LISTS:
            # What prefetch_related() leaves behind: a queryset already evaluated.
            queryset = getattr(self, name).all()
            queryset._result_cache, queryset._prefetch_done = list(relations[name]), True
            cache[name] = queryset

    def leadin(self):
        """The 'SOURCE DATELINE' words printed before the first sentence."""
        return " ".join(part.name for part in (self.source, self.dateline) if part is not None)

    def body_with_leadin(self, body=None):
        """Body HTML (or the given part of it, its first page) with the source and dateline opening its first paragraph."""
        body = self.body if body is None else body
        leadin = self.leadin()
        if not leadin:
            return mark_safe(body)
        opening = f'<strong class="leadin">{escape(leadin)}</strong> - '
        match = _OPENING_PARAGRAPH.match(body)
        if match:
            return mark_safe(body[: match.end()] + opening + body[match.end() :])
        return mark_safe(f"<p>{opening}</p>{body}")

    def seo_headline(self):
        """The title for <title>, Open Graph and JSON-LD: the SEO title, else the headline."""
        return self.seo_title.strip() or self.headline

    def seo_description(self):
        """The description for meta, Open Graph and JSON-LD: the meta description, else the summary."""
        return self.meta_description.strip() or self.lead

    def is_breaking(self, now=None):
        return self.breaking_until is not None and self.breaking_until > (now or timezone.now())

    def body_pages(self):
        """The body split at its page breaks; one page for most stories."""
        return split_pages(self.body)

    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    def signoff(self):
        """Reporters' then the editor's initials, as Indonesian sites print them: '(jls/abc)'."""
        initials = [author.initials for author in self.authors.all()]
        if self.editor is not None and self.editor.initials not in initials:
            initials.append(self.editor.initials)
        return f"({'/'.join(initials)})" if initials else ""

    def is_modified_after_publishing(self):
        return self.modified_at is not None and self.published_at is not None and self.modified_at > self.published_at

    def last_modified(self):
        """When readers last got new text: the update after publishing, else publication."""
        return self.modified_at if self.is_modified_after_publishing() else self.published_at

    def reading_minutes(self):
        words = len(strip_tags(self.body).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def first_image_url(self):
        """The src of the first image in the body, for share cards; empty when there is none."""
        match = _FIRST_IMAGE.search(self.body)
        return html.unescape(match.group(1)) if match else ""


# The search vector is derived by the database from the fields that are kept.
reversion.register(Article, exclude=["search_vector"])


class StatusChange(models.Model):
    article = models.ForeignKey(Article, verbose_name="berita", on_delete=models.CASCADE, related_name="status_changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="oleh", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField("dari", max_length=20, choices=Article.Status.choices, blank=True)
    to_status = models.CharField("menjadi", max_length=20, choices=Article.Status.choices)
    changed_at = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "perubahan status"
        verbose_name_plural = "perubahan status"
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        before = self.get_from_status_display() or "baru"
        return f"{before} → {self.get_to_status_display()}"


class Correction(models.Model):
    """A correction owed to readers under Dewan Pers' Pedoman Pemberitaan Media Siber."""

    class Kind(models.TextChoices):
        RALAT = "ralat", "Ralat"
        KOREKSI = "koreksi", "Koreksi"
        HAK_JAWAB = "hak_jawab", "Hak jawab"

    article = models.ForeignKey(Article, verbose_name="berita", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices, default=Kind.RALAT)
    text = models.TextField("isi", help_text="Apa yang dikoreksi, atau tanggapan pihak yang menggunakan hak jawab.")
    created_at = models.DateTimeField("waktu", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ditambahkan oleh", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = "ralat/koreksi/hak jawab"
        verbose_name_plural = "ralat, koreksi dan hak jawab"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at"], name="correction_newest")]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.text).chars(60)}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#koreksi-{self.pk}"


class EditSession(models.Model):
    """Who has an article's change form open, to warn the next editor who opens it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="edit_sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="edit_session_unique")]


class ViewCount(models.Model):
    """How often one article was read in one hour; written in batches by news.pageviews."""

    article = models.ForeignKey(Article, verbose_name="berita", on_delete=models.CASCADE, related_name="view_counts")
    hour = models.DateTimeField("jam")
    views = models.PositiveIntegerField("dibaca", default=0)

    class Meta:
        verbose_name = "jumlah baca"
        verbose_name_plural = "jumlah baca"
        constraints = [
            # Leads with the hour so that "most read since" scans one index range.
            models.UniqueConstraint(fields=["hour", "article"], name="viewcount_hour_article_unique"),
        ]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"


class Page(models.Model):
    """A standing page every Indonesian news site has (Tentang Kami, Redaksi, Pedoman Media Siber,
    Kontak, Disclaimer), kept by admins; django.contrib.flatpages without the sites framework."""

    title = models.CharField("judul", max_length=200)
    slug = models.SlugField(
        "slug", max_length=100, unique=True, help_text="Alamat halaman: /halaman/<slug>/, misalnya pedoman-media-siber."
    )
    body = BodyField("isi")
    in_footer = models.BooleanField("tautan di kaki situs", default=True)
    position = models.PositiveSmallIntegerField("urutan", default=0, help_text="Urutan tautan di kaki situs.")
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "halaman"
        verbose_name_plural = "halaman"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:page", kwargs={"slug": self.slug})


class Redirect(models.Model):
    """An old address that answers 301 to its new one (an imported WordPress permalink, a changed slug);
    django.contrib.redirects without the sites framework, answered without touching the article tables."""

    old_path = models.CharField(
        "alamat lama", max_length=500, unique=True,
        help_text="Path dengan query bila ada, misalnya /2024/01/02/judul-lama/ atau /?p=123.",
    )
    new_path = models.CharField("alamat baru", max_length=500, help_text="Path di situs ini, misalnya /berita/...")
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    note = models.CharField("catatan", max_length=200, blank=True, help_text="Dari mana pengalihan ini, misalnya impor WordPress.")

    class Meta:
        verbose_name = "pengalihan alamat"
        verbose_name_plural = "pengalihan alamat"
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


class SiteSettings(models.Model):
    """The one row of settings an admin changes without a deploy; an environment variable of the same
    name (upper case) wins over a field left empty here."""

    dewan_pers_number = models.CharField(
        "nomor verifikasi Dewan Pers", max_length=100, blank=True, help_text="Tampil di kaki situs."
    )
    whatsapp_channel_url = models.URLField("Saluran WhatsApp", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    x_url = models.URLField("X (Twitter)", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    tiktok_url = models.URLField("TikTok", blank=True)

    class Meta:
        verbose_name = "pengaturan situs"
        verbose_name_plural = "pengaturan situs"

    def __str__(self):
        return "Pengaturan situs"
