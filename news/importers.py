"""Saving what the importers read: scraped text files (news.importer) and WordPress exports (news.wordpress).

As in Simon Willison's blog/importers.py, the commands around this module only read their
arguments and print; every row is written here, and every article through news.workflow's
import door, so revisions, status records and cached pages follow as for an editor's save.
"""

import re
import urllib.error
import urllib.request
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify

from . import caching, photos, redirects, wordpress, workflow
from .editor import sanitize_html
from .importer import ParseError, ParsedArticle, decode, parse_article
from .models import PAGE_BREAK, Article, Author, Dateline, Photo, Redirect, Section, Source, Tag, body_size_problem, derive_lead

DEFAULT_SECTION = "berita"
# Outcomes, printed as they are at the start of each line and counted in summaries.
CREATED, UPDATED, UNCHANGED = "DIBUAT", "DIPERBARUI", "TIDAK BERUBAH"


class ImportRefused(Exception):
    """The file parsed, but saving it would undo an editor's decision; the message is for editors."""


# Scraped text files.

def read_article(path):
    """The parsed article in the file at path; ParseError names what is wrong with it."""
    path = Path(path)
    if path.is_dir():
        raise ParseError("ini folder, bukan berkas")
    try:
        size, limit_mb = path.stat().st_size, settings.IMPORT_MAX_FILE_MB
        if size > limit_mb * 1024 * 1024:
            # Refused before it is read: a scraped article is a few kilobytes.
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            raise ParseError(f"berkas terlalu besar ({megabytes} MB; paling besar {limit_mb} MB, atur IMPORT_MAX_FILE_MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError("berkas tidak ditemukan") from None
    except OSError as error:
        raise ParseError(f"berkas tidak bisa dibaca ({error.strerror})") from None
    return parse_article(decode(data))


def import_key(headline):
    # The headline is all a scraped file reliably carries; its slug survives
    # re-scrapes that only change case, spacing or punctuation.
    return (slugify(headline) or headline.casefold())[:255]


def find_section(value):
    """The section whose slug or name is value, created when there is none yet."""
    value = value.strip()
    section = Section.objects.filter(slug=value).first() or Section.objects.filter(name__iexact=value).first()
    if section is None:
        if value == slugify(value):
            section = Section.objects.create(name=value.replace("-", " ").title(), slug=value)
        else:
            # save() picks a free slug; the name may slugify like another section's.
            section = Section.objects.create(name=value)
    return section


@transaction.atomic
def save_article(parsed: ParsedArticle, *, section=None, status=None, published_at=None):
    """Create or update the article imported from parsed; returns (article, CREATED, UPDATED or UNCHANGED).

    section, status and published_at replace the stored ones only when given,
    so re-importing a file never moves a story an editor placed, never
    republishes one an editor took down, nor moves a published story in the
    archive. New articles go to the default section and are published.
    """
    _check_length(Article, "headline", parsed.headline, "judul")
    _check_length(Source, "name", parsed.source, "sumber")
    _check_length(Dateline, "name", parsed.dateline, "dateline")

    body = sanitize_html("".join(f"<p>{escape(paragraph)}</p>" for paragraph in parsed.paragraphs))
    if problem := body_size_problem(body):
        raise ParseError(problem)

    key = import_key(parsed.headline)
    article = imported_article(key)
    if article is not None and article.status == Article.Status.RETRACTED:
        raise ImportRefused("berita ini sudah dicabut redaksi; tidak diimpor ulang")

    if article is None:
        section = section or find_section(DEFAULT_SECTION)
        status = status or Article.Status.PUBLISHED
    fields = {
        "headline": parsed.headline,
        # Sanitised as the field will store it, so an unchanged file compares equal.
        "body": body,
        "source": _source(parsed.source),
        "dateline": _dateline(parsed.dateline),
    }
    if section is not None:
        fields["section"] = section
    if status is not None:
        fields["status"] = status
    if published_at is not None:
        fields["published_at"] = published_at
    authors = [_author(initials) for initials in parsed.initials]

    if article is None:
        article, outcome = Article(import_key=key), CREATED
    else:
        # Saving an unchanged file would still bump updated_at, and readers
        # would see every re-imported story marked as updated.
        unchanged = all(getattr(article, name) == value for name, value in fields.items())
        if unchanged and set(article.authors.all()) == set(authors):
            return article, UNCHANGED
        outcome = UPDATED

    status = fields.pop("status", None)
    published_at = fields.pop("published_at", None)
    # A revision, so the article's history shows where its text came from.
    workflow.import_article(
        article, fields, status=status, published_at=published_at, authors=authors,
        comment="Diimpor dari berkas teks" if outcome == CREATED else "Diperbarui dari berkas teks",
    )
    return article, outcome


def imported_article(key):
    """The article imported under key, or None.

    Found through the partial unique index on import_key (non-empty keys), which the database
    only uses when the query repeats its condition: without it every lookup scans the table.
    """
    return Article.objects.exclude(import_key="").filter(import_key=key).first()


def describe(parsed):
    """What the importer found, on one line for the editor running it."""
    return " | ".join(
        [
            f"«{parsed.headline}»",
            f"dateline {parsed.dateline or '-'}",
            f"sumber {parsed.source or '-'}",
            f"inisial {'/'.join(parsed.initials) or '-'}",
            f"{len(parsed.paragraphs)} paragraf",
        ]
    )


def find_tag(name):
    return Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)


def _check_length(model, field_name, value, label):
    limit = model._meta.get_field(field_name).max_length
    if value and len(value) > limit:
        raise ParseError(f"{label} terlalu panjang ({len(value)} karakter, paling banyak {limit})")


def _source(name):
    if not name:
        return None
    return Source.objects.filter(name__iexact=name).first() or Source.objects.create(name=name)


def _dateline(name):
    if not name:
        return None
    return Dateline.objects.filter(name__iexact=name).first() or Dateline.objects.create(name=name.upper())


def _author(initials):
    # The name stays the initials until an editor fills in the reporter's name.
    return Author.objects.filter(initials__iexact=initials).first() or Author.objects.create(
        name=initials, initials=initials
    )


def unique_initials(name):
    """Initials as newsrooms print them ("Budi Santoso" → bs), made unique among authors (bs2, bs3 …)."""
    words = [word for word in slugify(name).split("-") if word]
    base = "".join(word[0] for word in words) if len(words) > 1 else (words[0][:3] if words else "pen")
    base = base[:10] or "pen"
    initials, number = base, 2
    while Author.objects.filter(initials__iexact=initials).exists():
        initials, number = f"{base}{number}", number + 1
    return initials


# WordPress exports.

WP_NOTE = "Impor WordPress"
WP_CREATED = "Diimpor dari WordPress"
WP_UPDATED = "Diperbarui dari WordPress"
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
}
SKIPPED_STATUSES = {"private": "privat", "trash": "di tempat sampah", "auto-draft": "draf otomatis", "inherit": "revisi"}
FETCH_TIMEOUT = 15
BATCH = 200
_SET_ATTRIBUTES = re.compile(r'\s(?:sandbox|referrerpolicy|loading)="[^"]*"')
# What a removed script or shortcode leaves behind.
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>\n?")
# The kinds in the summary, in its order, with their Indonesian names.
KINDS = {"posts": "Berita", "sections": "Kanal", "tags": "Tag", "authors": "Penulis", "photos": "Foto",
         "redirects": "Pengalihan alamat"}


class MediaError(Exception):
    """A photo that could not be had; the message says why."""


@dataclass
class Report:
    """What an import did, for the summary."""

    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    missing_media: list = field(default_factory=list)
    removed_shortcodes: Counter = field(default_factory=Counter)
    authors_to_check: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    export: wordpress.Export | None = None


class WordPressImport:
    """One run of import_wordpress over an export file.

    Every kind of row is matched by its import_key (wp:<site>:<id>), so a second run finds what the
    first made. A story an editor changed since it was imported (its latest revision is not the
    importer's) is left alone unless overwrite is set.
    """

    def __init__(self, path, *, media_dir=None, overwrite=False, dry_run=False, progress=None):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.overwrite, self.dry_run = overwrite, dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = Report()
        self.sections, self.tags, self.authors, self.photos = {}, {}, {}, {}
        self.redirects = {}

    def run(self):
        """Import the whole export; WxrError when the file is not one, with nothing saved."""
        if not self.path.exists():
            raise wordpress.WxrError("berkas tidak ditemukan; periksa nama dan foldernya")
        if self.path.is_dir():
            raise wordpress.WxrError("ini folder, bukan berkas ekspor")
        if self.media_dir is not None and not self.media_dir.is_dir():
            raise wordpress.WxrError(f"folder --media-dir tidak ditemukan: {self.media_dir}")
        # The first pass reads the whole file, so a hostile or broken one is refused before anything is saved.
        export = self.report.export = wordpress.scan(self.path)
        self.export = export
        self.site = urlsplit(export.base_url).netloc.lower() or "wordpress"
        self.by_upload_path = {}
        self.attached_to = {}
        for attachment in export.attachments.values():
            if path := wordpress.original_upload_path(attachment.url):
                self.by_upload_path[path] = attachment
            self.attached_to.setdefault(attachment.parent, []).append(attachment)
        total = export.item_count - len(export.attachments)

        with transaction.atomic() if self.dry_run else nullcontext(), caching.bulk():
            with transaction.atomic():
                self.import_sections()
                self.import_tags()
                self.import_authors()
                self.add_redirect("/feed", "news:feed")
            done, stream = 0, wordpress.items(self.path)
            # A transaction per batch of stories (each story in a savepoint of its own): one commit
            # per story would spend most of the time waiting for the disk.
            while batch := list(islice(stream, BATCH)):
                with transaction.atomic():
                    for item in batch:
                        done += 1
                        self.progress(done, total)
                        self.import_item(item)
                    self.save_redirects()
            if self.dry_run:
                transaction.set_rollback(True)
        return self.report

    def key(self, kind, value):
        return f"wp:{self.site}:{kind}:{value}"[:255]

    def count(self, kind, outcome):
        self.report.counts[kind][outcome] += 1

    # Sections, tags, authors.

    def import_sections(self):
        by_slug = {category.slug: category for category in self.export.categories}
        for category in self._parents_first(self.export.categories, by_slug):
            slug = slugify(category.slug)[:100] or slugify(category.name)[:100]
            section = Section.objects.filter(slug=slug).first() if slug else None
            parent = self.sections.get(category.parent)
            if section is None:
                # Only top-level sections join the menu at once; the desk decides about the rest.
                section = Section.objects.create(
                    name=category.name[:100], slug=slug or "", parent=parent, show_in_nav=parent is None,
                )
                self.count("sections", CREATED)
            else:
                self.count("sections", UNCHANGED)
            self.sections[category.slug] = section
            old = "/category/" + "/".join(self._ancestry(category, by_slug))
            self.add_redirect(old, section.get_absolute_url())
            self.add_redirect(f"{old}/feed", section.get_feed_url())

    @staticmethod
    def _parents_first(categories, by_slug):
        ordered, placed = [], set()

        def place(category, seen=()):
            if category.slug in placed or category.slug in seen:
                return
            if category.parent in by_slug:
                place(by_slug[category.parent], (*seen, category.slug))
            placed.add(category.slug)
            ordered.append(category)

        for category in categories:
            place(category)
        return ordered

    @staticmethod
    def _ancestry(category, by_slug):
        chain, seen = [category.slug], {category.slug}
        while category.parent in by_slug and category.parent not in seen:
            category = by_slug[category.parent]
            chain.insert(0, category.slug)
            seen.add(category.slug)
        return chain

    def import_tags(self):
        for term in self.export.tags:
            self.tag_for(term)

    def tag_for(self, term):
        if term.slug in self.tags:
            return self.tags[term.slug]
        slug = slugify(term.slug)[:100]
        tag = (Tag.objects.filter(slug=slug).first() if slug else None) or Tag.objects.filter(name__iexact=term.name).first()
        if tag is None:
            tag = Tag(name=term.name[:100], slug=slug if slug and not Tag.objects.filter(slug=slug).exists() else "")
            tag.save()
            self.count("tags", CREATED)
        else:
            self.count("tags", UNCHANGED)
        self.tags[term.slug] = tag
        self.add_redirect(f"/tag/{term.slug}", tag.get_absolute_url())
        self.add_redirect(f"/tag/{term.slug}/feed", tag.get_feed_url())
        return tag

    def import_authors(self):
        for number, wp_author in enumerate(self.export.authors.values(), start=1):
            key = self.key("author", wp_author.login)
            author = Author.objects.filter(import_key=key).first()
            if author is not None:
                self.count("authors", UNCHANGED)
            else:
                name, why = self.public_name(wp_author, number)
                author = Author.objects.filter(name__iexact=name, import_key="").first() if not why else None
                if author is not None:
                    author.import_key = key
                    author.save(update_fields=["import_key"])
                    self.count("authors", UNCHANGED)
                    self.report.authors_to_check.append((author.name, author.initials, "digabung dengan penulis yang sudah ada"))
                else:
                    author = Author.objects.create(name=name[:120], initials=unique_initials(name), import_key=key)
                    self.count("authors", CREATED)
                    self.report.authors_to_check.append((author.name, author.initials, why or "inisial dibuat otomatis"))
            self.authors[wp_author.login] = author
            self.add_redirect(f"/author/{wp_author.login}", author.get_absolute_url())

    @staticmethod
    def public_name(wp_author, number):
        """The name readers see, and why it needs checking when it is not the display name.

        WordPress sets the display name to the login until someone changes it; a login is never shown.
        """
        display = wp_author.display_name.strip()
        if display and display.casefold() != wp_author.login.casefold():
            return display, ""
        full = f"{wp_author.first_name} {wp_author.last_name}".strip()
        if full:
            return full, "nama tampilan sama dengan login; dipakai nama depan dan belakang"
        return f"Penulis {number}", "tanpa nama tampilan selain login; isi nama lengkapnya"

    # Posts.

    def import_item(self, item):
        if isinstance(item, wordpress.BrokenItem):
            self.fail(item.title, item.post_id, item.reason)
            return
        if item.post_type != "post":
            self.count("posts", f"dilewati (jenis {item.post_type})")
            return
        if item.status in SKIPPED_STATUSES:
            self.count("posts", f"dilewati ({SKIPPED_STATUSES[item.status]})")
            return
        if item.status not in STATUSES:
            self.fail(item.title, item.post_id, f"status {item.status!r} tidak dikenal")
            return
        try:
            with transaction.atomic():
                outcome = self.save_post(item)
        except (wordpress.ItemError, ParseError, ImportRefused, ValidationError, DatabaseError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.fail(item.title, item.post_id, message)
            return
        self.count("posts", outcome)

    def fail(self, title, post_id, reason):
        self.report.failures.append((title or "(tanpa judul)", post_id, reason))
        self.count("posts", "gagal")

    def save_post(self, post):
        key = self.key("post", post.post_id)
        article = imported_article(key)
        if article is not None and article.status == Article.Status.RETRACTED:
            return "dilewati (sudah dicabut redaksi)"
        status, published_at = self.status_of(post)
        fields = self.fields_of(post)
        authors = [self.authors[post.creator]] if post.creator in self.authors else []
        tags = [self.tag_for(term) for term in post.tags]

        if article is None:
            article = Article(import_key=key)
            workflow.import_article(
                article, fields, status=status, published_at=published_at, authors=authors, comment=WP_CREATED
            )
            article.tags.set(tags)
            outcome = CREATED
        else:
            same = (
                all(_comparable(getattr(article, name)) == _comparable(value) for name, value in fields.items())
                and (article.status, article.published_at) == (status, published_at)
                and set(article.authors.all()) == set(authors)
                and set(article.tags.all()) == set(tags)
            )
            if same:
                outcome = UNCHANGED
            elif not self.overwrite and self.changed_by_editors(article):
                return "dilewati (diubah redaksi; pakai --overwrite untuk menimpa)"
            else:
                workflow.import_article(
                    article, fields, status=status, published_at=published_at, authors=authors, comment=WP_UPDATED
                )
                article.tags.set(tags)
                outcome = UPDATED
        if post.status in {"publish", "future"}:
            new_path = article.get_absolute_url()
            if post.link:
                self.add_redirect(wordpress.old_path(post.link), new_path)
            self.add_redirect(f"/?p={post.post_id}", new_path)
        for attachment in self.attached_to.get(post.post_id, []):
            # Uploaded to this story in WordPress: into the library with it.
            self.photo_for(attachment, post)
        return outcome

    def status_of(self, post):
        status = STATUSES[post.status]
        if status != Article.Status.PUBLISHED:
            return status, None
        moment = post.date_gmt
        if moment is None and post.date_local is not None:
            moment = timezone.make_aware(post.date_local, timezone.get_default_timezone())
        if moment is None:
            raise wordpress.ItemError("berita terbit tanpa tanggal (wp:post_date_gmt kosong)")
        return status, moment

    def fields_of(self, post):
        title = " ".join(post.title.split())
        if not title:
            raise wordpress.ItemError("judul kosong")
        _check_length(Article, "headline", title, "judul")
        self.current_post = post
        body = wordpress.convert_body(post.content, image_html=self.body_image)
        self.report.removed_shortcodes.update(body.removed)
        text = _EMPTY_PARAGRAPH.sub("", sanitize_html(body.html.replace(wordpress.PAGE_BREAK_MARK, PAGE_BREAK))).strip()
        if problem := body_size_problem(text):
            raise wordpress.ItemError(problem)
        section = next((self.sections[slug] for slug in post.categories if slug in self.sections), None)
        photo = None
        if thumbnail := post.meta.get("_thumbnail_id", "").strip():
            attachment = self.export.attachments.get(int(thumbnail)) if thumbnail.isdigit() else None
            if attachment is None:
                self.missing(f"foto utama #{thumbnail}", post, "tidak ada di berkas ekspor")
            else:
                photo = self.photo_for(attachment, post)
        # Without an excerpt the summary is the one the body gives (as the model would derive it).
        lead = " ".join(strip_tags(post.excerpt).split()) or derive_lead(text)
        return {
            "headline": title,
            "slug": (slugify(post.slug) or slugify(title))[:255].strip("-") or "berita",
            "body": text,
            "lead": lead,
            # Ids, not rows: comparing them on a second run costs no query.
            "section_id": (section or self.default_section()).pk,
            "photo_id": photo,
            "seo_title": " ".join(post.meta.get("_yoast_wpseo_title", "").split())[:150],
            "meta_description": " ".join(post.meta.get("_yoast_wpseo_metadesc", "").split())[:320],
        }

    def default_section(self):
        if self.sections.get(None) is None:
            self.sections[None] = find_section(DEFAULT_SECTION)
        return self.sections[None]

    @staticmethod
    def changed_by_editors(article):
        """True unless the latest revision is the importer's own and nothing was saved since."""
        latest = workflow.versions_of(article).first()
        if latest is None or latest.revision.user_id is not None:
            return True
        if latest.revision.comment not in {WP_CREATED, WP_UPDATED}:
            return True
        try:
            return latest.field_dict.get("version") != article.version
        except Exception:  # a revision of an older model that no longer deserialises
            return True

    # Photos.

    def body_image(self, attributes, caption, credit):
        """A body image as the library photo it came from; as it was when there is none."""
        attachment = self.export.attachments.get(wordpress.attachment_id_of(attributes))
        src = attributes.get("src", "")
        if attachment is None and (path := wordpress.original_upload_path(src)):
            attachment = self.by_upload_path.get(path)
        photo = None
        if attachment is not None:
            photo = self.photo_for(attachment, self.current_post, caption=caption, credit=credit)
        elif wordpress.upload_path(src):
            self.missing(wordpress.upload_path(src), self.current_post, "bukan lampiran di berkas ekspor")
        if photo is None:
            return wordpress.plain_image(attributes)
        return body_photo_html(photo)

    def photo_for(self, attachment, post, caption="", credit=""):
        """The id of the library photo of attachment (made on first need), or None when it cannot be had."""
        if attachment.post_id in self.photos:
            return self.photos[attachment.post_id]
        key = self.key("photo", attachment.post_id)
        photo = Photo.objects.filter(import_key=key).values_list("pk", flat=True).first()
        if photo is not None:
            self.count("photos", UNCHANGED)
        else:
            try:
                photo = self.new_photo(attachment, key, caption, credit)
            except MediaError as error:
                self.missing(wordpress.upload_path(attachment.url) or attachment.url, post, str(error))
                photo = None
        self.photos[attachment.post_id] = photo
        return photo

    def new_photo(self, attachment, key, caption, credit):
        data, name = self.media_bytes(attachment.url)
        if self.dry_run:
            self.count("photos", CREATED)
            return None
        try:
            upload = photos.check_upload(SimpleUploadedFile(name, data))
        except ValidationError as error:
            raise MediaError("ditolak pemeriksaan foto: " + " ".join(error.messages)) from None
        caption, found_credit = wordpress.split_credit(attachment.caption or caption)
        credit = credit or found_credit
        photo = Photo(
            alt_text=(attachment.alt or attachment.title or caption or "Foto")[:250],
            caption=caption,
            credit=(credit or f"Dok. {self.export.title or self.site}")[:200],
            import_key=key,
        )
        photos.save_photo(photo, upload=upload)
        self.count("photos", CREATED)
        return photo.pk

    def media_bytes(self, url):
        """The file behind an attachment URL: from --media-dir, else downloaded."""
        relative = wordpress.upload_path(url)
        name = Path(relative or urlsplit(url).path).name or "foto"
        limit = photos.max_upload_bytes()
        if self.media_dir is not None and relative:
            for root in (self.media_dir, self.media_dir / "uploads", self.media_dir / "wp-content" / "uploads"):
                candidate = root / relative
                if candidate.is_file():
                    if candidate.stat().st_size > limit:
                        raise MediaError(f"lebih besar dari {settings.PHOTO_MAX_UPLOAD_MB} MB (PHOTO_MAX_UPLOAD_MB)")
                    return candidate.read_bytes(), name
        where = "tidak ada di --media-dir" if self.media_dir is not None else "tanpa --media-dir"
        if self.dry_run:
            raise MediaError(f"{where}; akan diunduh dari {url} saat impor sungguhan")
        return fetch(url, limit, where), name

    def missing(self, name, post, reason):
        where = f"«{post.title}» (wp:post_id {post.post_id})" if post else ""
        self.report.missing_media.append((name, where, reason))

    # Redirects.

    def add_redirect(self, old, new):
        """Kept until the end of the run (or of each story's save), then written in bulk."""
        if old.startswith("/?p="):
            old_path = old
        else:
            old_path = wordpress.normalise_path(old)
        if new.startswith("news:"):
            new = reverse(new)
        # Kept even where the new path is the old one (/tag/x/): its /page/N/ and feeds are looked up through it.
        if old_path in {"", "/"}:
            return
        self.redirects[old_path[:500]] = new

    def save_redirects(self):
        pending, self.redirects = self.redirects, {}
        if not pending:
            return
        existing = {}
        names = list(pending)
        for start in range(0, len(names), 500):
            chunk = names[start:start + 500]
            existing.update(Redirect.objects.filter(old_path__in=chunk).values_list("old_path", "new_path"))
        new = [Redirect(old_path=old, new_path=path, note=WP_NOTE) for old, path in pending.items() if old not in existing]
        changed = {old: path for old, path in pending.items() if old in existing and existing[old] != path}
        with transaction.atomic():
            Redirect.objects.bulk_create(new, batch_size=500)
            for old, path in changed.items():
                Redirect.objects.filter(old_path=old).update(new_path=path)
        self.report.counts["redirects"][CREATED] += len(new)
        self.report.counts["redirects"][UPDATED] += len(changed)
        self.report.counts["redirects"][UNCHANGED] += len(pending) - len(new) - len(changed)
        # bulk_create sends no signals: cached lookups learn of these here.
        redirects.redirects_changed()


def _comparable(value):
    """value as a second import compares it: the sanitiser writes the attributes it sets in no fixed order."""
    return _SET_ATTRIBUTES.sub("", value) if isinstance(value, str) else value


def body_photo_html(photo_id):
    """A library photo inside a body, in the form the sanitiser keeps (news/body.py renders it);
    a block of its own, so an image that sat inside a paragraph splits it there."""
    return f'\n\n<figure data-photo="{photo_id}"></figure>\n\n'


def fetch(url, limit, where):
    """The bytes at url, within limit and FETCH_TIMEOUT; MediaError says why not."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise MediaError(f"{where}; alamatnya bukan http(s)")
    request = urllib.request.Request(url, headers={"User-Agent": "detakbanten-import-wordpress"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise MediaError(f"{where}; gagal diunduh (HTTP {error.code})") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise MediaError(f"{where}; gagal diunduh ({reason})") from None
    if len(data) > limit:
        raise MediaError(f"{where}; unduhan lebih besar dari {settings.PHOTO_MAX_UPLOAD_MB} MB (PHOTO_MAX_UPLOAD_MB)")
    return data
