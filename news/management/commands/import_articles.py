"""Thin command around news.importers: reads the arguments, prints what happened."""

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from news.importer import ParseError
from news.importers import ImportRefused, describe, find_section, read_article, save_article
from news.models import Article

# Retracting needs a reason for readers, so it is the admin's business, not an import option.
STATUSES = [status.value for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED)]


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
