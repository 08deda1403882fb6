from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.text import slugify

from news import workflow
from news.editor import sanitize_html
from news.importer import ParseError, ParsedArticle, decode, parse_article
from news.models import Article, Author, Dateline, Section, Source, body_size_problem

DEFAULT_SECTION = "berita"
# Retracting needs a reason for readers, so it is the admin's business, not an import option.
STATUSES = [status.value for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED)]
# Outcomes of save_article, printed as they are at the start of each line.
CREATED, UPDATED, UNCHANGED = "DIBUAT", "DIPERBARUI", "TIDAK BERUBAH"


class ImportRefused(Exception):
    """The file parsed, but saving it would undo an editor's decision; the message is for editors."""


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


def parse_published_at(value):
    """An aware datetime from 2017-01-11, '2017-01-11 19:30' or ISO 8601; naive means the site's time zone."""
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.combine(day, time())
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(
            f"--published-at tidak valid: {value!r}. Contoh yang benar: 2017-01-11 atau \"2017-01-11 19:30\"."
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


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
    article = Article.objects.filter(import_key=key).first()
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


class Command(BaseCommand):
    help = (
        "Mengimpor berita dari berkas teks hasil salin situs lama (judul di baris pertama, "
        "lalu paragraf). Impor ulang berkas yang sama memperbarui berita yang sudah ada."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Berkas .txt yang diimpor.")
        parser.add_argument(
            "--section",
            help=(
                "Slug atau nama kanal; dibuat bila belum ada. Tanpa opsi ini: kanal Berita untuk berita baru, "
                "kanal yang sekarang untuk berita yang sudah ada."
            ),
        )
        parser.add_argument(
            "--status",
            choices=STATUSES,
            default=None,
            help=(
                "Status berita hasil impor: draft, review atau published. Tanpa opsi ini: published untuk "
                "berita baru, status yang sekarang untuk berita yang sudah ada."
            ),
        )
        parser.add_argument(
            "--published-at",
            help=(
                "Waktu terbit, misalnya 2017-01-11 atau \"2017-01-11 19:30\" (waktu setempat). "
                "Tanpa opsi ini: sekarang untuk berita baru, tetap untuk berita yang sudah ada."
            ),
        )

    def handle(self, *args, paths, section, status, published_at, **options):
        if section is not None and not section.strip():
            raise CommandError("--section tidak boleh kosong.")
        published_at = parse_published_at(published_at) if published_at else None
        failed = 0
        for path in paths:
            try:
                parsed = read_article(path)
                with transaction.atomic():
                    _, outcome = save_article(
                        parsed,
                        section=find_section(section) if section else None,
                        status=status,
                        published_at=published_at,
                    )
            except (ParseError, ImportRefused, DatabaseError) as error:
                failed += 1
                self.stderr.write(f"GAGAL {path}: {error}")
                continue
            self.stdout.write(self.style.SUCCESS(f"{outcome} {path}: {describe(parsed)}"))
        if failed:
            raise CommandError(f"{failed} dari {len(paths)} berkas gagal diimpor.")
