"""manage.py restore FILE.tar.gz: bring back what manage.py backup wrote, into a migrated database.

The whole archive is read and every file checked against the manifest before anything is
changed; the rows are then loaded in one transaction (loaddata), and the media written
through the default storage. A database that already holds content is left alone unless
--force is given, which replaces it.
"""

import contextlib
import hashlib
import json
import posixpath
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from .backup import DATA_DIR, FORMAT, MANIFEST, MEDIA_DIR, VERSION, backed_up_models, one_line

# What a damaged or foreign file raises while it is read: not a gzip, a cut-off stream, a bad block.
READ_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error)


class NotABackup(Exception):
    """The file is readable but is not an archive written by manage.py backup (or was changed since)."""


def members(path):
    """(name, file object) of each member of the archive, read once from start to end."""
    with tarfile.open(path, "r|gz") as archive:
        for member in archive:
            if not member.isfile():
                raise NotABackup(f"{member.name} bukan berkas biasa")
            yield member.name, archive.extractfile(member)


def safe_member(file, folder):
    """The part of an archive name after folder, refused if it could lead outside it."""
    name = file[len(folder):]
    parts = name.split("/")
    if not file.startswith(folder) or not name or name.startswith("/") or "\\" in name or ".." in parts or "." in parts \
            or posixpath.normpath(name) != name:
        raise NotABackup(f"nama berkas {file!r} tidak diterima")
    return name


def read_manifest(path):
    """The manifest, once every member has been read and matched its size and checksum."""
    digests, manifest = {}, None
    with contextlib.closing(members(path)) as contents:
        for name, stream in contents:
            if name == MANIFEST:
                try:
                    manifest = json.load(stream)
                except ValueError:
                    raise NotABackup("manifest.json tidak dapat dibaca") from None
            elif name in digests:
                raise NotABackup(f"{name} ada dua kali")
            else:
                digests[name] = hashlib.file_digest(stream, "sha256").hexdigest()
    if manifest is None and digests:
        # The manifest is written last: an archive cut short loses it first.
        raise NotABackup("arsip terpotong atau rusak, manifest.json tidak ada")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotABackup("tidak ada manifest.json buatan manage.py backup")
    if manifest.get("version") != VERSION:
        raise NotABackup(f"versi format {manifest.get('version')!r} tidak dikenal")
    try:
        listed = {entry["file"]: entry["sha256"] for entry in [*manifest["data"], *manifest["media"]]}
        for entry in manifest["data"]:
            if not safe_member(entry["file"], DATA_DIR).endswith(".jsonl") or "/" in entry["file"][len(DATA_DIR):]:
                raise NotABackup(f"nama berkas {entry['file']!r} tidak diterima")
        for entry in manifest["media"]:
            safe_member(entry["file"], MEDIA_DIR)
        if not isinstance(manifest["migrations"], dict):
            raise TypeError
    except (KeyError, TypeError, AttributeError):
        raise NotABackup("manifest.json tidak lengkap") from None
    if missing := sorted(listed.keys() - digests.keys()):
        raise NotABackup(f"arsip tidak lengkap: {missing[0]} tidak ada")
    if extra := sorted(digests.keys() - listed.keys()):
        raise NotABackup(f"{extra[0]} tidak tercatat di manifest")
    if damaged := [name for name in listed if listed[name] != digests[name]]:
        raise NotABackup(f"{damaged[0]} rusak (checksum tidak cocok)")
    return manifest


def content_models():
    """The rows whose presence means the database is in use: the news app's and the revisions."""
    return [*apps.get_app_config("news").get_models(), apps.get_model("reversion.Revision")]


def tables_to_replace(models):
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
                   if field.remote_field.through._meta.auto_created]
    if apps.is_installed("django.contrib.sessions"):
        # The accounts are replaced: nobody stays logged in as someone who may no longer exist.
        tables.append(apps.get_model("sessions.Session")._meta.db_table)
    return tables


class Command(BaseCommand):
    help = (
        "Memulihkan isi situs dan berkas media dari berkas cadangan buatan manage.py backup, ke basis data "
        "yang sudah di-migrate. Menolak bila basis data sudah berisi berita, kecuali dengan --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas cadangan buatan manage.py backup (.tar.gz).")
        parser.add_argument(
            "--force", action="store_true",
            help="Ganti isi basis data yang ada (berita, revisi, pengguna, grup, sesi login) dengan isi cadangan. "
            "Berkas media yang tidak ada di cadangan dibiarkan.",
        )

    def handle(self, *args, file, force, **options):
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{file} adalah folder, bukan berkas cadangan.")
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ditemukan.")
        try:
            manifest = read_manifest(path)
        except NotABackup as error:
            raise CommandError(f"{file} bukan berkas cadangan detakbanten yang utuh: {error}. Tidak ada yang diubah.") from error
        except PermissionError as error:
            raise CommandError(f"Berkas {file} tidak boleh dibaca oleh pengguna ini. Tidak ada yang diubah.") from error
        except READ_ERRORS as error:
            raise CommandError(f"{file} rusak atau bukan berkas cadangan detakbanten. Tidak ada yang diubah.") from error
        self.check_target(manifest, force)
        written = []
        try:
            with transaction.atomic():
                if force:
                    self.empty_tables()
                self.load_data(path, manifest)
                self.write_media(path, written)
        except BaseException as error:
            for name in written:
                default_storage.delete(name)
            if isinstance(error, CommandError) or not isinstance(error, Exception):
                raise
            raise CommandError(f"Pemulihan gagal, basis data tidak diubah: {one_line(error)}") from error
        self.clear_caches()
        rows = {entry["model"]: entry["rows"] for entry in manifest["data"]}
        self.stdout.write(self.style.SUCCESS(
            f"Cadangan {file} dipulihkan: {rows.get('news.article', 0)} berita, {rows.get('reversion.revision', 0)} revisi, "
            f"{rows.get('auth.user', 0)} pengguna, {len(manifest['media'])} berkas media."
        ))

    def check_target(self, manifest, force):
        """Refuse, before changing anything, a database that is not ready for this backup or already in use."""
        try:
            recorder = MigrationRecorder(connection)
            if not recorder.has_table():
                raise CommandError("Basis data belum disiapkan: jalankan manage.py migrate dulu.")
            applied = set(recorder.applied_migrations())
            missing = [f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names
                       if (app, name) not in applied]
            if missing:
                raise CommandError(
                    f"Cadangan dibuat dengan skema yang lebih baru ({missing[-1]} belum dijalankan di sini). "
                    "Perbarui kode lalu jalankan manage.py migrate dulu. Tidak ada yang diubah."
                )
            if force:
                return
            articles = apps.get_model("news.Article")._base_manager.count()
            others = sum(model._base_manager.count() for model in content_models())
        except DatabaseError as error:
            raise CommandError(f"Basis data tidak dapat dibaca: {one_line(error)}") from error
        if others:
            held = f"{articles} berita" if articles else "kanal, foto atau revisi"
            raise CommandError(
                f"Basis data tujuan sudah berisi {held}. Tidak ada yang diubah; pakai --force untuk "
                "menggantinya dengan isi cadangan."
            )

    def empty_tables(self):
        if connection.vendor == "postgresql":
            # TRUNCATE refuses a table with foreign-key checks still pending in this transaction
            # (an outer one, say): run them now.
            connection.check_constraints()
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables_to_replace(backed_up_models())))

    def load_data(self, path, manifest):
        # loaddata turns the natural keys back into rows, checks every constraint at the end and,
        # on PostgreSQL, moves the id sequences past the loaded rows.
        wanted = [entry["file"] for entry in manifest["data"] if entry["rows"]]
        with tempfile.TemporaryDirectory(prefix="detakbanten-restore-") as work:
            extracted = {}
            with contextlib.closing(members(path)) as contents:
                for name, stream in contents:
                    if name in wanted:
                        extracted[name] = Path(work) / posixpath.basename(name)
                        with open(extracted[name], "wb") as copy:
                            shutil.copyfileobj(stream, copy)
                        if len(extracted) == len(wanted):
                            break
            if wanted:
                call_command("loaddata", *(str(extracted[name]) for name in wanted), verbosity=0)

    def write_media(self, path, written):
        with contextlib.closing(members(path)) as contents:
            for file, stream in contents:
                if not file.startswith(MEDIA_DIR):
                    continue
                name = file[len(MEDIA_DIR):]
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(stream.read()))
                written.append(saved)
                if saved != name:
                    raise CommandError(f"Penyimpanan media menyimpan {name} sebagai {saved}; pemulihan dibatalkan.")

    def clear_caches(self):
        # Pages and fragments cached from what the database held before would otherwise be served again.
        for alias in settings.CACHES:
            try:
                caches[alias].clear()
            except Exception as error:
                self.stderr.write(f"Cache {alias} tidak dapat dikosongkan ({one_line(error)}); kosongkan sendiri.")
