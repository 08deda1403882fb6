import html
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify

from .editor import BodyField

LEAD_LENGTH = 300
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_OPENING_PARAGRAPH = re.compile(r"^\s*<p\b[^>]*>", re.IGNORECASE)


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
        return reverse("news:section", kwargs={"slug": self.slug})

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
        return reverse("news:tag", kwargs={"slug": self.slug})


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


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published and due. Reads the clock on every call."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_section(self, section):
        """Articles of a section and of its sub-sections (Banten includes Tangsel)."""
        return self.filter(models.Q(section=section) | models.Q(section__parent=section))

    def for_cards(self):
        return self.select_related("section", "dateline")

    def for_page(self):
        return self.select_related("section", "dateline", "source").prefetch_related("authors", "tags")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        PUBLISHED = "published", "Terbit"

    headline = models.CharField("judul", max_length=250)
    slug = models.SlugField(
        "slug", max_length=255, help_text="Bagian alamat berita; diisi otomatis dari judul."
    )
    subtitle = models.CharField("subjudul", max_length=250, blank=True)
    lead = models.TextField(
        "ringkasan",
        blank=True,
        help_text="Ringkasan untuk daftar berita dan mesin pencari. Kosongkan untuk memakai paragraf pertama.",
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
    tags = models.ManyToManyField(Tag, verbose_name="tag", blank=True, related_name="articles")
    authors = models.ManyToManyField(Author, verbose_name="penulis", blank=True, related_name="articles")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "waktu terbit",
        null=True,
        blank=True,
        help_text="Isi waktu mendatang untuk menjadwalkan; kosong saat terbit berarti sekarang.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)
    is_headline = models.BooleanField("berita utama", default=False, help_text="Tampil paling atas di beranda.")
    import_key = models.CharField(
        "kunci impor", max_length=255, blank=True, editable=False,
        help_text="Dipakai importir agar impor ulang memperbarui berita yang sama.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "berita"
        verbose_name_plural = "berita"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.UniqueConstraint(
                fields=["import_key"], condition=~models.Q(import_key=""), name="article_import_key_unique"
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.headline)[:255].strip("-") or "berita"
        self.stamp_publication_time()
        if not self.lead.strip():
            self.lead = self.lead_from_body()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        day = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "news:article",
            kwargs={"year": day.year, "month": day.month, "day": day.day, "pk": self.pk, "slug": self.slug},
        )

    def clean(self):
        # Before constraint validation, so that "Terbit" with no time means "now".
        self.stamp_publication_time()

    def stamp_publication_time(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def lead_from_body(self):
        # Sanitise first so the summary never carries markup the body would not.
        from .editor import sanitize_html

        body = sanitize_html(self.body)
        match = _FIRST_PARAGRAPH.search(body)
        text = html.unescape(strip_tags(match.group(1) if match else body))
        text = " ".join(text.replace("\xa0", " ").split())
        return Truncator(text).chars(LEAD_LENGTH)

    def leadin(self):
        """The 'SOURCE DATELINE' words printed before the first sentence."""
        return " ".join(part.name for part in (self.source, self.dateline) if part is not None)

    def body_with_leadin(self):
        """Body HTML with the source and dateline opening its first paragraph."""
        leadin = self.leadin()
        if not leadin:
            return mark_safe(self.body)
        opening = f'<strong class="leadin">{escape(leadin)}</strong> - '
        match = _OPENING_PARAGRAPH.match(self.body)
        if match:
            return mark_safe(self.body[: match.end()] + opening + self.body[match.end() :])
        return mark_safe(f"<p>{opening}</p>{self.body}")

    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    def signoff(self):
        """Reporters' initials as printed at the end of the story, e.g. '(jls)'."""
        initials = [author.initials for author in self.authors.all()]
        return f"({'/'.join(initials)})" if initials else ""
